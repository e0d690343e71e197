using System.Text.Json;
using Wellhouse.Hosting;

namespace Wellhouse.Snapshots;

/// <summary>
/// The versioned snapshots and the publish pointer. A build writes the snapshot's relations (<c>&lt;id&gt;.duckdb</c>, or
/// the schema <c>wh_&lt;id&gt;</c> on PostgreSQL: <see cref="ISnapshotDatabase"/>); <see cref="Finish"/> records it;
/// <see cref="Publish"/> replaces the pointer file <c>current</c> by rename (atomic), so readers see the old snapshot or
/// the new one, never a mix. Relations without their <c>.json</c> are an unfinished build and are never served.
/// </summary>
internal sealed class SnapshotStore(DataDirectory data, ISnapshotDatabase database, ILogger<SnapshotStore> logger)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>The snapshot's DuckDB file (the DuckDB engine; on PostgreSQL no such file is written).</summary>
    public string DatabasePath(string id) => Path.Combine(data.Snapshots, id + ".duckdb");

    /// <summary>Where the snapshots' relations live (a DuckDB file or a PostgreSQL schema per snapshot).</summary>
    public ISnapshotDatabase Database => database;

    /// <summary>The snapshot's serving store (src/Wellhouse/Serving), a cache derived from the database file.</summary>
    public string ServePath(string id) => Path.Combine(data.Snapshots, id + ".serve");

    private string InfoPath(string id) => Path.Combine(data.Snapshots, id + ".json");

    /// <summary>The published snapshot's id, or null before the first publish.</summary>
    public string? CurrentId()
    {
        try
        {
            var id = File.ReadAllText(data.CurrentPointer).Trim();
            return SnapshotIds.IsValid(id) ? id : null;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public SnapshotInfo? Find(string id)
    {
        if (!SnapshotIds.IsValid(id) || !File.Exists(InfoPath(id)) || !database.Exists(id))
        {
            return null;
        }

        return JsonSerializer.Deserialize<SnapshotInfo>(File.ReadAllText(InfoPath(id)), Json);
    }

    /// <summary>Finished snapshots, newest first.</summary>
    public IReadOnlyList<SnapshotListing> List()
    {
        if (!Directory.Exists(data.Snapshots))
        {
            return [];
        }

        var current = CurrentId();
        return Directory.EnumerateFiles(data.Snapshots, "*.json")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Where(SnapshotIds.IsValid)
            .OrderDescending(StringComparer.Ordinal)
            .Select(Find)
            .OfType<SnapshotInfo>()
            .Select(info => new SnapshotListing(info, info.Id == current))
            .ToList();
    }

    /// <summary>Records a finished, tested build; from now on it can be published.</summary>
    public void Finish(SnapshotInfo info)
    {
        database.MakeDurable(info.Id);
        DurableFile.WriteAllText(InfoPath(info.Id), JsonSerializer.Serialize(info, Json));
    }

    /// <summary>Points readers at a finished snapshot (atomic rename); false when there is no such snapshot.</summary>
    public bool Publish(string id)
    {
        if (Find(id) is null)
        {
            return false;
        }

        DurableFile.WriteAllText(data.CurrentPointer, id + "\n");
        logger.LogInformation("Published snapshot {SnapshotId}", id);
        return true;
    }

    /// <summary>Deletes finished snapshots beyond the newest <paramref name="keep"/>; never the published one.</summary>
    public void Prune(int keep)
    {
        var current = CurrentId();
        foreach (var listing in List().Skip(Math.Max(keep, 1)).Where(l => l.Snapshot.Id != current))
        {
            Delete(listing.Snapshot.Id);
        }
    }

    /// <summary>Removes a snapshot's files (an unfinished or unpublishable build, or a pruned one).</summary>
    public void Delete(string id)
    {
        if (!SnapshotIds.IsValid(id) || id == CurrentId())
        {
            return;
        }

        // The info first: relations left without it (a crash here, a schema that could not be dropped yet) are an
        // unfinished build that recovery removes.
        foreach (var path in new[] { InfoPath(id), ServePath(id) })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Could not delete {Path}", path);
            }
        }

        database.Delete(id);
    }

    /// <summary>After a crash: deletes builds that never finished (relations without .json) and stray temp files.</summary>
    public void Recover()
    {
        if (!Directory.Exists(data.Snapshots))
        {
            return;
        }

        foreach (var id in database.Ids())
        {
            if (!File.Exists(InfoPath(id)))
            {
                logger.LogWarning("Removing unfinished snapshot {SnapshotId} (interrupted build)", id);
                Delete(id);
            }
        }

        // Stray temp files: a serving store's build writes <id>.serve.<guid>.tmp and its scratch file
        // <id>.serve.<guid>.tmp.scratch (deleted on close, so a killed build leaves it: 7 GB at 100 M daily rows).
        foreach (var temp in Directory.EnumerateFiles(data.Snapshots, "*.tmp")
                     .Concat(Directory.EnumerateFiles(data.Snapshots, "*.tmp.scratch")))
        {
            File.Delete(temp);
        }
    }
}
