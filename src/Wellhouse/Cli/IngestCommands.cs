using System.CommandLine;
using Wellhouse.Hosting;
using Wellhouse.Generate;
using Wellhouse.Ingest;
using Wellhouse.Sample;

namespace Wellhouse.Cli;

/// <summary><c>wellhouse ingest FILE</c>: adds a file in the raw contract to the raw store, as <c>POST /api/ingest</c> does.</summary>
internal static class IngestCommands
{
    public static void Add(RootCommand root)
    {
        var file = new Argument<FileInfo>("file") { Description = "A CSV, JSON, NDJSON or Parquet file in the raw contract." };
        var dataDir = DataDirOption.Create();
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Keep the valid rows and report the others." };
        var format = new Option<string?>("--format")
        {
            Description = "csv, json, ndjson or parquet in the raw contract (default: from the extension), or volve for Equinor's daily Volve CSV.",
        };
        var ingest = new Command("ingest", "Add a file of raw production rows to the raw store.") { file, dataDir, skipInvalid, format };
        ingest.SetAction(StorageGuard.Wrap(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(file)!;
            if (string.Equals(parse.GetValue(format), "volve", StringComparison.OrdinalIgnoreCase))
            {
                if (!path.Exists)
                {
                    await error.WriteLineAsync($"{path.FullName}: no such file");
                    return 2;
                }

                return await IngestVolveAsync(parse, path, dataDir, cancellationToken);
            }

            var uploadFormat = UploadFormats.Detect(parse.GetValue(format), null, path.Name);
            if (!path.Exists || uploadFormat is null)
            {
                await error.WriteLineAsync(!path.Exists ? $"{path.FullName}: no such file" : $"{path.FullName}: unknown format; use --format");
                return 2;
            }

            return await StoreAsync(parse, path, path.Name, uploadFormat.Value, dataDir, parse.GetValue(skipInvalid), cancellationToken);
        }));
        root.Subcommands.Add(ingest);
    }

    /// <summary>Converts Equinor's daily Volve CSV to the raw contract (Sm3 to bbl and scf) and stores it as one batch.</summary>
    private static async Task<int> IngestVolveAsync(ParseResult parse, FileInfo path, Option<string?> dataDir, CancellationToken cancellationToken)
    {
        var converted = Path.Combine(Path.GetTempPath(), $"wellhouse-volve-{Guid.NewGuid():N}.parquet");
        try
        {
            using (var writer = new RawRowWriter())
            {
                writer.Write(VolveImporter.Read(path.FullName), converted);
            }

            return await StoreAsync(parse, new FileInfo(converted), path.Name, UploadFormat.Parquet, dataDir, skipInvalid: false, cancellationToken);
        }
        catch (VolveImportException exception)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync(exception.Message);
            return 1;
        }
        finally
        {
            File.Delete(converted);
        }
    }

    private static async Task<int> StoreAsync(
        ParseResult parse, FileInfo path, string sourceName, UploadFormat uploadFormat, Option<string?> dataDir, bool skipInvalid, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        // The host's services, so ingest reads the configuration a refresh reads (data directory, warehouse project).
        using var host = WellhouseWebHost.CreateHostBuilder(DataDirOption.HostArgs(parse.GetValue(dataDir), "--Logging:LogLevel:Default=Warning"),
            background: false).Build();
        var data = host.Services.GetRequiredService<DataDirectory>();
        data.EnsureCreated();
        var service = host.Services.GetRequiredService<IngestService>();
        await using var stream = path.OpenRead();
        var outcome = await service.IngestAsync(stream, uploadFormat, sourceName, skipInvalid, long.MaxValue, cancellationToken);
        foreach (var rowError in outcome.Errors ?? outcome.Result?.Errors ?? [])
        {
            await error.WriteLineAsync($"{sourceName}: {rowError.Where}, column {rowError.Column ?? "-"}: {rowError.Reason}");
        }

        switch (outcome.Status)
        {
            case IngestStatus.Accepted:
                await output.WriteLineAsync($"accepted batch {outcome.Result!.Batch.Id}: {outcome.Result.Batch.Rows} rows ({outcome.InvalidRows} skipped) into {data.Root}");
                if (outcome.Message is not null)
                {
                    await error.WriteLineAsync($"{sourceName}: {outcome.Message}");
                }

                return 0;
            case IngestStatus.Duplicate:
                await output.WriteLineAsync($"already ingested as batch {outcome.Result!.Batch.Id}; nothing changed");
                return 0;
            default:
                await error.WriteLineAsync($"{sourceName}: {outcome.Message}");
                return 1;
        }
    }
}
