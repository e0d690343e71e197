namespace Wellhouse.Hosting;

/// <summary>
/// The layout of the data directory, the one place that holds all state:
/// <code>
/// raw/batches/&lt;sha256&gt;.parquet   accepted batches (immutable; the name is the content hash)
/// raw/batches/&lt;sha256&gt;.json      what each batch is (rows, format, received at)
/// raw/incoming/                    uploads being received and batches being written (never read)
/// snapshots/&lt;id&gt;.duckdb           built warehouse snapshots; &lt;id&gt;.json describes a finished one
/// snapshots/current                the id of the published snapshot (replaced by rename)
/// runs/&lt;id&gt;.json, runs/&lt;id&gt;.log    refresh runs: status, per-node results, log
/// refresh.lock                     held by the process that is refreshing (one refresh at a time)
/// api-key                          the generated API key when none is configured
/// </code>
/// </summary>
internal sealed class DataDirectory
{
    public const string EnvironmentVariable = "WELLHOUSE_DATA";

    public DataDirectory(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string Batches => Path.Combine(Root, "raw", "batches");

    public string Incoming => Path.Combine(Root, "raw", "incoming");

    public string Snapshots => Path.Combine(Root, "snapshots");

    public string CurrentPointer => Path.Combine(Snapshots, "current");

    public string Runs => Path.Combine(Root, "runs");

    public string RefreshLock => Path.Combine(Root, "refresh.lock");

    public string ApiKeyFile => Path.Combine(Root, "api-key");

    /// <summary>The data directory: the explicit setting, else WELLHOUSE_DATA, else <c>data</c> beside the application.</summary>
    public static DataDirectory Resolve(string? configured)
    {
        var root = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : Path.Combine(AppContext.BaseDirectory, "data");
        return new DataDirectory(root);
    }

    /// <summary>Creates the folders; throws IOException/UnauthorizedAccessException when the location is not usable.</summary>
    public void EnsureCreated()
    {
        Directory.CreateDirectory(Batches);
        Directory.CreateDirectory(Incoming);
        Directory.CreateDirectory(Snapshots);
        Directory.CreateDirectory(Runs);
    }
}
