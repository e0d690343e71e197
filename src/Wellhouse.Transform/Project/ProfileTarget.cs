namespace Wellhouse.Transform.Project;

/// <summary>
/// The selected output of a profile in <c>profiles.yml</c> (dbt-duckdb's settings). <see cref="Database"/> is the
/// database name as dbt-duckdb derives it: the file stem of <see cref="Path"/>, or <c>memory</c> for <c>:memory:</c>.
/// </summary>
public sealed record ProfileTarget
{
    public required string Name { get; init; }

    public required string ProfileName { get; init; }

    public string Type { get; init; } = "duckdb";

    /// <summary>The database file, absolute (relative paths are taken from the project directory), or <c>:memory:</c>.</summary>
    public string Path { get; init; } = ":memory:";

    public string Database { get; init; } = "memory";

    public string Schema { get; init; } = "main";

    public int Threads { get; init; } = 1;

    public IReadOnlyList<string> Extensions { get; init; } = [];

    public IReadOnlyDictionary<string, object?> Settings { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    public IReadOnlyList<AttachedDatabase> Attach { get; init; } = [];

    /// <summary>The connection settings of a <c>type: postgres</c> target (then <see cref="Database"/> is its dbname
    /// and <see cref="Path"/> is empty); null for DuckDB.</summary>
    public Adapters.Postgres.PostgresSettings? Postgres { get; init; }

    /// <summary>Every key of the output as written (after rendering), for adapter-specific options.</summary>
    public IReadOnlyDictionary<string, object?> Raw { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}

/// <summary>An <c>attach:</c> entry of a dbt-duckdb output: another database file attached under an alias.</summary>
public sealed record AttachedDatabase(string Path, string Alias, bool ReadOnly, string? Type);
