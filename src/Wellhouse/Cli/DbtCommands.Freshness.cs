using System.CommandLine;
using Wellhouse.Transform.Execution.Freshness;

namespace Wellhouse.Cli;

/// <summary>
/// <c>wellhouse source freshness</c>: checks max(loaded_at_field) of the selected sources against their
/// warn_after/error_after, prints dbt's PASS/WARN/ERROR STALE lines and writes target/sources.json; exit 1 when a
/// source is past error_after or its query failed (dbt docs: "source freshness").
/// </summary>
internal static partial class DbtCommands
{
    private static void AddSourceFreshness(RootCommand root, DbtOptions options)
    {
        var output = new Option<string>("--output", "-o") { Description = "Where to write sources.json (default: target/sources.json)." };
        var freshness = new Command("freshness", "Check the freshness of the selected sources and write target/sources.json.") { output };
        options.AddTo(freshness, selection: true, run: false);
        freshness.SetAction(async (parse, cancellationToken) =>
        {
            var console = new DbtConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var runOptions = options.ToRunOptions(parse, Transform.Execution.DbtCommandKind.Compile, console.Line, which: "freshness");
            console.Line("Running with wellhouse, project " + runOptions.ProjectDir);
            SourceFreshnessReport report;
            try
            {
                report = await SourceFreshnessRunner.RunAsync(runOptions, cancellationToken, outputPath: parse.GetValue(output) is { } path ? Path.GetFullPath(path) : null).ConfigureAwait(false);
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

            if (report.Results is { Count: 0 })
            {
                console.Line("Nothing to do: no selected source has a freshness threshold and a loaded_at_field.");
            }

            return report.ExitCode;
        });
        var source = new Command("source", "Commands on the project's sources.") { freshness };
        root.Subcommands.Add(source);
    }
}
