using Microsoft.Extensions.Options;
using Wellhouse.Hosting;
using Wellhouse.Transform.Adapters.Postgres;
using Wellhouse.Transform.Project;

namespace Wellhouse.Refresh;

/// <summary>
/// The engine the configured profile target (Wellhouse:Warehouse:Target) builds on, read once from the warehouse
/// project's profiles.yml: DuckDB (a snapshot is a file) or PostgreSQL (a snapshot is a schema of the target's database,
/// <see cref="Snapshots.SnapshotSchemas"/>). A PostgreSQL target must take its schema from the environment variable
/// <c>WELLHOUSE_SNAPSHOT_SCHEMA</c>, so each snapshot builds into its own schema. A target that cannot be read is logged
/// and taken as DuckDB: the build then fails with the profile's own diagnostics, so nothing is published.
/// </summary>
internal sealed class WarehouseTarget(IOptions<WellhouseOptions> options, ILogger<WarehouseTarget> logger)
{
    /// <summary>The environment variable naming the schema a PostgreSQL snapshot is built into.</summary>
    public const string SchemaVariable = "WELLHOUSE_SNAPSHOT_SCHEMA";

    private readonly Lazy<(PostgresSettings? Postgres, string? Problem)> _resolved = new(() => Resolve(options.Value.Warehouse, logger));

    /// <summary>The server of a PostgreSQL target; null for DuckDB.</summary>
    public PostgresSettings? Postgres => _resolved.Value.Postgres;

    /// <summary>Why the target cannot build snapshots (the builder fails with it), or null.</summary>
    public string? Problem => _resolved.Value.Problem;

    public bool IsPostgres => Postgres is not null;

    /// <summary>The process's environment with Wellhouse:Warehouse:Environment over it.</summary>
    public Dictionary<string, string> Environment() => EnvironmentOf(options.Value.Warehouse);

    private static Dictionary<string, string> EnvironmentOf(WarehouseOptions warehouse)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        foreach (var (name, value) in warehouse.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static (PostgresSettings?, string?) Resolve(WarehouseOptions warehouse, ILogger logger)
    {
        var projectDir = RepositoryPaths.WarehouseProject(warehouse.ProjectDir);
        if (projectDir is null)
        {
            return (null, null);
        }

        const string probe = "wellhouse_schema_probe";
        var environment = EnvironmentOf(warehouse);
        environment[SchemaVariable] = probe;
        var (target, diagnostics) = ProjectLoader.LoadTarget(new ProjectLoadOptions
        {
            ProjectDir = projectDir,
            ProfilesDir = projectDir,
            Target = warehouse.Target,
            Environment = environment,
        });
        if (target is null)
        {
            logger.LogError("Cannot read the profile target {Target} of {ProjectDir}: {Problems}", warehouse.Target, projectDir,
                string.Join("; ", diagnostics.Select(diagnostic => diagnostic.Format(projectDir))));
            return (null, null);
        }

        if (target.Postgres is not null && target.Schema != probe)
        {
            var problem = $"profile target '{warehouse.Target}' is a PostgreSQL target with the fixed schema '{target.Schema}'; the application builds each snapshot into its own schema: set the target's schema to \"{{{{ env_var('{SchemaVariable}', 'main') }}}}\" in profiles.yml";
            logger.LogError("{Problem}", problem);
            return (target.Postgres, problem);
        }

        return (target.Postgres, null);
    }
}
