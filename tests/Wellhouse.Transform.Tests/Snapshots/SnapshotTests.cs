using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Snapshots;

/// <summary>
/// dbt snapshots (type-2 history): {% snapshot %} blocks and .yml snapshots, the timestamp and check strategies, hard
/// deletes, new source columns, ref() to a snapshot, the snapshot verb and build; run twice against changed data.
/// </summary>
public sealed class SnapshotTests
{
    private static TempProject Project(string snapshotConfig, string extraYaml = "")
    {
        var project = new TempProject("wellhouse-snapshots-");
        project.WriteProject("snappy", "vars:\n  day: 1\n" + extraYaml);
        // The source changes with var('day'): day 1 has wells A and B; day 2 changes A's rate, deletes B, adds C.
        project.Write("models/wells.sql", """
            {% if var('day') == 1 %}
            select 'A' as well, 10.0 as rate, timestamp '2026-01-01' as updated_at
            union all select 'B', 20.0, timestamp '2026-01-01'
            {% else %}
            select 'A' as well, 12.5 as rate, timestamp '2026-01-02' as updated_at
            union all select 'C', 5.0, timestamp '2026-01-02'
            {% endif %}
            """);
        project.Write("snapshots/wells_history.sql", $$$"""
            {% snapshot wells_history %}
            {{ config({{{snapshotConfig}}}) }}
            select * from {{ ref('wells') }}
            {% endsnapshot %}
            """);
        project.Write("models/current_wells.sql", "select well, rate from {{ ref('wells_history') }} where dbt_valid_to is null");
        return project;
    }

    private static async Task BuildDay(TempProject project, int day)
    {
        var report = await project.RunAsync(vars: "{day: " + day + "}");
        Assert.True(report.Success, string.Join("\n", project.Log));
    }

    private static List<(string Well, double Rate, bool Current)> History(TempProject project) =>
        [.. project.Query("select well, rate, dbt_valid_to is null from main.wells_history order by well, dbt_valid_from")
            .Select(r => ((string)r[0]!, Convert.ToDouble(r[1]), (bool)r[2]!))];

    [Fact]
    public async Task Timestamp_strategy_keeps_history_closes_changed_rows_at_the_new_updated_at_and_ref_reads_it()
    {
        using var project = Project("unique_key='well', strategy='timestamp', updated_at='updated_at', target_schema='main'");
        await BuildDay(project, 1);
        Assert.Equal([("A", 10.0, true), ("B", 20.0, true)], History(project));

        await BuildDay(project, 2);
        // B vanished from the source but hard deletes are ignored by default: it stays current.
        Assert.Equal([("A", 10.0, false), ("A", 12.5, true), ("B", 20.0, true), ("C", 5.0, true)], History(project));
        var closedAt = project.Query("select dbt_valid_to from main.wells_history where well = 'A' and rate = 10.0").Single()[0];
        Assert.Equal(new DateTime(2026, 1, 2), closedAt);
        Assert.Equal(3, project.Query("select * from main.current_wells").Count);

        // Unchanged data adds nothing.
        await BuildDay(project, 2);
        Assert.Equal(4, History(project).Count);
        var scdIds = project.Query("select count(distinct dbt_scd_id) from main.wells_history").Single()[0];
        Assert.Equal(4L, Convert.ToInt64(scdIds));
    }

    [Fact]
    public async Task Check_strategy_with_invalidated_hard_deletes_closes_removed_keys()
    {
        using var project = Project("unique_key='well', strategy='check', check_cols=['rate'], hard_deletes='invalidate', target_schema='main'");
        await BuildDay(project, 1);
        await BuildDay(project, 2);

        Assert.Equal([("A", 10.0, false), ("A", 12.5, true), ("B", 20.0, false), ("C", 5.0, true)], History(project));
    }

    [Fact]
    public async Task New_record_hard_deletes_add_a_deleted_row_and_new_source_columns_are_added()
    {
        using var project = Project("unique_key='well', strategy='timestamp', updated_at='updated_at', hard_deletes='new_record', target_schema='main'");
        await BuildDay(project, 1);
        project.Write("models/wells.sql", "select 'A' as well, 10.0 as rate, timestamp '2026-01-01' as updated_at, 'oil' as fluid");
        await BuildDay(project, 1);

        var rows = project.Query("select well, dbt_is_deleted, dbt_valid_to is null, fluid from main.wells_history order by well, dbt_valid_from");
        Assert.Equal(["A|False|True|", "B|False|False|", "B|True|True|"], rows.Select(r => $"{r[0]}|{r[1]}|{r[2]}|{r[3]}"));
    }

    [Fact]
    public async Task The_snapshot_verb_runs_only_snapshots_and_run_skips_them()
    {
        using var project = Project("unique_key='well', strategy='timestamp', updated_at='updated_at'");
        var seeded = await project.RunAsync(DbtCommandKind.Run, select: ["wells"]);
        Assert.True(seeded.Success, string.Join("\n", project.Log));
        var report = await project.RunAsync(DbtCommandKind.Snapshot);

        Assert.True(report.Success, string.Join("\n", project.Log));
        Assert.Equal(["snapshot.snappy.wells_history"], report.Outcome!.Results.Select(r => r.Node.UniqueId));
        Assert.Contains(project.Log, l => l.Contains("OK snapshotted main.wells_history", StringComparison.Ordinal));
        var run = await project.RunAsync(DbtCommandKind.Run);
        Assert.DoesNotContain(run.Outcome!.Results, r => r.Node.ResourceType == Wellhouse.Transform.Graph.ResourceType.Snapshot);
    }

    [Fact]
    public async Task A_yaml_snapshot_with_a_relation_is_built_and_tested()
    {
        using var project = Project("unique_key='well', strategy='timestamp', updated_at='updated_at'");
        project.Write("snapshots/wells_history.sql", "-- moved to yml\n");
        project.Write("snapshots/snapshots.yml", """
            snapshots:
              - name: wells_history
                relation: ref('wells')
                config:
                  unique_key: well
                  strategy: check
                  check_cols: all
                columns:
                  - name: well
                    data_tests: [not_null]
            """);
        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", project.Log));
        Assert.Contains(report.Outcome!.Results, r => r.Node.UniqueId == "test.snappy.not_null_wells_history_well.0ba1e0b3d5" || r.Node.Name == "not_null_wells_history_well");
        Assert.Equal(2, History(project).Count);
    }

    [Fact]
    public async Task A_snapshot_without_a_strategy_fails_naming_the_config_it_needs()
    {
        using var project = Project("unique_key='well'");
        var report = await project.RunAsync();

        var snapshot = report.Outcome!.Results.Single(r => r.Node.Name == "wells_history");
        Assert.Equal(NodeStatus.Error, snapshot.Status);
        Assert.Contains("snapshot wells_history (snapshots/wells_history.sql)", snapshot.Message, StringComparison.Ordinal);
        Assert.Contains("'strategy'", snapshot.Message, StringComparison.Ordinal);
    }
}
