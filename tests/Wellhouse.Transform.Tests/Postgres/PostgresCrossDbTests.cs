using Wellhouse.Testing;

namespace Wellhouse.Transform.Tests.Postgres;

/// <summary>
/// dbt's cross-database macros on PostgreSQL: one project using each of them on inputs both engines accept, built on
/// PostgreSQL and on DuckDB (whose values tests/CrossDb checks against dbt's docs), must give the same rows; a few
/// values are checked outright, and the ones where PostgreSQL differs by design are checked on their own.
/// </summary>
public sealed class PostgresCrossDbTests(PostgresCluster cluster)
{
    private const string Values = """
        {{ config(materialized='table') }}
        select
            {{ dbt.split_part("'a,b,c'", "','", 2) }} as part_2,
            {{ split_part("'a,b,c'", "','", -1) }} as part_last,
            {{ dbt.concat(["'a'", "'-'", "'b'"]) }} as concatenated,
            {{ dbt.hash("'abc'") }} as hashed,
            {{ dbt.length("'hello'") }} as len,
            {{ dbt.position("'l'", "'hello'") }} as pos,
            {{ dbt.replace("'a-b-c'", "'-'", "'_'") }} as replaced,
            {{ dbt.right("'hello'", 3) }} as right_3,
            {{ dbt.string_literal("Pennsylvania") }} as literal,
            {{ dbt.safe_cast("'42'", dbt.type_int()) }} as good_cast,
            {{ dbt.cast("'7'", dbt.type_bigint()) }} as plain_cast,
            {{ dbt.cast_bool_to_text("1 = 1") }} as bool_text,
            {{ dbt.equals('null', 'null') }} as nulls_equal,
            cast(1.25 as {{ dbt.type_numeric() }}) as numeric_value,
            cast('2024-01-02 03:04:05' as {{ dbt.type_timestamp() }}) as timestamp_value,
            cast('1.5' as {{ dbt.type_float() }}) as float_value,
            array_to_string({{ dbt.array_construct([1, 2, 3]) }}, ',') as arr,
            array_to_string({{ dbt.array_append(dbt.array_construct([1, 2]), 3) }}, ',') as appended,
            array_to_string({{ dbt.array_concat(dbt.array_construct([1]), dbt.array_construct([2, 3])) }}, ',') as concatenated_arrays,
            array_to_string({{ dbt.array_construct([], 'integer') }}, ',') as empty_arr,
            {{ dbt.dateadd('day', 1, "date '2024-01-31'") }} as add_day,
            {{ dateadd('month', 1, "date '2024-01-31'") }} as add_month,
            {{ dbt.dateadd('quarter', -1, "timestamp '2024-05-15 10:00:00'") }} as add_quarter,
            {{ dbt.dateadd(datepart='week', interval=2, from_date_or_timestamp="date '2024-01-01'") }} as add_week,
            {{ dbt.dateadd('hour', 'n', "timestamp '2024-01-01 00:00:00'") }} as add_hours_column,
            {{ dbt.dateadd('year', '-1', "date '2024-02-29'") }} as add_year,
            {{ dbt.dateadd('second', 90, "timestamp '2024-01-01 00:00:00'") }} as add_seconds,
            {{ dbt.datediff("date '2024-01-01'", "date '2024-03-15'", 'month') }} as diff_month,
            {{ dbt.datediff("date '2023-12-31'", "date '2024-01-01'", 'year') }} as diff_year,
            {{ dbt.datediff("date '2024-03-31'", "date '2024-04-01'", 'quarter') }} as diff_quarter,
            {{ dbt.datediff("date '2024-01-06'", "date '2024-01-07'", 'week') }} as diff_week_saturday_sunday,
            {{ dbt.datediff("date '2024-01-07'", "date '2024-01-13'", 'week') }} as diff_week_same_week,
            {{ dbt.datediff("date '2024-01-14'", "date '2024-01-06'", 'week') }} as diff_week_backwards,
            {{ dbt.datediff("timestamp '2024-01-01 23:00:00'", "timestamp '2024-01-02 01:00:00'", 'day') }} as diff_day,
            {{ datediff("timestamp '2024-01-01 23:00:00'", "timestamp '2024-01-02 01:00:00'", 'hour') }} as diff_hour,
            {{ datediff("timestamp '2024-01-01 23:59:59'", "timestamp '2024-01-02 00:01:00'", 'minute') }} as diff_minute,
            {{ dbt.last_day("date '2024-02-10'", 'month') }} as last_day_month,
            {{ dbt.last_day("date '2024-02-10'", 'quarter') }} as last_day_quarter,
            {{ last_day("timestamp '2024-02-10 12:00:00'", 'year') }} as last_day_year,
            {{ dbt.date(2024, 2, 29) }} as made_date,
            {{ dbt.current_timestamp() }} is not null as has_now,
            {{ dbt.get_intervals_between("date '2024-01-01'", "date '2024-01-11'", 'day') }} as intervals_between
        from (select 3 as n) as one_row
        """;

