using System.CommandLine;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Cli;

/// <summary>
/// dbt's verbs over a dbt project: <c>build run test seed compile</c> run nodes through <see cref="DbtRunner"/>;
/// <c>ls parse debug clean</c> live in their own files. Exit codes as dbt's: 0 success, 1 a node failed, 2 the project
/// or the flags are invalid.
/// </summary>
internal static partial class DbtCommands
{
    public static void Add(RootCommand root)
    {
        var options = new DbtOptions();
        AddRunVerb(root, options, "build", "Seed, run and test the selected nodes in DAG order.", DbtCommandKind.Build);
        AddRunVerb(root, options, "run", "Build the selected models.", DbtCommandKind.Run);
        AddRunVerb(root, options, "test", "Run the selected tests.", DbtCommandKind.Test);
        AddRunVerb(root, options, "seed", "Load the selected seed CSV files.", DbtCommandKind.Seed);
        AddRunVerb(root, options, "snapshot", "Record changes of the selected snapshots' queries (type-2 history tables).", DbtCommandKind.Snapshot);
        AddRunVerb(root, options, "compile", "Compile the selected models and tests into target/compiled.", DbtCommandKind.Compile);
        AddList(root, options);
        AddParse(root, options);
        AddDebug(root, options);
        AddClean(root, options);
        AddDeps(root, options);
        AddRetry(root, options);
        AddSourceFreshness(root, options);
        AddDocs(root, options);
        AddRunOperation(root, options);
        AddShow(root, options);
    }

    private static void AddRunVerb(RootCommand root, DbtOptions options, string name, string description, DbtCommandKind kind)
    {
        var command = new Command(name, description);
        options.AddTo(command, selection: true, run: kind != DbtCommandKind.Compile);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = new DbtConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var runOptions = options.ToRunOptions(parse, kind, console.Line);
            console.Line("Running with wellhouse, project " + runOptions.ProjectDir);
            return await RunAndReportAsync(console, runOptions, cancellationToken).ConfigureAwait(false);
        });
        root.Subcommands.Add(command);
    }

    /// <summary>Runs a dbt verb through <see cref="DbtRunner"/> and prints its problems; the exit code as dbt's (130 when
    /// cancelled, 2 for an unexpected failure, never a stack trace).</summary>
    private static async Task<int> RunAndReportAsync(DbtConsole console, DbtRunOptions runOptions, CancellationToken cancellationToken)
    {
        DbtRunReport report;
        try
        {
            report = await DbtRunner.RunAsync(runOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            console.Error("Cancelled.");
            return 130;
        }
        catch (Exception ex)
        {
            console.Error($"error: {ex.GetType().Name}: {ex.Message}");
            return 2;
        }

        foreach (var problem in report.FormatProblems())
        {
            console.Error(problem);
        }

        if (report.Outcome is { Cancelled: true })
        {
            console.Error("Cancelled: the remaining nodes were skipped.");
            return 130;
        }

        if (report.Outcome is { } outcome && outcome.Results.Count == 0)
        {
            console.Line("Nothing to do: the selection matched no node this command runs.");
        }

        return report.ExitCode;
    }
}
