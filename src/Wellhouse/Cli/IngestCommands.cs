using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Wellhouse.Hosting;
using Wellhouse.Ingest;

namespace Wellhouse.Cli;

/// <summary><c>wellhouse ingest FILE</c>: adds a file in the raw contract to the raw store, as <c>POST /api/ingest</c> does.</summary>
internal static class IngestCommands
{
    public static void Add(RootCommand root)
    {
        var file = new Argument<FileInfo>("file") { Description = "A CSV, JSON, NDJSON or Parquet file in the raw contract." };
        var dataDir = DataDirOption.Create();
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Keep the valid rows and report the others." };
        var format = new Option<string?>("--format") { Description = "csv, json, ndjson or parquet (default: from the extension)." };
        var ingest = new Command("ingest", "Add a file of raw production rows to the raw store.") { file, dataDir, skipInvalid, format };
        ingest.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(file)!;
            var uploadFormat = UploadFormats.Detect(parse.GetValue(format), null, path.Name);
            if (!path.Exists || uploadFormat is null)
            {
                await error.WriteLineAsync(!path.Exists ? $"{path.FullName}: no such file" : $"{path.FullName}: unknown format; use --format");
                return 2;
            }

            var data = DataDirectory.Resolve(parse.GetValue(dataDir));
            data.EnsureCreated();
            var service = new IngestService(new RawStore(data), TimeProvider.System, NullLogger<IngestService>.Instance);
            await using var stream = path.OpenRead();
            var outcome = await service.IngestAsync(stream, uploadFormat.Value, path.Name, parse.GetValue(skipInvalid), long.MaxValue, cancellationToken);
            foreach (var rowError in outcome.Errors ?? outcome.Result?.Errors ?? [])
            {
                await error.WriteLineAsync($"{path.Name}: row {rowError.Row}, column {rowError.Column ?? "-"}: {rowError.Reason}");
            }

            switch (outcome.Status)
            {
                case IngestStatus.Accepted:
                    await output.WriteLineAsync($"accepted batch {outcome.Result!.Batch.Id}: {outcome.Result.Batch.Rows} rows ({outcome.InvalidRows} skipped) into {data.Root}");
                    return 0;
                case IngestStatus.Duplicate:
                    await output.WriteLineAsync($"already ingested as batch {outcome.Result!.Batch.Id}; nothing changed");
                    return 0;
                default:
                    await error.WriteLineAsync($"{path.Name}: {outcome.Message}");
                    return 1;
            }
        });
        root.Subcommands.Add(ingest);
    }
}
