using System.CommandLine;
using Wellhouse.Hosting;
using Wellhouse.Refresh;
using Wellhouse.Snapshots;

namespace Wellhouse.Cli;

/// <summary>
/// <c>wellhouse refresh</c>: raw store -> new snapshot -> tests -> publish, in this process. A running server picks the
/// publish up within its pointer poll interval. Exit code 0 only when the snapshot was published.
/// </summary>
internal static class RefreshCommands
{
    public static void Add(RootCommand root)
    {
        var dataDir = DataDirOption.Create();
        var fullRefresh = new Option<bool>("--full-refresh")
        {
            Description = "Rebuild every model into an empty snapshot instead of building on the published one.",
        };
        var refresh = new Command("refresh", "Build a new snapshot from the raw store, test it, and publish it if no error-severity test failed. "
            + "Incremental on the published snapshot unless --full-refresh, the project or the raw contract changed, or there is none.")
        {
            dataDir,
            fullRefresh,
        };
        refresh.SetAction(StorageGuard.Wrap(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            using var host = WellhouseWebHost.CreateHostBuilder(DataDirOption.HostArgs(parse.GetValue(dataDir), "--Logging:LogLevel:Default=Warning"),
                background: false).Build();
            host.Services.GetRequiredService<DataDirectory>().EnsureCreated();
            host.Services.GetRequiredService<SnapshotProvider>().Serves = false;
            var coordinator = host.Services.GetRequiredService<RefreshCoordinator>();
            var start = coordinator.TryStart("cli", parse.GetValue(fullRefresh));
            if (start.Started is null)
            {
                await error.WriteLineAsync($"a refresh is already running ({start.RunningId})");
                return 3;
            }

            await using var registration = cancellationToken.Register(() => coordinator.Cancel(start.Started.Id));
            var run = await coordinator.WaitAsync(start.Started.Id);
            foreach (var node in run?.Nodes ?? [])
            {
                await output.WriteLineAsync($"{node.Status,-8} {node.UniqueId} ({node.ExecutionTimeSeconds:F2}s){(node.Message is null ? "" : ": " + node.Message)}");
            }

            await (run?.Published == true ? output : error).WriteLineAsync(run?.Published == true
                ? $"published snapshot {run.Id} in {run.DurationSeconds:F1}s ({run.Mode}: {run.ModeReason})"
                : $"refresh {run?.Id} {run?.Status}: {run?.Error}");
            return run?.Published == true ? 0 : 1;
        }));
        root.Subcommands.Add(refresh);
    }
}
