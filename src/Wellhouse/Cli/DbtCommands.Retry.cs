using System.CommandLine;
using Wellhouse.Transform.Execution;
using Wellhouse.Warehouse;

namespace Wellhouse.Cli;

/// <summary>
/// <c>wellhouse retry</c>: reruns, from the last run's target/run_results.json, the nodes that errored, failed or were
/// skipped, with that run's command and flags (dbt docs: "retry"). <c>--state DIR</c> reads another folder's results.
/// </summary>
internal static partial class DbtCommands
{
    private static void AddRetry(RootCommand root, DbtOptions options)
    {
        var command = new Command("retry", "Rerun the nodes that errored, failed or were skipped in the last run, with its command and flags.");
        options.AddTo(command, selection: false, run: false);
        command.Options.Add(options.State);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = new DbtConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var projectDir = options.ProjectDirOf(parse);
            var overrides = new DbtRunOptions
            {
                ProjectDir = projectDir,
                ProfilesDir = parse.GetValue(options.ProfilesDir),
                Target = parse.GetValue(options.Target),
                VarsYaml = parse.GetValue(options.Vars),
                Log = console.Line,
                CSharpModels = WarehouseModels.ByName,
            };
            var plan = DbtRetry.Plan(overrides, DbtRetry.ResultsDirectory(projectDir, options.StatePathOf(parse)));
            if (plan.Options is not { } runOptions)
            {
                if (plan.ExitCode == 0)
                {
                    console.Line(plan.Message);
                }
                else
                {
                    console.Error(plan.Message);
                }

                return plan.ExitCode;
            }

            console.Line(plan.Message);
            return await RunAndReportAsync(console, runOptions, cancellationToken).ConfigureAwait(false);
        });
        root.Subcommands.Add(command);
    }
}
