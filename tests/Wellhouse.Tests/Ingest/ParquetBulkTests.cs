using System.Security.Cryptography;
using DuckDB.NET.Data;
using Wellhouse.Cli;
using Wellhouse.Ingest;
using Wellhouse.Tests.Api;

namespace Wellhouse.Tests.Ingest;

/// <summary>
/// The bulk path of Parquet uploads (<see cref="ParquetBulkCheck"/>): it must store exactly what the row-by-row path
/// stores, and leave every file it cannot prove valid to the row-by-row path, whose errors name row and column.
/// </summary>
public sealed class ParquetBulkTests : IDisposable
{
    private static readonly DateTime ReceivedAt = new(2026, 12, 7, 3, 4, 5, 678, 901, DateTimeKind.Utc);
    private static readonly HashSet<string> Known = new(["upload_daily", "upload_monthly"], StringComparer.Ordinal);

    /// <summary>Rows of every kind the parser converts: other integer and float types, empty text, missing timestamps, out of order.</summary>
    private const string MixedRows = """
        select cast(10 + i % 2 as bigint) as field_code, case when i % 3 = 0 then '' else 'F' || i % 2 end as field_name,
            cast(900 - i % 7 as smallint) as well_code, 'NO ' || i as well_reference, null::varchar as well_name,
            date '2020-01-01' + cast(i as integer) as production_period, cast(i % 20 as integer) as days_on_production,
            cast(i / 7.0 as float) as oil_production_kbd, -0.125::double * i as gas_production_mmcfd,
            cast(null as double) as liquids_production_kbd, cast(i as bigint) as water_production_kbd,
            case when i % 2 = 0 then 'upload_daily' else 'upload_monthly' end as data_source, '' as source_data,
            'p' as partition_0,
            case when i % 5 = 0 then null else timestamp '2021-03-04 05:06:07.123456' + to_seconds(i) end as created_at,
            case when i % 4 = 0 then null else timestamp '2022-01-01' + to_seconds(i) end as updated_at
        from range(2000) t(i)
        """;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Bulk_MixedTypesAndOrder_StoresWhatTheRowPathStores()
    {
        var file = WriteParquet("mixed", MixedRows);

        var (bulk, bulkRows) = Store(file, bulk: true, expectBulk: true);
        var (rowByRow, rows) = Store(file, bulk: false);

        Assert.Equal((2000L, 2000L), (bulkRows, rows));
        AssertSameRows(bulk, rowByRow);
        Assert.Equal(0L, Scalar($"select count(*) from read_parquet('{bulk}') where source_data is not null or field_name = ''"));
        Assert.Equal(400L, Scalar($"select count(*) from read_parquet('{bulk}') where created_at = timestamp '2026-12-07 03:04:05.678901'"));
        AssertInWellAndPeriodOrder(bulk);
    }

    [Fact]
    public void Bulk_FileInTheRawStoresForm_IsStoredByteForByte()
    {
        var file = WriteParquet("contract", $"select * from ({MixedRows}) order by well_code, production_period");
        var contractForm = WriteParquet("contract-form", $"""
            select cast(field_code as integer) as field_code, coalesce(nullif(field_name, ''), 'F') as field_name,
                cast(well_code as integer) as well_code, well_reference, well_name, production_period,
                cast(days_on_production as double) as days_on_production, cast(oil_production_kbd as double) as oil_production_kbd,
                gas_production_mmcfd, liquids_production_kbd, cast(water_production_kbd as double) as water_production_kbd,
                data_source, nullif(source_data, '') as source_data, partition_0, coalesce(created_at, timestamp '2021-01-01') as created_at,
                coalesce(updated_at, timestamp '2021-01-02') as updated_at
            from read_parquet('{file}') order by well_code, production_period
            """);

        var (bulk, _) = Store(contractForm, bulk: true, expectBulk: true);
        var (rowByRow, _) = Store(contractForm, bulk: false);

        Assert.Equal(SHA256.HashData(File.ReadAllBytes(contractForm)), SHA256.HashData(File.ReadAllBytes(bulk)));
        AssertSameRows(bulk, rowByRow);
    }

