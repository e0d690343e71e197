namespace Wellhouse.Transform.Adapters;

/// <summary>
/// What an adapter needs to open its database: the profile target's connection settings, already resolved
/// (paths absolute). Built from the front end's profile target; a caller may override <see cref="Path"/> to build into
/// another file (for example a new warehouse snapshot) while keeping the <see cref="Database"/> name the SQL uses.
/// </summary>
public sealed record AdapterTarget
{
    /// <summary>Adapter type from profiles.yml (<c>duckdb</c>).</summary>
    public string Type { get; init; } = "duckdb";

    /// <summary>Absolute path of the database file, or <c>:memory:</c>; empty for a server database (postgres).</summary>
    public required string Path { get; init; }

    /// <summary>The catalog name compiled SQL uses (dbt-duckdb: the file stem of the profile's path, <c>memory</c> for
    /// <c>:memory:</c>). When it differs from the file's own stem the adapter attaches the file under this name.</summary>
    public required string Database { get; init; }

    public string Schema { get; init; } = "main";

    public int Threads { get; init; } = 1;

    /// <summary>Extensions to LOAD (built-in ones only: there is no network to install others).</summary>
    public IReadOnlyList<string> Extensions { get; init; } = [];

    /// <summary>Settings applied with <c>SET key = value</c> on every connection.</summary>
    public IReadOnlyDictionary<string, object?> Settings { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyList<AdapterAttachment> Attachments { get; init; } = [];

    /// <summary>Directory relative file paths in SQL resolve against (DuckDB's <c>file_search_path</c>): the project
    /// dir, so <c>read_csv('data/x.csv')</c> and external sources work wherever the process runs, as when dbt runs
    /// from the project dir. Ignored when the profile sets <c>file_search_path</c> itself.</summary>
    public string? FileSearchPath { get; init; }

    /// <summary>dbt-duckdb's <c>external_root</c> (absolute): the folder external models are written to when they set no
    /// <c>location</c>; null writes them to the target path.</summary>
    public string? ExternalRoot { get; init; }

    /// <summary>The server and credentials of a <c>postgres</c> target; null for DuckDB.</summary>
    public Postgres.PostgresSettings? Postgres { get; init; }

    /// <summary>The catalog name DuckDB gives a file: its file name without extension; <c>memory</c> for <c>:memory:</c>.</summary>
    public static string DatabaseNameOf(string path) => path == ":memory:" ? "memory" : System.IO.Path.GetFileNameWithoutExtension(path);
}

/// <summary>An extra database to ATTACH (profiles.yml <c>attach:</c>): path, alias, read_only, type.</summary>
public sealed record AdapterAttachment(string Path, string? Alias = null, bool ReadOnly = false, string? Type = null);
