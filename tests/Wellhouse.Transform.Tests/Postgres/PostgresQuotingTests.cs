using Wellhouse.Testing;

namespace Wellhouse.Transform.Tests.Postgres;

/// <summary>dbt's <c>quoting:</c> on PostgreSQL, as dbt-postgres builds it: quoted names keep their case (the default),
/// a part that is not quoted is the lower-case name PostgreSQL gives it; the project's quoting, a source's and a
/// source table's over it.</summary>
public sealed class PostgresQuotingTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Quoting_Default_KeepsTheCaseOfModelNames()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        project.Write("models/CustomerOrders.sql", "{{ config(materialized='table') }}\nselect 1 as n");
        project.Write("models/over_orders.sql", "select n from {{ ref('CustomerOrders') }}");

        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        Assert.Equal(["CustomerOrders", "over_orders"], Relations(project));
    }

    [Fact]
    public async Task Quoting_IdentifierFalse_ModelsAndSourcesTakePostgresLowerCaseNames()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop", "quoting:\n  identifier: false\n");
        project.Query("create schema raw; create table raw.rawevents (id int); insert into raw.rawevents values (1), (2);"
            + " create table raw.\"KeptCase\" (id int); insert into raw.\"KeptCase\" values (3);");
        project.Write("models/sources.yml", """
            version: 2
            sources:
              - name: raw
                tables:
                  - name: RawEvents
                  - name: KeptCase
                    quoting:
                      identifier: true
            """);
        project.Write("models/CustomerOrders.sql", "{{ config(materialized='table') }}\nselect id from {{ source('raw', 'RawEvents') }} union all select id from {{ source('raw', 'KeptCase') }}");
        project.Write("models/Summary.sql", "select sum(id) as total from {{ ref('CustomerOrders') }}");

        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        Assert.Equal(["customerorders", "summary"], Relations(project));
        Assert.Equal(6L, Convert.ToInt64(project.Query("select total from analytics.summary")[0][0]));

        // A second build finds the tables it built (replaced, not created beside them).
        Assert.True((await project.RunAsync()).Success);
        Assert.Equal(["customerorders", "summary"], Relations(project));
    }

    [Fact]
    public async Task Quoting_BadValue_IsAnErrorAtDbtProjectYml()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop", "quoting:\n  identifier: sometimes\n");
        project.Write("models/m.sql", "select 1 as n");

        var report = await project.RunAsync();

        Assert.False(report.Success);
        Assert.Contains("quoting.identifier must be true or false, not 'sometimes'", string.Join("\n", report.FormatProblems()), StringComparison.Ordinal);
    }

    private static List<string> Relations(PostgresProject project) =>
        [.. project.Query("select table_name from information_schema.tables where table_schema = 'analytics' order by table_name").Select(row => (string)row[0]!)];
}