    [Theory]
    [InlineData("days_on_production", "case when i = 77 then 32 else 1 end::double")]
    [InlineData("days_on_production", "case when i = 77 then -1 else 1 end::double")]
    [InlineData("days_on_production", "case when i = 77 then 'nan' else '1' end::double")]
    [InlineData("oil_production_kbd", "case when i = 77 then 1000000.5 else 1 end::double")]
    [InlineData("gas_production_mmcfd", "case when i = 77 then '-inf' else '1' end::double")]
    [InlineData("well_code", "case when i = 77 then 3000000000 else i end")]
    [InlineData("well_code", "case when i = 77 then null else i end")]
    [InlineData("field_code", "case when i = 77 then null else 1 end")]
    [InlineData("production_period", "case when i = 77 then null else date '2020-01-01' end")]
    [InlineData("data_source", "case when i = 77 then 'elsewhere' else 'upload_daily' end")]
    [InlineData("data_source", "case when i = 77 then '' else 'upload_daily' end")]
    [InlineData("well_name", "case when i = 77 then 'a' || chr(0) || 'b' else 'w' end")]
    public void Bulk_OneInvalidRow_GoesRowByRowWithTheSameErrors(string column, string expression)
    {
        var file = WriteParquet("invalid", ReplaceColumn(column, expression));

        var bulk = Read(file, bulk: true, Known);
        var rowByRow = Read(file, bulk: false, Known);

        Assert.False(bulk.CopiedInBulk);
        Assert.Equal(1, rowByRow.InvalidRows);
        Assert.Equal((rowByRow.InvalidRows, rowByRow.TotalRows), (bulk.InvalidRows, bulk.TotalRows));
        var error = Assert.Single(bulk.Errors);
        Assert.Equal(Assert.Single(rowByRow.Errors), error);
        Assert.Equal((78L, column), (error.Row, error.Column));
    }

