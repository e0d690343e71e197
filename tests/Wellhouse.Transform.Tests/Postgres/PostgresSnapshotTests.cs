using Wellhouse.Testing;

namespace Wellhouse.Transform.Tests.Postgres;

/// <summary>Snapshots on PostgreSQL: the same three days of a changing source give the same history as on DuckDB
/// (whose snapshots tests/Snapshots checks against dbt's behaviour), per strategy and hard-delete mode.</summary>
public sealed class PostgresSnapshotTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData("unique_key='well', strategy='timestamp', updated_at='updated_at'", "A:10:False:2026-01-01|A:12.5:True:2026-01-02|B:20:True:2026-01-01|C:5:True:2026-01-02")]
    [InlineData("unique_key='well', strategy='check', check_cols=['rate'], hard_deletes='invalidate'", "A:10:False:|A:12.5:True:|B:20:False:|C:5:True:")]
    [InlineData("unique_key='well', strategy='timestamp', updated_at='updated_at', hard_deletes='new_record'", "A:10:False:2026-01-01|A:12.5:True:2026-01-02|B:20:False:2026-01-01|B:20:True:|C:5:True:2026-01-02")]
    public async Task Snapshot_ThreeDays_SameHistoryAsDuckDb(string config, string expected)
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("snappy", "vars:\n  day: 1\n");
        project.Write("models/wells.sql", """
            {% if var('day') == 1 %}
            select 'A' as well, 10.0 as rate, timestamp '2026-01-01' as updated_at
            union all select 'B', 20.0, timestamp '2026-01-01'
            {% else %}
            select 'A' as well, 12.5 as rate, timestamp '2026-01-02' as updated_at
            union all select 'C', 5.0, timestamp '2026-01-02'
            {% endif %}
            """);
        project.Write("snapshots/wells_history.sql", "{% snapshot wells_history %}\n{{ config(" + config + ", target_schema='snapshots') }}\nselect * from {{ ref('wells') }}\n{% endsnapshot %}");

        foreach (var target in (string[])["pg", "duck"])
        {
            foreach (var day in (int[])[1, 2, 2])
            {
                var report = await project.RunAsync(vars: "{day: " + day + "}", target: target);
                Assert.True(report.Success, target + ": " + string.Join("\n", report.FormatProblems()));
            }
        }

        // The time a check-strategy or deleted row became valid is the snapshot's clock, so only timestamp-strategy
        // rows show dbt_valid_from.
        var sql = "select well, rate, dbt_valid_to is null, case when dbt_valid_from < timestamp '2026-06-01' then dbt_valid_from end from snapshots.wells_history order by well, dbt_valid_from";
        var postgres = History(project.Query(sql));
        Assert.Equal(expected, postgres);
        Assert.Equal(History(project.QueryDuckDb(sql)), postgres);
    }

    private static string History(List<object?[]> rows) =>
        string.Join("|", EngineRows.Normalize(rows).Select(r => string.Join(":", r[0], r[1], r[2] == "true" ? "True" : "False", r[3] == "null" ? string.Empty : r[3])));
}
