using System.CommandLine;
using Wellhouse.Hosting;
using Wellhouse.Generate;
using Wellhouse.Ingest;
using Wellhouse.Sample;

namespace Wellhouse.Cli;

/// <summary>
/// <c>wellhouse ingest FILE...</c>: adds files in the raw contract to the raw store, each as one batch, as <c>POST
/// /api/ingest</c> does; one process for all of them (a file that fails is reported and the others still go in; the exit
/// code is then non-zero).
/// </summary>
internal static class IngestCommands
{
    public static void Add(RootCommand root)
    {
        var files = new Argument<FileInfo[]>("file")
        {
            Description = "CSV, JSON, NDJSON or Parquet files in the raw contract (each becomes one batch).",
            Arity = ArgumentArity.OneOrMore,
        };
        var dataDir = DataDirOption.Create();
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Keep the valid rows and report the others." };
        var format = new Option<string?>("--format")
        {
            Description = "csv, json, ndjson or parquet in the raw contract (default: from the extension), or volve for Equinor's daily Volve CSV.",
        };
        var ingest = new Command("ingest", "Add files of raw production rows to the raw store, each as one batch.") { files, dataDir, skipInvalid, format };
        ingest.SetAction(StorageGuard.Wrap(async (parse, cancellationToken) =>
        {
            // Every file's existence and format first: a mistyped name stops the command before anything is stored.
            var error = parse.InvocationConfiguration.Error;
            var volve = string.Equals(parse.GetValue(format), "volve", StringComparison.OrdinalIgnoreCase);
            var uploads = new List<(FileInfo Path, UploadFormat? Format)>();
            foreach (var path in parse.GetValue(files)!)
            {
                var uploadFormat = volve ? null : UploadFormats.Detect(parse.GetValue(format), null, path.Name);
                if (!path.Exists || (!volve && uploadFormat is null))
                {
                    await error.WriteLineAsync(!path.Exists ? $"{path.FullName}: no such file" : $"{path.FullName}: unknown format; use --format");
                    return 2;
                }

                uploads.Add((path, uploadFormat));
            }

            // The host's services, so ingest reads the configuration a refresh reads (data directory, warehouse project).
            using var host = WellhouseWebHost.CreateHostBuilder(DataDirOption.HostArgs(parse.GetValue(dataDir), "--Logging:LogLevel:Default=Warning"),
                background: false).Build();
            host.Services.GetRequiredService<DataDirectory>().EnsureCreated();
            var exit = 0;
            foreach (var (path, uploadFormat) in uploads)
            {
                var outcome = uploadFormat is { } known
                    ? await StoreAsync(parse, host, path, path.Name, known, parse.GetValue(skipInvalid), cancellationToken)
                    : await IngestVolveAsync(parse, host, path, cancellationToken);
                exit = Math.Max(exit, outcome);
            }

            return exit;
        }));
        root.Subcommands.Add(ingest);
    }

    /// <summary>Converts Equinor's daily Volve CSV to the raw contract (Sm3 to bbl and scf) and stores it as one batch.</summary>
    private static async Task<int> IngestVolveAsync(ParseResult parse, IHost host, FileInfo path, CancellationToken cancellationToken)
    {
        var converted = Path.Combine(Path.GetTempPath(), $"wellhouse-volve-{Guid.NewGuid():N}.parquet");
        try
        {
            using (var writer = new RawRowWriter())
            {
                writer.Write(VolveImporter.Read(path.FullName), converted);
            }

            return await StoreAsync(parse, host, new FileInfo(converted), path.Name, UploadFormat.Parquet, skipInvalid: false, cancellationToken);
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
        ParseResult parse, IHost host, FileInfo path, string sourceName, UploadFormat uploadFormat, bool skipInvalid, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var data = host.Services.GetRequiredService<DataDirectory>();
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