    private const string Aggregates = """
        {{ config(materialized='table') }}
        with v as (
            select * from (values (1, 'b', true), (2, 'a', false), (3, 'c', false), (4, 'a', null)) as t(n, s, f)
        )
        select
            {{ dbt.listagg('s', "','", 'order by s') }} as ordered,
            {{ dbt.listagg('distinct s', "'|'", 'order by s') }} as distinct_values,
            {{ listagg(measure='s', delimiter_text="','", order_by_clause='order by n', limit_num=2) }} as first_two,
            {{ dbt.bool_or('f') }} as any_true,
            {{ dbt.any_value('n') }} is not null as some_value,
            (select count(*) from (select n from v {{ dbt.except() }} select 3) as e) as except_count,
            (select count(*) from (select n from v {{ dbt.intersect() }} select 3) as i) as intersect_count
        from v
        """;

    [Fact]
    public async Task CrossDbMacros_OnPostgres_GiveDuckDbsValues()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("macros");
        project.Write("models/macro_values.sql", Values);
        project.Write("models/aggregates.sql", Aggregates);
        project.Write("models/spine_days.sql", "{{ dbt.date_spine('day', \"cast('2024-01-30' as date)\", \"cast('2024-02-02' as date)\") }}");
        project.Write("models/spine_months.sql", "{{ dbt.date_spine('month', \"cast('2024-01-15' as date)\", \"cast('2024-03-01' as date)\") }}");
        project.Write("models/spine_weeks.sql", "{{ dbt.date_spine('week', \"cast('2024-01-03' as date)\", \"cast('2024-01-21' as date)\") }}");
        project.Write("models/series.sql", "{{ dbt.generate_series(5) }}");

        var postgres = await project.RunAsync(target: "pg");
        var duckdb = await project.RunAsync(target: "duck");

        Assert.True(postgres.Success, string.Join("\n", postgres.FormatProblems()));
        Assert.True(duckdb.Success, string.Join("\n", duckdb.FormatProblems()));
        foreach (var relation in (string[])["macro_values", "aggregates", "spine_days", "spine_months", "spine_weeks", "series"])
        {
            var sql = $"select * from analytics.{relation} order by 1";
            var expected = EngineRows.Normalize(project.QueryDuckDb(sql));
            Assert.NotEmpty(expected);
            Assert.Equal(expected, EngineRows.Normalize(project.Query(sql)));
        }

        var row = EngineRows.Normalize(project.Query("select part_2, diff_week_backwards, add_month, last_day_quarter, arr, empty_arr from analytics.macro_values"))[0];
        Assert.Equal(["b", "-2", "2024-02-29", "2024-03-31", "1,2,3", string.Empty], row);
        Assert.Equal("b,a", project.Query("select first_two from analytics.aggregates")[0][0]);
    }

    [Fact]
    public async Task CrossDbMacros_WherePostgresDiffers_FollowPostgres()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("macros");
        project.Write("models/differs.sql", """
            select
                {{ dbt.split_part("'a,b,c'", "','", 5) }} as part_beyond,
                '{{ dbt.safe_cast("x", "integer") }}' as safe_cast_text,
                '{{ adapter.type() }}|{{ target.type }}' as adapter_type
            """);

        var report = await project.RunAsync(target: "pg");

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        var row = project.Query("select * from analytics.differs")[0];
        Assert.Equal(string.Empty, row[0]);
        Assert.Equal("cast(x as integer)", row[1]);
        Assert.Equal("postgres|postgres", row[2]);
    }

    [Fact]
    public async Task Dispatch_OnPostgres_FindsProjectPostgresMacroBeforeDefault()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("macros");
        project.Write("macros/greeting.sql", """
            {% macro greeting() %}{{ return(adapter.dispatch('greeting')()) }}{% endmacro %}
            {% macro default__greeting() %}'default'{% endmacro %}
            {% macro postgres__greeting() %}'postgres'{% endmacro %}
            {% macro duckdb__greeting() %}'duckdb'{% endmacro %}
            {% macro default__hash(field) %}'project default hash'{% endmacro %}
            """);
        project.Write("models/greet.sql", "select {{ greeting() }} as greeting, {{ dbt.hash(\"'x'\") }} as hashed");

        Assert.True((await project.RunAsync(target: "pg")).Success);
        Assert.True((await project.RunAsync(target: "duck")).Success);

        Assert.Equal(["postgres", "project default hash"], project.Query("select greeting, hashed from analytics.greet")[0]);
        Assert.Equal(["duckdb", "project default hash"], project.QueryDuckDb("select greeting, hashed from analytics.greet")[0]);
    }
}
