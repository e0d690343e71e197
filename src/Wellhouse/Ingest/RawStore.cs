using System.Text.Json;
using System.Text.RegularExpressions;
using Wellhouse.Hosting;

namespace Wellhouse.Ingest;

/// <summary>
/// The append-only raw store: one immutable Parquet file per accepted batch, named by the content hash of the upload.
/// A batch becomes visible only when its Parquet file is renamed into place after an fsync, so nothing half-written is
/// ever read, and sending the same content again finds the same name and changes nothing.
/// </summary>
internal sealed partial class RawStore(DataDirectory data)
{
    private readonly Lock _commitGate = new();

    public string ParquetPath(string id) => Path.Combine(data.Batches, id + ".parquet");

    private string InfoPath(string id) => Path.Combine(data.Batches, id + ".json");

    public static bool IsBatchId(string? id) => id is not null && BatchIdPattern().IsMatch(id);

    public BatchInfo? Find(string id)
    {
        if (!IsBatchId(id) || !File.Exists(ParquetPath(id)))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<BatchInfo>(File.ReadAllText(InfoPath(id)), Snapshots.SnapshotStore.Json);
        }
        catch (FileNotFoundException)
        {
            return new BatchInfo { Id = id, ReceivedAt = File.GetLastWriteTimeUtc(ParquetPath(id)), Format = "parquet", Rows = -1 };
        }
    }

    /// <summary>Every accepted batch, oldest first.</summary>
    public IReadOnlyList<BatchInfo> List()
    {
        if (!Directory.Exists(data.Batches))
        {
            return [];
        }

        return Directory.EnumerateFiles(data.Batches, "*.parquet")
            .Select(path => Find(Path.GetFileNameWithoutExtension(path)))
            .OfType<BatchInfo>()
            .OrderBy(batch => batch.ReceivedAt)
            .ThenBy(batch => batch.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// A fresh temporary path in the store's incoming folder (same file system as the batches, so renames are atomic),
    /// named <c>&lt;process id&gt;-&lt;guid&gt;.&lt;extension&gt;</c> so that recovery can tell a running ingest's
    /// files (a CLI ingest beside the server) from the leftovers of a killed one.
    /// </summary>
    public string NewTempPath(string extension)
    {
        Directory.CreateDirectory(data.Incoming);
        return Path.Combine(data.Incoming, $"{Environment.ProcessId}-{Guid.NewGuid():N}.{extension}");
    }

    /// <summary>
    /// Writes the batch (Parquet first to a temp name, fsynced, renamed; then its description); returns false and
    /// writes nothing when a batch with the same content hash is already stored.
    /// </summary>
    public bool Commit(BatchInfo info, BatchWriter rows)
    {
        Directory.CreateDirectory(data.Batches);
        var temp = NewTempPath("parquet");
        try
        {
            rows.WriteParquet(temp);
            lock (_commitGate)
            {
                if (File.Exists(ParquetPath(info.Id)))
                {
                    return false;
                }

                DurableFile.WriteAllText(InfoPath(info.Id), JsonSerializer.Serialize(info, Snapshots.SnapshotStore.Json));
                return DurableFile.MoveIntoPlace(temp, ParquetPath(info.Id));
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Deletes leftovers of interrupted uploads: files in incoming/ whose process is gone (killed; a running CLI
    /// ingest's files stay), and descriptions without a Parquet file.
    /// </summary>
    public void Recover()
    {
        DeleteAbandonedTempFiles();

        if (Directory.Exists(data.Batches))
        {
            foreach (var info in Directory.EnumerateFiles(data.Batches, "*.json"))
            {
                if (!File.Exists(Path.ChangeExtension(info, ".parquet")))
                {
                    File.Delete(info);
                }
            }
        }
    }

    /// <summary>Deletes the files in incoming/ of processes that no longer run (each ingest calls this first).</summary>
    public void DeleteAbandonedTempFiles()
    {
        if (!Directory.Exists(data.Incoming))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(data.Incoming))
        {
            var name = Path.GetFileName(file);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            var owner = dash > 0 && int.TryParse(name.AsSpan(0, dash), out var pid) ? pid : (int?)null;
            if (owner is { } running && (running == Environment.ProcessId || IsRunning(running)))
            {
                continue;
            }

            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Another recovery deleted it first.
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Removes an accepted batch (the operator's way out for rows that should never have been stored): its Parquet
    /// file first, so that a crash in between leaves a description without data, which recovery deletes. The caller
    /// holds refresh.lock, so no build is reading it. Snapshots built from it stay as they are; the next refresh sees a
    /// batch of its parent gone and rebuilds every model.
    /// </summary>
    public BatchInfo? Retract(string id)
    {
        if (Find(id) is not { } batch)
        {
            return null;
        }

        File.Delete(ParquetPath(id));
        DurableFile.FsyncFolderOf(ParquetPath(id));
        File.Delete(InfoPath(id));
        return batch;
    }

    /// <summary>Checks that the store can be written (for /health): creates and deletes a probe file.</summary>
    public string? WritableError()
    {
        try
        {
            var probe = NewTempPath("probe");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex BatchIdPattern();
}
