using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Wellhouse.Tests.Api;

/// <summary>
/// Uploads built to break the reader (issue 16): a quote left open over 20 MiB, a NUL byte in a text field, a 10 MB
/// column name, a corrupt Parquet file, and a small Parquet file that decompresses to millions of rows. Each is
/// refused with a ProblemDetails that names where, and nothing is stored.
/// </summary>
public sealed class UploadHardeningTests : IDisposable
{
    private readonly WellhouseApiFactory _factory = new(maxUploadBytes: 64L << 20, maxUploadRows: 1_000_000);

    public void Dispose() => _factory.Dispose();

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private string[] BatchFiles() => Directory.GetFiles(Path.Combine(_factory.DataDir, "raw", "batches"));

    private async Task<HttpResponseMessage> PostParquetAsync(byte[] bytes)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.apache.parquet");
        return await _factory.CreateWriter().PostAsync("/api/ingest", content);
    }

    [Fact]
    public async Task Csv_QuoteLeftOpenOver20MiB_Is400NamingRowAndLine()
    {
        var csv = new StringBuilder(RawCsv.Rows(101, 2)).Append('\n')
            .Append("10,ALPHA,101,\"NO 1/1-A-1,Alpha A-1,2020-03-01,28,1.5,0.3,1.6,0.2,volve,test.csv,2020,")
            .Append('x', 20 << 20).Append('\n').ToString();

        var response = await _factory.IngestCsvAsync(csv);
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("row 3 (line 4)", detail);
        Assert.Contains("quote left open", detail);
        Assert.Empty(BatchFiles());
    }

    [Fact]
    public async Task Csv_NulInTextField_Is422WithRowAndColumn()
    {
        var csv = RawCsv.Rows(101, 3).Replace("2020-02-01,28", "2020-02-01,28").Replace(",Alpha A-1,2020-02-01", ",Alpha\0A-1,2020-02-01");

        var response = await _factory.IngestCsvAsync(csv);
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, error.GetProperty("row").GetInt64());
        Assert.Equal("well_name", error.GetProperty("column").GetString());
        Assert.Contains("NUL", error.GetProperty("reason").GetString());
        Assert.Empty(BatchFiles());
    }

    [Fact]
    public async Task Json_NulInTextField_Is422WithRowAndColumn()
    {
        using var content = new StringContent(
            """[{"field_code": 1, "well_code": 7, "production_period": "2020-01-01", "data_source": "volve_daily", "source_data": "a\u0000b"}]""",
            Encoding.UTF8, "application/json");

        var response = await _factory.CreateWriter().PostAsync("/api/ingest", content);
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("source_data", error.GetProperty("column").GetString());
        Assert.Empty(BatchFiles());
    }

    [Fact]
    public async Task Csv_TenMegabyteUnknownColumn_IsNotEchoedBack()
    {
        var csv = RawCsv.Header + "," + new string('z', 10_000_000) + "\n" + RawCsv.Rows(101, 1).Split('\n')[1] + ",1\n";

        var response = await _factory.IngestCsvAsync(csv);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown column 'zzzz", body);
        Assert.True(body.Length < 2_000, $"the answer is {body.Length} characters");
    }

    [Fact]
    public async Task Json_TenMegabyteUnknownProperty_IsNotEchoedBack()
    {
        using var content = new StringContent(
            "[{\"field_code\": 1, \"well_code\": 7, \"production_period\": \"2020-01-01\", \"data_source\": \"volve_daily\", \""
            + new string('z', 10_000_000) + "\": 1}]", Encoding.UTF8, "application/json");

        var response = await _factory.CreateWriter().PostAsync("/api/ingest", content);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("not a column", body);
        Assert.True(body.Length < 2_000, $"the answer is {body.Length} characters");
    }

    [Fact]
    public async Task Parquet_Corrupt_Is400WithoutServerPaths()
    {
        var bytes = Encoding.ASCII.GetBytes("PAR1" + new string('#', 200) + "PAR1");

        var response = await PostParquetAsync(bytes);
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("not readable as Parquet", detail);
        Assert.DoesNotContain(_factory.DataDir, detail);
        Assert.DoesNotContain("incoming", detail);
        Assert.DoesNotContain(Path.GetTempPath(), detail);
    }

    [Fact]
    public async Task Parquet_SmallFileOfMillionsOfRows_Is413BeforeReadingThem()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "bomb.parquet");
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "copy (select 1 as field_code, 42 as well_code, date '2020-01-01' as production_period, "
                + $"'volve_daily' as data_source, 1.25 as oil_production_kbd from range(3000000)) to '{path}' (format parquet, compression zstd)";
            command.ExecuteNonQuery();
        }

        var bytes = await File.ReadAllBytesAsync(path);
        Assert.True(bytes.Length < 200_000, $"the file is {bytes.Length} bytes");
        var started = System.Diagnostics.Stopwatch.StartNew();

        var response = await PostParquetAsync(bytes);
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("holds 3000000 rows", problem.GetProperty("detail").GetString());
        Assert.Contains("Wellhouse:Ingest:MaxRows", problem.GetProperty("detail").GetString());
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
        Assert.Empty(BatchFiles());
    }

    [Fact]
    public async Task Csv_MoreRowsThanTheLimit_Is413()
    {
        using var factory = new WellhouseApiFactory(maxUploadRows: 5);

        var response = await factory.IngestCsvAsync(RawCsv.Rows(101, 6));
        var problem = await ProblemAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("row 6: more than the limit of 5 rows", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, (await factory.IngestCsvAsync(RawCsv.Rows(101, 5))).StatusCode);
        // The rows waited in a DuckDB file in raw/incoming (BatchWriter): gone once the batch is stored.
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(factory.DataDir, "raw", "incoming")));
    }
}
