using System.Globalization;
using DuckDB.NET.Data;

namespace Wellhouse.Warehouse.Bench;

/// <summary>
/// The helpers of <c>incremental.sh</c>: <c>--next-day RAW OUT</c> writes one new day for every well of a generated raw
/// folder (each well's last day + 1, its rates x 0.999, a later updated_at: what a daily feed adds), <c>--next-month
/// RAW OUT</c> the same a month on (each well's last month + 1: what a monthly feed adds), <c>--late-correction</c> an
/// earlier month of some wells sent again with other values, and
/// <c>--compare A B</c> compares every table and view of two snapshots (EXCEPT ALL both ways, doubles as 4-byte
/// floats, int_refresh_wells left out: it lists what an incremental refresh recomputed).
/// </summary>
internal static class IncrementalTools
{
    /// <summary>
    /// One new period for a <paramref name="fraction"/> of the wells (by a hash of the well code): each well's last row
    /// <paramref name="offset"/> days on (<paramref name="months"/> false) or months on (true: a monthly source's
    /// period is a month's first day, which a day on would break), its producing days cut to the new period's calendar
    /// days (31 producing days of October are not a November's). Each well's last period is found by a grouped
    /// maximum and a join rather than a window over every row: at 1,000,000 wells x 120 months the window sorts
    /// 120 M rows of every column in memory.
    /// </summary>
    public static int NextPeriod(string raw, string output, double fraction, int offset, bool months)
    {
        var unit = months ? "month" : "day";
        return CopySample(raw, output, fraction, $"next-{unit}", $"""
                ,
                shifted as (
                    select rows.*, cast(rows.production_period + interval {offset} {unit} as date) as next_period
                    from rows
                    inner join last_periods
                        on rows.well_code = last_periods.well_code and rows.production_period = last_periods.last_period
                )
                """, $"""
                select * exclude (next_period) replace (
                    next_period as production_period,
                    least(days_on_production, datediff('day', next_period, cast(next_period + interval 1 {unit} as date)))
                        as days_on_production,
                    oil_production_kbd * 0.999 as oil_production_kbd,
                    gas_production_mmcfd * 0.999 as gas_production_mmcfd,
                    liquids_production_kbd * 0.999 as liquids_production_kbd,
                    updated_at + interval {offset} {unit} as updated_at,
                    created_at + interval {offset} {unit} as created_at)
                from shifted
                order by well_code
            """);
    }

    /// <summary>
    /// <c>--late-correction RAW OUT FRACTION MONTHS</c>: a late correction for a <paramref name="fraction"/> of the
    /// wells (by a hash of the well code): each well's row <paramref name="monthsBack"/> months before its last period
    /// sent again with its rates x 1.02 and an updated_at a day later, so that it supersedes the row it corrects (the
    /// latest updated_at wins). The refresh recomputes those wells whole and keeps the others' rows, and the data's
    /// as-of date does not move.
    /// </summary>
    public static int LateCorrection(string raw, string output, double fraction, int monthsBack) =>
        CopySample(raw, output, fraction, "corrected", string.Empty, $"""
                select rows.* replace (
                    rows.oil_production_kbd * 1.02 as oil_production_kbd,
                    rows.gas_production_mmcfd * 1.02 as gas_production_mmcfd,
                    rows.liquids_production_kbd * 1.02 as liquids_production_kbd,
                    rows.updated_at + interval 1 day as updated_at)
                from rows
                inner join last_periods
                    on rows.well_code = last_periods.well_code
                    and rows.production_period = cast(last_periods.last_period - interval {monthsBack} month as date)
                order by rows.well_code
            """);

