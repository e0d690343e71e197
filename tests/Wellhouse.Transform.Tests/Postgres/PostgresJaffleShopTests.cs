using Wellhouse.Testing;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Postgres;

/// <summary>
/// tests/fixtures/jaffle_shop plus a model of every materialization (incremental merge and delete+insert, ephemeral), a
/// unit test and a warning test, built unchanged on PostgreSQL and on DuckDB: every relation holds the same rows.
/// </summary>
public sealed class PostgresJaffleShopTests(PostgresCluster cluster)
{
    private static readonly string[] Relations =
    [
        "raw_customers", "raw_orders", "raw_payments", "stg_customers", "stg_orders", "stg_payments", "customers", "orders",
        "order_totals", "customer_days", "method_totals",
    ];

    [Fact]
    public async Task JaffleShop_BuiltOnPostgresAndDuckDb_EveryRelationHoldsTheSameRows()
    {
        await using var project = await CreateAsync(cluster);

        var postgres = await project.RunAsync(target: "pg");
        var duckdb = await project.RunAsync(target: "duck");

        Assert.True(postgres.Success, string.Join("\n", postgres.FormatProblems()));
        Assert.True(duckdb.Success, string.Join("\n", duckdb.FormatProblems()));
        Assert.Equal(Statuses(duckdb), Statuses(postgres));
        Assert.Contains(postgres.Outcome!.Results, r => r.Node.Name.StartsWith("accepted_values_orders_status", StringComparison.Ordinal) && r.Status == NodeStatus.Pass);
        Assert.Contains(postgres.Outcome.Results, r => r.Node.Name == "credit_card_total" && r.Status == NodeStatus.Pass);
        Assert.Contains(postgres.Outcome.Results, r => r.Node.Name == "method_totals_adds_amounts" && r.Status == NodeStatus.Pass);
        foreach (var relation in Relations)
        {
            var sql = $"select * from analytics.{relation} order by 1, 2";
            var expected = EngineRows.Normalize(project.QueryDuckDb(sql));
            Assert.True(expected.Count > 0, relation);
            Assert.Equal(expected, EngineRows.Normalize(project.Query(sql)));
        }
    }

    [Fact]
    public async Task JaffleShop_RebuiltOnPostgres_IncrementalModelsMergeAndReplaceRows()
    {
        await using var project = await CreateAsync(cluster);
        Assert.True((await project.RunAsync(target: "pg")).Success);
        var before = EngineRows.Normalize(project.Query("select * from analytics.order_totals order by 1"));
        project.Write("seeds/raw_payments.csv", File.ReadAllText(Path.Combine(project.ProjectDir, "seeds", "raw_payments.csv")).TrimEnd() + "\n99,1,gift_card,500\n");

        var report = await project.RunAsync(target: "pg");

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        Assert.StartsWith("MERGE ", report.Outcome!.Results.Single(r => r.Node.Name == "order_totals").Message, StringComparison.Ordinal);
        Assert.StartsWith("INSERT ", report.Outcome.Results.Single(r => r.Node.Name == "customer_days").Message, StringComparison.Ordinal);
        var after = EngineRows.Normalize(project.Query("select * from analytics.order_totals order by 1"));
        Assert.Equal(before.Count, after.Count);
        Assert.Equal("15", after[0][1]);
        Assert.Equal("10", before[0][1]);
        // delete+insert replaced the keys it saw again instead of adding them twice.
        Assert.Equal(
            project.Query("select count(*) from (select distinct customer_id, order_date from analytics.stg_orders) as k")[0][0],
            project.Query("select count(*) from analytics.customer_days")[0][0]);
    }

    [Fact]
    public async Task JaffleShop_FailingTestOnPostgres_FailsWithItsCountAndAWarningTestWarns()
    {
        await using var project = await CreateAsync(cluster);
        project.Write("tests/assert_no_returns.sql", "select * from {{ ref('orders') }} where status = 'returned'");

        var report = await project.RunAsync(target: "pg");

        Assert.False(report.Success);
        var failed = Assert.Single(report.Outcome!.Results, r => r.Status == NodeStatus.Fail);
        Assert.Equal("assert_no_returns", failed.Node.Name);
        Assert.Equal(1L, failed.Failures);
        Assert.Equal("Got 1 result, configured to fail if != 0", failed.Message);
        Assert.Contains(report.Outcome.Results, r => r.Node.Name == "warn_if_any_coupon" && r.Status == NodeStatus.Warn);
    }

    private static async Task<PostgresProject> CreateAsync(PostgresCluster cluster)
    {
        var project = await PostgresProject.CreateAsync(cluster);
        TempProject.CopyTree(Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "jaffle_shop"), project.ProjectDir);
        project.Write("profiles.yml", project.Profile("jaffle_shop"));
        project.Write("models/marts/order_totals.sql", """
            {{ config(materialized='incremental', unique_key='order_id', incremental_strategy='merge') }}
            select order_id, sum(amount) as total, count(*) as payments
            from {{ ref('stg_payments') }}
            group by order_id
            """);
        project.Write("models/marts/customer_days.sql", """
            {{ config(materialized='incremental', unique_key=['customer_id', 'order_date'], incremental_strategy='delete+insert') }}
            select customer_id, order_date, count(*) as orders
            from {{ ref('stg_orders') }}
            {% if is_incremental() %}where order_date >= (select min(order_date) from {{ this }}){% endif %}
            group by customer_id, order_date
            """);
        project.Write("models/marts/methods.sql", """
            {{ config(materialized='ephemeral') }}
            select payment_id, payment_method, amount from {{ ref('stg_payments') }}
            """);
        project.Write("models/marts/method_totals.sql", """
            select payment_method, sum(amount) as total, {{ dbt.listagg("cast(payment_id as " ~ dbt.type_string() ~ ")", "'|'", "order by payment_id") }} as payment_ids
            from {{ ref('methods') }}
            group by payment_method
            """);
        project.Write("models/marts/schema.yml", """
            version: 2
            models:
            unit_tests:
              - name: method_totals_adds_amounts
                model: method_totals
                given:
                  - input: ref('methods')
                    rows:
                      - {payment_id: 1, payment_method: coupon, amount: 1.5}
                      - {payment_id: 2, payment_method: coupon, amount: 2}
                expect:
                  rows:
                    - {payment_method: coupon, total: 3.5, payment_ids: "1|2"}
            """);
        project.Write("tests/credit_card_total.sql", "select * from (select sum(total) as s from {{ ref('method_totals') }} where payment_method = 'credit_card') as t where s <> 103");
        project.Write("tests/warn_if_any_coupon.sql", "{{ config(severity='warn') }}\nselect * from {{ ref('stg_payments') }} where payment_method = 'coupon'");
        return project;
    }

    private static List<string> Statuses(DbtRunReport report) =>
        [.. report.Outcome!.Results.Select(r => r.Node.Name + ":" + r.Status).Order(StringComparer.Ordinal)];
}
