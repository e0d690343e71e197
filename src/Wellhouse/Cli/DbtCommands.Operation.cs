using System.CommandLine;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Cli;

internal static partial class DbtCommands
{
    /// <summary>dbt's <c>run-operation MACRO --args '{...}'</c>: exit 0 when the macro ran, 1 when it failed, 2 when the
    /// project, the macro name or the arguments are wrong.</summary>
    private static void AddRunOperation(RootCommand root, DbtOptions options)
    {
        var command = new Command("run-operation", "Call a macro of the project or a package (name or package.name) against the target database.");
        var macro = new Argument<string>("macro") { Description = "The macro to call: name, or package.name." };
        var args = new Option<string?>("--args") { Description = "The macro's keyword arguments as a YAML mapping, e.g. '{table: orders, days: 3}'." };
        command.Arguments.Add(macro);
        command.Options.Add(args);
        options.AddTo(command, selection: false, run: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = new DbtConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var runOptions = options.ToRunOptions(parse, DbtCommandKind.Run, console.Line);
            console.Line("Running with wellhouse, project " + runOptions.ProjectDir);
            DbtRunReport report;
            try
            {
                report = await DbtRunner.RunOperationAsync(runOptions, parse.GetValue(macro)!, parse.GetValue(args), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                console.Error("Cancelled.");
                return 130;
            }

            foreach (var problem in report.FormatProblems())
            {
                console.Error(problem);
            }

            return report.ExitCode;
        });
        root.Subcommands.Add(command);
    }

    /// <summary>dbt's <c>show --select X | --inline 'select ...' [--limit N]</c>: previews rows without building.</summary>
    private static void AddShow(RootCommand root, DbtOptions options)
    {
        var command = new Command("show", "Preview the rows of a model, snapshot or analysis (or of --inline SQL) without building it.");
        var inline = new Option<string?>("--inline") { Description = "SQL to preview instead of a selected node; ref() and source() work." };
        var limit = new Option<int>("--limit") { Description = "Rows to show (default 5; -1 for all).", DefaultValueFactory = _ => 5 };
        command.Options.Add(inline);
        command.Options.Add(limit);
        options.AddTo(command, selection: true, run: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = new DbtConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var runOptions = options.ToRunOptions(parse, DbtCommandKind.Compile, console.Line);
            var report = await DbtRunner.ShowAsync(runOptions, parse.GetValue(inline), parse.GetValue(limit), cancellationToken).ConfigureAwait(false);
            foreach (var problem in report.FormatProblems())
            {
                console.Error(problem);
            }

            return report.ExitCode;
        });
        root.Subcommands.Add(command);
    }
}