    /// <summary>Writes to <paramref name="output"/> (Parquet) the rows of <paramref name="query"/>, which reads the CTEs
    /// <c>rows</c> (the raw folder's rows of a <paramref name="fraction"/> of the wells, by a hash of the well code),
    /// <c>last_periods</c> (each well's last period) and those of <paramref name="ctes"/> (starting with a comma; empty for none),
    /// and prints how many it wrote.</summary>
    private static int CopySample(string raw, string output, double fraction, string label, string ctes, string query)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var source = Path.Combine(Path.GetFullPath(raw), "*.parquet").Replace("'", "''", StringComparison.Ordinal);
        var target = output.Replace("'", "''", StringComparison.Ordinal);
        Execute(connection, $"""
            copy (
                with rows as (
                    select * from read_parquet('{source}')
                    where hash(well_code) % 1000 < {(fraction * 1000).ToString(CultureInfo.InvariantCulture)}
                ),
                last_periods as (
                    select well_code, max(production_period) as last_period from rows group by well_code
                ){ctes}
            {query}
            ) to '{target}' (format parquet)
            """);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {Scalar(connection, $"select count(*) from '{target}'"):N0} {label} rows to {output}"));
        return 0;
    }

    public static int Compare(string left, string right)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        // Attached under their file names' stems: views name their own catalog (the snapshot file's stem).
        var a = Path.GetFileNameWithoutExtension(left);
        var b = Path.GetFileNameWithoutExtension(right);
        Execute(connection, $"attach '{left}' as \"{a}\" (read_only); attach '{right}' as \"{b}\" (read_only)");
        var relations = Strings(connection, $"""
            select table_name from duckdb_tables() where database_name = '{a}' and schema_name = 'main'
            union all
            select view_name from duckdb_views() where database_name = '{a}' and schema_name = 'main' and not internal
            order by 1
            """).Where(name => name is not "int_refresh_wells" and not "refresh_wells" and not "ml_predictions_raw_refits" and not "int_decline_forecast_refits").ToList();
        var differ = 0;
        foreach (var relation in relations)
        {
            var columns = string.Join(", ", Strings(connection, $"""
                select case
                    when data_type = 'DOUBLE' then '"' || column_name || '"::float'
                    when data_type = 'DOUBLE[]' then '"' || column_name || '"::float[]'
                    else '"' || column_name || '"' end
                from duckdb_columns() where database_name = '{a}' and schema_name = 'main' and table_name = '{relation}'
                order by column_index
                """));
            var rows = Scalar(connection, $"select count(*) from \"{a}\".main.\"{relation}\"");
            var missing = Scalar(connection, $"select count(*) from (select {columns} from \"{a}\".main.\"{relation}\" except all select {columns} from \"{b}\".main.\"{relation}\")");
            var extra = Scalar(connection, $"select count(*) from (select {columns} from \"{b}\".main.\"{relation}\" except all select {columns} from \"{a}\".main.\"{relation}\")");
            var same = missing == 0 && extra == 0;
            differ += same ? 0 : 1;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(same ? "equal " : "DIFFER")} {relation}: {rows:N0} rows, {missing:N0} only in A, {extra:N0} only in B"));
        }

        Console.WriteLine(differ == 0 ? $"all {relations.Count} relations equal" : $"{differ} of {relations.Count} relations differ");
        return differ == 0 ? 0 : 1;
    }

    /// <summary>
    /// <c>--start-from PARENT WORK</c>: the two ways an incremental snapshot can start from its parent, timed: a copy
    /// of the file, and a new file into which every table of the parent (attached read-only) is copied by CREATE TABLE
    /// AS (views left out: the build recreates them). Prints wall time and the new file's size for each.
    /// </summary>
    public static int StartFrom(string parent, string work)
    {
        Directory.CreateDirectory(work);
        var copy = Path.Combine(work, "copied.duckdb");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        File.Copy(parent, copy, overwrite: true);
        using (var stream = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Flush(flushToDisk: true);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"file copy: {clock.Elapsed.TotalSeconds:F2} s (with fsync), {new FileInfo(copy).Length / 1048576.0:N0} MiB"));
        File.Delete(copy);

        var ctas = Path.Combine(work, "ctas.duckdb");
        File.Delete(ctas);
        clock.Restart();
        using (var connection = new DuckDBConnection($"Data Source={ctas}"))
        {
            connection.Open();
            var stem = Path.GetFileNameWithoutExtension(parent);
            Execute(connection, $"set preserve_insertion_order = false; attach '{parent.Replace("'", "''", StringComparison.Ordinal)}' as \"{stem}\" (read_only)");
            foreach (var table in Strings(connection, $"select table_name from duckdb_tables() where database_name = '{stem}' and schema_name = 'main' order by 1"))
            {
                Execute(connection, $"create table main.\"{table}\" as select * from \"{stem}\".main.\"{table}\"");
            }

            Execute(connection, $"detach \"{stem}\"; checkpoint");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"attach read-only + create table as: {clock.Elapsed.TotalSeconds:F2} s, {new FileInfo(ctas).Length / 1048576.0:N0} MiB"));
        File.Delete(ctas);
        return 0;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<string> Strings(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