    [Fact]
    public void Bulk_TheValidRowsOfTheTheoryBelow_AreCopiedInBulk()
    {
        var file = WriteParquet("valid", ReplaceColumn("well_code", "i"));

        var (bulk, rows) = Store(file, bulk: true, expectBulk: true);
        var (rowByRow, _) = Store(file, bulk: false);

        Assert.Equal(100L, rows);
        AssertSameRows(bulk, rowByRow);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\u3000")]
    public void Bulk_WhiteSpaceDataSourceWithoutASeed_GoesRowByRow(string source)
    {
        var file = WriteParquet("blank", ReplaceColumn("data_source", $"case when i = 5 then '{source}' else 'any' end"));

        var bulk = Read(file, bulk: true, known: null);

        Assert.Equal((1L, "data_source"), (bulk.InvalidRows, Assert.Single(bulk.Errors).Column));
    }

    [Fact]
    public void Bulk_TypesItDoesNotConvert_GoRowByRow()
    {
        // DECIMAL rates and VARCHAR dates: the parser's conversions, which the bulk path leaves to it.
        var file = WriteParquet("decimal", $"select * replace (1.25 as oil_production_kbd, cast(production_period as varchar) as production_period) from ({ReplaceColumn("well_code", "i")})");

        var (bulk, rows) = Store(file, bulk: true, expectBulk: false);
        var (rowByRow, _) = Store(file, bulk: false);

        Assert.Equal(100L, rows);
        AssertSameRows(bulk, rowByRow);
    }

    [Fact]
    public async Task Cli_ManyFiles_OneProcessOneBatchEach_AndAMissingOneStopsBeforeAnyIsStored()
    {
        var first = WriteParquet("a", ReplaceColumn("well_code", "i"));
        var second = WriteParquet("b", ReplaceColumn("well_code", "1000 + i"));
        var dataDir = Path.Combine(_temp.Path, "data");
        var error = new StringWriter();

        var missing = await WellhouseCli.RunAsync(["ingest", first, Path.Combine(_temp.Path, "none.parquet"), "--data-dir", dataDir], new StringWriter(), error);
        var stored = await WellhouseCli.RunAsync(["ingest", first, second, "--data-dir", dataDir], new StringWriter(), new StringWriter());

        Assert.Equal((2, 0), (missing, stored));
        Assert.Contains("none.parquet: no such file", error.ToString());
        Assert.Equal(2, Directory.GetFiles(Path.Combine(dataDir, "raw", "batches"), "*.parquet").Length);
        Assert.Equal(200L, Scalar($"select count(*) from read_parquet('{Path.Combine(dataDir, "raw", "batches")}/*.parquet')"));
    }

    /// <summary>100 valid rows with <paramref name="column"/> replaced by <paramref name="expression"/> of i (0..99).</summary>
    private static string ReplaceColumn(string column, string expression) => $"""
        select * exclude (i) replace ({expression} as {column}) from (
            select i, 1 as field_code, 'F' as field_name, i as well_code, 'R' as well_reference, 'w' as well_name,
                date '2020-01-01' as production_period, 1.0::double as days_on_production, 1.0::double as oil_production_kbd,
                1.0::double as gas_production_mmcfd, 1.0::double as liquids_production_kbd, 1.0::double as water_production_kbd,
                'upload_daily' as data_source, 's' as source_data, 'p' as partition_0,
                timestamp '2021-01-01' as created_at, timestamp '2021-01-01' as updated_at
            from range(100) t(i))
        """;

    private string WriteParquet(string name, string select)
    {
        var path = Path.Combine(_temp.Path, name + ".parquet");
        Execute($"copy ({select}) to '{path}' (format parquet)");
        return path;
    }

    private static UploadReader Read(string file, bool bulk, IReadOnlySet<string>? known)
    {
        var reader = new UploadReader(ReceivedAt, known, bulk: bulk);
        using var writer = new BatchWriter();
        reader.Read(file, UploadFormat.Parquet, writer);
        return reader;
    }

    /// <summary>The batch the upload becomes (as the raw store writes it) and its row count.</summary>
    private (string Path, long Rows) Store(string file, bool bulk, bool expectBulk = false)
    {
        var reader = new UploadReader(ReceivedAt, Known, bulk: bulk);
        using var writer = new BatchWriter();
        reader.Read(file, UploadFormat.Parquet, writer);
        Assert.Equal(0, reader.InvalidRows);
        Assert.Equal(expectBulk, reader.CopiedInBulk);
        var path = Path.Combine(_temp.Path, $"{Path.GetFileNameWithoutExtension(file)}-{(bulk ? "bulk" : "rows")}.parquet");
        writer.WriteParquet(path);
        return (path, writer.Count);
    }

    private static void AssertSameRows(string left, string right)
    {
        Assert.Equal(
            Scalar($"describe select * from read_parquet('{right}')", "select string_agg(column_name || ' ' || column_type, ',') from ({0})"),
            Scalar($"describe select * from read_parquet('{left}')", "select string_agg(column_name || ' ' || column_type, ',') from ({0})"));
        Assert.Equal(0L, Scalar($"select count(*) from (select * from read_parquet('{left}') except all select * from read_parquet('{right}'))"));
        Assert.Equal(0L, Scalar($"select count(*) from (select * from read_parquet('{right}') except all select * from read_parquet('{left}'))"));
    }

    private static void AssertInWellAndPeriodOrder(string file) =>
        Assert.Equal(0L, Scalar($"""
            select count(*) from (
                select well_code, production_period, lag(well_code) over (order by file_row_number) as w,
                    lag(production_period) over (order by file_row_number) as p
                from read_parquet('{file}', file_row_number = true))
            where well_code < w or (well_code = w and production_period < p)
            """));

    private static object? Scalar(string sql, string wrapper = "{0}")
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, wrapper, sql);
        return command.ExecuteScalar();
    }

    private static void Execute(string sql) => Scalar(sql);
}
