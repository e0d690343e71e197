using System.CommandLine;
using Wellhouse.Hosting;
using Wellhouse.Ingest;
using Wellhouse.Refresh;

namespace Wellhouse.Cli;

/// <summary>
/// <c>wellhouse batches list|retract</c>: the raw store's accepted batches, and the operator's way to take one back
/// (as <c>GET</c> and <c>DELETE /api/ingest/batches/{id}</c> do).
/// </summary>
internal static class BatchCommands
{
    public static void Add(RootCommand root)
    {
        var listDataDir = DataDirOption.Create();
        var list = new Command("list", "The accepted batches, oldest first: id, rows, received at, format, source.") { listDataDir };
        list.SetAction(StorageGuard.Wrap(async (parse, _) =>
        {
            using var host = Host(parse, listDataDir);
            foreach (var batch in host.Services.GetRequiredService<RawStore>().List())
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(
                    $"{batch.Id}  {batch.Rows,10} rows  {batch.ReceivedAt:yyyy-MM-dd HH:mm:ss}Z  {batch.Format,-7}  {batch.SourceName ?? "-"}");
            }

            return 0;
        }));

        var id = new Argument<string>("id") { Description = "The batch id (as `wellhouse batches list` shows it)." };
        var retractDataDir = DataDirOption.Create();
        var retract = new Command("retract", "Remove an accepted batch from the raw store; the next refresh rebuilds every model without its rows.")
        {
            id,
            retractDataDir,
        };
        retract.SetAction(StorageGuard.Wrap(async (parse, _) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var batchId = parse.GetValue(id)!;
            if (!RawStore.IsBatchId(batchId))
            {
                await error.WriteLineAsync($"'{batchId}' is not a batch id (64 hex digits; see `wellhouse batches list`)");
                return 2;
            }

            using var host = Host(parse, retractDataDir);
            var (batch, runningId) = host.Services.GetRequiredService<RefreshCoordinator>().TryRetract(batchId);
            if (runningId is not null)
            {
                await error.WriteLineAsync($"a refresh is running ({runningId}); retract the batch when it has finished");
                return 3;
            }

            if (batch is null)
            {
                await error.WriteLineAsync($"no batch {batchId} in {host.Services.GetRequiredService<DataDirectory>().Root}");
                return 1;
            }

            await output.WriteLineAsync($"retracted batch {batch.Id} ({batch.Rows} rows); the next refresh rebuilds every model without them");
            return 0;
        }));

        root.Subcommands.Add(new Command("batches", "The raw store's accepted batches: list them, or retract one.") { list, retract });
    }

    private static IHost Host(ParseResult parse, Option<string?> dataDir)
    {
        var host = WellhouseWebHost.CreateHostBuilder(DataDirOption.HostArgs(parse.GetValue(dataDir), "--Logging:LogLevel:Default=Warning"),
            background: false).Build();
        host.Services.GetRequiredService<DataDirectory>().EnsureCreated();
        return host;
    }
}
