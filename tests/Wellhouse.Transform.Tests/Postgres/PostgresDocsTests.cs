using System.Text.Json;
using Wellhouse.Testing;
using Wellhouse.Transform.Docs;

namespace Wellhouse.Transform.Tests.Postgres;

/// <summary><c>docs generate</c> on PostgreSQL: catalog.json from pg_catalog with PostgreSQL's type names, comments and owners.</summary>
public sealed class PostgresDocsTests(PostgresCluster cluster)
{
    [Fact]
    public async Task DocsGenerate_BuiltOnPostgres_CatalogHasTablesViewsSeedsAndTheirTypes()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        TempProject.CopyTree(Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "jaffle_shop"), project.ProjectDir);
        project.Write("profiles.yml", project.Profile("jaffle_shop"));
        Assert.True((await project.RunAsync(target: "pg")).Success);
        project.Cluster.Query(project.Database, "comment on table analytics.customers is 'one row per customer'");
        var owner = "owner_" + project.Database;
        project.Cluster.Query(project.Database, $"create role {owner}; alter table analytics.customers owner to {owner}");

        var report = await DocsGenerator.GenerateAsync(
            new DocsGenerateOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir, Target = "pg", Environment = new Dictionary<string, string>() },
            TestContext.Current.CancellationToken);

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        using var catalog = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.ProjectDir, "target", "catalog.json")));
        var nodes = catalog.RootElement.GetProperty("nodes");
        var customers = nodes.GetProperty("model.jaffle_shop.customers");
        Assert.Equal("BASE TABLE", customers.GetProperty("metadata").GetProperty("type").GetString());
        Assert.Equal(project.Database, customers.GetProperty("metadata").GetProperty("database").GetString());
        Assert.Equal("analytics", customers.GetProperty("metadata").GetProperty("schema").GetString());
        Assert.Equal("one row per customer", customers.GetProperty("metadata").GetProperty("comment").GetString());
        Assert.Equal(owner, customers.GetProperty("metadata").GetProperty("owner").GetString());
        Assert.Equal("VIEW", nodes.GetProperty("model.jaffle_shop.stg_orders").GetProperty("metadata").GetProperty("type").GetString());
        Assert.Equal(PostgresCluster.User, nodes.GetProperty("model.jaffle_shop.stg_orders").GetProperty("metadata").GetProperty("owner").GetString());
        Assert.Equal(
            ["id:integer:1", "user_id:integer:2", "order_date:date:3", "status:text:4"],
            nodes.GetProperty("seed.jaffle_shop.raw_orders").GetProperty("columns").EnumerateObject()
                .Select(c => $"{c.Value.GetProperty("name").GetString()}:{c.Value.GetProperty("type").GetString()}:{c.Value.GetProperty("index").GetInt32()}"));
        Assert.Equal(8, report.CatalogEntries);
    }
}
