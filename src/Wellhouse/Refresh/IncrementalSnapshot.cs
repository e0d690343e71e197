using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Wellhouse.Ingest;

namespace Wellhouse.Refresh;

/// <summary>
/// Starts an incremental snapshot from its parent (docs/architecture.md, "Snapshots"; docs/warehouse.md, "Incremental
/// refresh"): copies the parent's finished file to the new snapshot's path (the parent is only read), writes
/// <c>refresh_wells</c> (the wells of the new raw batches, and wells with future-dated rows, which the build's date may
/// now accept), drops the tables the build replaces whole (models materialized as tables, seeds: named by the parent's
/// manifest.json), so that their blocks are free for the build to reuse instead of growing the file, and deletes the
/// refreshed wells' rows, and rows without a well, from every other table of the copy that has a <c>well_code</c>
/// column. The build then appends those wells' rows again (the warehouse's incremental models) and rebuilds every
/// other model whole. Without the parent's manifest nothing is dropped (the file then keeps the replaced tables'
/// blocks as free space).
/// </summary>
internal static class IncrementalSnapshot
{
    /// <summary>
    /// The incremental models that keep a day well's rows before what its new rows change (docs/warehouse.md,
    /// "Incremental refresh", "New rows only"): the condition, on the table <c>t</c> and the well's <c>refresh_wells</c>
    /// row <c>r</c>, of the rows deleted for it. Every other table with a <c>well_code</c> loses all of the well's rows.
    /// </summary>
    private static readonly Dictionary<string, string> DayRows = new(StringComparer.Ordinal)
    {
        ["stg_well_production_accepted"] = "false",
        ["stg_well_production_rejects"] = "false",
        ["int_wells"] = "false",
        // int_well_totals replaces a day well's row by its kept totals continued with its new rows.
        ["int_well_totals"] = "false",
        // int_decline_fits deletes the day wells it fits again: those whose new_from lies before the as-of month (new
        // rows that reach before it, or an as-of month that moved).
        ["int_decline_fits"] = "false",
        // The population models keep their rows or compute them whole (PopulationRefresh): their inputs are the months
        // before the as-of month, which a day well's new rows from there do not change; the model deletes the kept
        // histories of the day wells whose new rows may reach before it.
        ["int_population_forecast"] = "false",
        ["int_population_forecast_histories"] = "false",
        // ml_predictions_raw appends the new points of the day wells whose new rows lie in the as-of month (which did
        // not move) and deletes the others (fitted again whole).
        ["ml_predictions_raw"] = "false",
        // int_decline_forecast's pre-hook deletes the rows whose inputs may have changed (macro
        // decline_forecast_stale_rows): every row when a well's months before the as-of month changed.
        ["int_decline_forecast"] = "false",
        ["mart_production_monthly"] = "t.month >= r.month_from",
        ["mart_revenue"] = "t.month >= r.month_from",
        ["mart_production_yearly"] = "t.year >= year(r.month_from)",
    };

    /// <summary>What the preparation did, for the run log.</summary>
    internal sealed record Prepared(int Wells, int DayWells, int Tables, int Dropped, long CopiedBytes, double CopySeconds, double DeleteSeconds);

