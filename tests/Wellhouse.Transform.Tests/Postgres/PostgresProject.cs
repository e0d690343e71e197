using Wellhouse.Testing;

[assembly: AssemblyFixture(typeof(PostgresCluster))]

namespace Wellhouse.Transform.Tests.Postgres;

/// <summary>
/// A dbt project in a temp folder whose profile has two outputs: <c>pg</c> (the default: <c>type: postgres</c> on the
/// test cluster, in a database of its own) and <c>duck</c> (DuckDB, target/dev.duckdb), so one project builds on
/// both. <see cref="Query"/> reads the PostgreSQL database; the database is dropped at the end.
/// </summary>
internal sealed class PostgresProject : TempProject, IAsyncDisposable
{
    private PostgresProject(PostgresCluster cluster, string database)
        : base("wellhouse-pg-project-")
    {
        Cluster = cluster;
        Database = database;
    }

    public PostgresCluster Cluster { get; }

    /// <summary>The project's own database on the cluster.</summary>
    public string Database { get; }

    public static async Task<PostgresProject> CreateAsync(PostgresCluster cluster) => new(cluster, await cluster.CreateDatabaseAsync());

    /// <summary>Writes dbt_project.yml (with <paramref name="extra"/> appended) and profiles.yml with the <c>pg</c> and
    /// <c>duck</c> outputs; <paramref name="pgExtra"/> is appended to the pg output (indented lines).</summary>
    public void WriteProject(string name, string extra = "", string schema = "analytics", string pgExtra = "")
    {
        Write("dbt_project.yml", $"name: {name}\nprofile: {name}\n" + extra);
        Write("profiles.yml", Profile(name, schema, pgExtra));
    }

    public string Profile(string name, string schema = "analytics", string pgExtra = "") =>
        $"{name}:\n  target: pg\n  outputs:\n"
        + $"    pg:\n      type: postgres\n      host: {Cluster.Host}\n      port: {Cluster.Port}\n      user: {PostgresCluster.User}\n"
        + $"      password: {PostgresCluster.Password}\n      dbname: {Database}\n      schema: {schema}\n      threads: 2\n{pgExtra}"
        + $"    duck:\n      type: duckdb\n      path: target/dev.duckdb\n      schema: {schema}\n      threads: 1\n";

    /// <summary>The rows of a query on the project's PostgreSQL database.</summary>
    public override List<object?[]> Query(string sql) => Cluster.Query(Database, sql);

    /// <summary>The rows of a query on the DuckDB build (target <c>duck</c>).</summary>
    public List<object?[]> QueryDuckDb(string sql) => base.Query(sql);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.DropDatabaseAsync(Database);
        }
        finally
        {
            Dispose();
        }
    }
}
