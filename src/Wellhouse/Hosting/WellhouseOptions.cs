namespace Wellhouse.Hosting;

/// <summary>
/// The application's settings, bound from the configuration section <c>Wellhouse</c> (appsettings.json, environment
/// variables such as <c>Wellhouse__Refresh__Schedule</c>, or the command line).
/// </summary>
internal sealed class WellhouseOptions
{
    public const string Section = "Wellhouse";

    /// <summary>Where all state lives; else the environment variable WELLHOUSE_DATA, else <c>data</c> beside the application.</summary>
    public string? DataDir { get; set; }

    /// <summary>On a first start with no snapshot and an empty raw store: ingest the bundled sample and refresh.</summary>
    public bool Bootstrap { get; set; } = true;

    public ApiOptions Api { get; set; } = new();

    public RefreshOptions Refresh { get; set; } = new();

    public IngestOptions Ingest { get; set; } = new();

    public WarehouseOptions Warehouse { get; set; } = new();
}

internal sealed class WarehouseOptions
{
    /// <summary>The dbt project to build; default: the repository's warehouse/ folder, found by walking up.</summary>
    public string? ProjectDir { get; set; }

    /// <summary>The profile target snapshots are built with: a DuckDB target builds each snapshot into its own file, a
    /// PostgreSQL one (e.g. <c>postgres</c>) into its own schema of that database (docs/architecture.md, "Snapshots").</summary>
    public string Target { get; set; } = "prod";

    /// <summary>Environment variables the build and its profile see over the process's own (e.g. libpq's PGHOST,
    /// PGPORT, PGUSER, PGPASSWORD, PGDATABASE for the target <c>postgres</c>).</summary>
    public Dictionary<string, string> Environment { get; set; } = new(StringComparer.Ordinal);
}

internal sealed class ApiOptions
{
    /// <summary>The key writes need in the header <c>X-Api-Key</c>; when unset, one is generated into <c>&lt;data&gt;/api-key</c>.</summary>
    public string? Key { get; set; }

    /// <summary>Whether reads need the key too (default: reads are open).</summary>
    public bool RequireKeyForReads { get; set; }

    /// <summary>Writes (ingest, runs, publish) allowed per client per minute.</summary>
    public int WritesPerMinute { get; set; } = 60;

    /// <summary>Answer per-well series from the snapshot's serving store (default); false answers them with SQL on
    /// the snapshot, as the tests and benchmarks that compare the two do.</summary>
    public bool ServingStore { get; set; } = true;

    /// <summary>Memory per served store for the hottest series' answers kept as bytes after their first read
    /// (<see cref="Serving.AnswerCache"/>), in MiB; 0 turns it off.</summary>
    public int PreEncodedMegabytes { get; set; } = 512;
}

internal sealed class RefreshOptions
{
    /// <summary>A cron expression (five fields, UTC) for scheduled refreshes; none when empty.</summary>
    public string? Schedule { get; set; }

    /// <summary>How many published snapshots to keep (the served one is always kept).</summary>
    public int KeepSnapshots { get; set; } = 3;

    /// <summary>
    /// How many runs to keep in runs/ (record, log, artifacts), newest first; runs of kept snapshots and running ones
    /// are always kept. Pruned when a refresh starts and at start-up.
    /// </summary>
    public int KeepRuns { get; set; } = 100;

    /// <summary>An optional URL that receives a JSON POST when a refresh fails.</summary>
    public Uri? AlertWebhook { get; set; }

    /// <summary>How often the server looks for a publish made by another process (the CLI's refresh).</summary>
    public TimeSpan PointerPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}

internal sealed class IngestOptions
{
    /// <summary>The largest upload accepted, in bytes (default 1 GiB).</summary>
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>
    /// The most rows one upload may hold (default 5,000,000): bytes do not bound rows, since a few KB of Parquet can
    /// decompress to millions of rows, and each row costs time and disk before it is committed. The CLI's
    /// <c>wellhouse ingest</c> has no limit.
    /// </summary>
    public long MaxRows { get; set; } = 5_000_000;
}