    public static Prepared Prepare(string parentPath, string snapshotPath, IReadOnlyList<string> newBatchFiles, string? parentManifest = null)
    {
        var rebuilt = parentManifest is not null && File.Exists(parentManifest) ? RebuiltWhole(parentManifest) : [];
        var clock = Stopwatch.StartNew();
        var temp = snapshotPath + ".copy";
        File.Copy(parentPath, temp, overwrite: true);
        File.Move(temp, snapshotPath);
        var copySeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();

        using var connection = new DuckDBConnection($"Data Source={snapshotPath}");
        connection.Open();
        var newRows = NewRows(newBatchFiles);
        Execute(connection, $"""
            create or replace table main.refresh_wells as
            {RefreshWells(newRows, "main")}
            """);
        var wells = Convert.ToInt32(Scalar(connection, "select count(*) from main.refresh_wells"), CultureInfo.InvariantCulture);
        var dayWells = Convert.ToInt32(Scalar(connection, "select count(*) from main.refresh_wells where new_from is not null"), CultureInfo.InvariantCulture);
        var dropped = Tables(connection, "true").Where(rebuilt.Contains).ToList();
        foreach (var table in dropped)
        {
            Execute(connection, $"drop table main.{Quote(table)}");
        }

        var tables = Tables(connection, "c.column_name = 'well_code'");
        foreach (var table in tables)
        {
            Execute(connection, $"delete from main.{Quote(table)} where well_code is null");
            // A day well's rows that its new rows change: none of the staging tables' (its new rows are appended) or
            // int_wells' (its row is replaced), its months from month_from and years from month_from's year in the
            // monthly and yearly marts; all of them elsewhere (the other incremental models recompute the well whole).
            var dayRows = DayRows.TryGetValue(table, out var condition) ? $"or {condition}" : "or true";
            Execute(connection, $"""
                delete from main.{Quote(table)} as t using main.refresh_wells as r
                where t.well_code = r.well_code and (r.new_from is null {dayRows})
                """);
        }

        return new Prepared(wells, dayWells, tables.Count, dropped.Count, new FileInfo(snapshotPath).Length, copySeconds, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The query of <c>refresh_wells</c>, on the parent's tables in <paramref name="schema"/> and the new raw rows of
    /// <paramref name="newRows"/> (a query of well_code, data_source, production_period): every well of the new
    /// batches, every well with future-dated rows, and every well of a data source whose as-of month the new rows move.
    /// A day well (new_from and month_from set) is one the parent holds whose new rows, if any, all lie at or after its
    /// reported span's end, of the same data source, and of which the parent holds no rejected row from there: no
    /// earlier version of those wells and periods exists, so the build appends its new rows as they rank among
    /// themselves and recomputes its marts from month_from (the month of its last reported day, whose reported days
    /// grow). A well without new rows is one only when its data source's as-of month moved: its staged rows and marts
    /// stay, but its fits read one more month. Every fit model (int_decline_fits, ml_predictions_raw, the population
    /// models, int_decline_forecast, the serving store's trendlines) fits a day well again whose new_from lies before
    /// the new as-of month (DeclineFitsModel.FittedUntil), which every well of a moved source meets (new_from, its span's
    /// end in the parent, is at most the parent's as-of date, before the new as-of month); so a new month recomputes
    /// every fit but keeps every well's staged rows and marts. Any other well is recomputed whole (docs/warehouse.md,
    /// "Incremental refresh", "New rows only").
    /// </summary>
    private static string RefreshWells(string newRows, string schema) => $"""
            with new_rows as ({newRows}),
            future as (
                select distinct well_code from {schema}.stg_well_production_rejects
                where reject_reason = 'future_period' and well_code is not null
            ),
            parent_as_of as (
                select data_source, max(reported_until) as as_of from {schema}.int_wells group by data_source
            ),
            moved as (
                -- the data sources whose as-of month the new rows may move (a row's period end in a later month than the
                -- parent's as-of date): the fits read the months before it, so every well of such a source is listed
                select distinct new_rows.data_source
                from new_rows
                inner join {schema}.data_sources
                    on new_rows.data_source = data_sources.data_source
                inner join parent_as_of
                    on new_rows.data_source = parent_as_of.data_source
                where date_trunc('month', case when data_sources.period_type = 'month'
                        then new_rows.production_period + interval 1 month
                        else new_rows.production_period + interval 1 day end)
                    > date_trunc('month', parent_as_of.as_of)
            ),
            wells as (
                select well_code from new_rows
                union
                select well_code from future
                union
                select well_code from {schema}.int_wells where data_source in (select data_source from moved)
            ),
            first_new as (
                select well_code, min(production_period) as first_period, count(*) - count(production_period) as undated,
                    count(distinct data_source) as sources, min(data_source) as data_source
                from new_rows
                group by well_code
            ),
            day_wells as (
                select parent.well_code, parent.reported_until
                from {schema}.int_wells as parent
                left join first_new
                    on parent.well_code = first_new.well_code
                where (first_new.well_code is null
                        or (first_new.undated = 0 and first_new.sources = 1 and first_new.data_source = parent.data_source
                            and first_new.first_period >= parent.reported_until))
                    and parent.well_code not in (select well_code from future)
                    and not exists (
                        select 1 from {schema}.stg_well_production_rejects as rejects
                        where rejects.well_code = parent.well_code and rejects.production_period >= parent.reported_until)
            )
            select
                wells.well_code,
                day_wells.reported_until as new_from,
                cast(date_trunc('month', day_wells.reported_until - 1) as date) as month_from
            from wells
            left join day_wells
                on wells.well_code = day_wells.well_code
            where wells.well_code is not null
            order by wells.well_code
        """;

    private static string NewRows(IReadOnlyList<string> newBatchFiles) => newBatchFiles.Count == 0
        ? "select cast(null as integer) as well_code, cast(null as varchar) as data_source, cast(null as date) as production_period where false"
        : $"select well_code, data_source, cast(production_period as date) as production_period from read_parquet([{string.Join(", ", newBatchFiles.Select(SqlText.Literal))}], union_by_name = true)";

    /// <summary>
    /// The wells an incremental refresh on <paramref name="parentPath"/> would recompute whole (the wells of
    /// <c>refresh_wells</c> that are not day wells: <see cref="RefreshWells"/> on the parent, attached read-only), and
    /// the wells of every batch (<paramref name="allBatchFiles"/>, which holds the new ones), counted from the raw Parquet
    /// files' <c>well_code</c> column alone (an in-memory DuckDB; 11 files of 10 M rows: about 0.4 s at load 19 on 2
    /// cores, bench/warehouse/README.md): what <see cref="RefreshPlan.WithChangedWells"/> compares before the parent is
    /// copied. A parent without the warehouse's tables (another builder's) counts every well of the new batches.
    /// </summary>
    public static (int Changed, int Wells) CountWells(IReadOnlyList<string> allBatchFiles, IReadOnlyList<string> newBatchFiles, string? parentPath = null)
    {
        if (allBatchFiles.Count == 0)
        {
            return (0, 0);
        }

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var all = string.Join(", ", allBatchFiles.Select(SqlText.Literal));
        var added = newBatchFiles.Count == 0 ? "false" : $"filename in ({string.Join(", ", newBatchFiles.Select(SqlText.Literal))})";
        int changed, wells;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                select count(distinct well_code) filter (where {added}), count(distinct well_code)
                from read_parquet([{all}], union_by_name = true, filename = true)
                """;
            using var reader = command.ExecuteReader();
            reader.Read();
            (changed, wells) = (Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture));
        }

        if (parentPath is not null && File.Exists(parentPath))
        {
            try
            {
                Execute(connection, $"attach {SqlText.Literal(parentPath)} as parent (read_only)");
                changed = Convert.ToInt32(Scalar(connection,
                    $"select count(*) from ({RefreshWells(NewRows(newBatchFiles), "parent.main")}) where new_from is null"), CultureInfo.InvariantCulture);
            }
            catch (DuckDBException)
            {
                // Not the warehouse's tables: every well of the new batches counts.
            }
        }

        return (changed, wells);
    }

    /// <summary>The tables of the copy (but refresh_wells) with a column that meets <paramref name="columnCondition"/>.</summary>
    private static List<string> Tables(DuckDBConnection connection, string columnCondition)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            select distinct c.table_name
            from duckdb_columns() as c
            inner join duckdb_tables() as t
                on c.database_name = t.database_name and c.schema_name = t.schema_name and c.table_name = t.table_name
            where c.database_name = current_database() and c.schema_name = 'main' and {columnCondition}
                and c.table_name <> 'refresh_wells'
            order by c.table_name
            """;
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    /// <summary>
    /// The relations a build replaces whole, from a manifest.json of the same project (an incremental refresh runs
    /// only when the project has not changed since its parent): models materialized as tables, and seeds.
    /// </summary>
    internal static HashSet<string> RebuiltWhole(string manifestPath)
    {
        using var stream = File.OpenRead(manifestPath);
        using var manifest = JsonDocument.Parse(stream);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in manifest.RootElement.GetProperty("nodes").EnumerateObject().Select(entry => entry.Value))
        {
            var type = node.GetProperty("resource_type").GetString();
            var materialized = node.TryGetProperty("config", out var config) && config.TryGetProperty("materialized", out var value)
                ? value.GetString() : null;
            if ((type == "model" && materialized == "table") || type == "seed")
            {
                names.Add(node.TryGetProperty("alias", out var alias) && alias.GetString() is { } name ? name : node.GetProperty("name").GetString()!);
            }
        }

        return names;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
