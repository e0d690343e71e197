using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Wellhouse.Tests.Api;

public sealed class IngestApiTests : IDisposable
{
    private readonly WellhouseApiFactory _factory = new(maxUploadBytes: 64 * 1024);

    public void Dispose() => _factory.Dispose();

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private string[] BatchFiles() => Directory.GetFiles(Path.Combine(_factory.DataDir, "raw", "batches"), "*.parquet");

    [Fact]
    public async Task Csv_ValidRows_Is201AndListed()
    {
        var response = await _factory.IngestCsvAsync(RawCsv.Rows(101, 3));
        var json = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, json.GetProperty("batch").GetProperty("rows").GetInt64());
        Assert.False(json.GetProperty("duplicate").GetBoolean());
        var list = await JsonAsync(await _factory.CreateClient().GetAsync("/api/ingest/batches"));
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());
        Assert.Single(BatchFiles());
    }

    [Fact]
    public async Task Csv_SameContentTwice_SecondIsNoOp()
    {
        await _factory.IngestCsvAsync(RawCsv.Rows(101, 3));

        var second = await _factory.IngestCsvAsync(RawCsv.Rows(101, 3));
        var json = await JsonAsync(second);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(json.GetProperty("duplicate").GetBoolean());
        Assert.Contains("already ingested", json.GetProperty("message").GetString());
        Assert.Single(BatchFiles());
    }

    [Fact]
    public async Task Csv_InvalidRows_Is422WithRowColumnAndNothingWritten()
    {
        var csv = RawCsv.Rows(101, 3).Replace("2020-02-01", "2020-02-30").Replace(",28,1.5,0.3,1.6,0.2,upload_monthly", ",40,abc,0.3,1.6,0.2,upload_monthly");

        var response = await _factory.IngestCsvAsync(csv);
        var json = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, json.GetProperty("invalid_rows").GetInt64());
        var errors = json.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("row").GetInt64() == 2 && e.GetProperty("column").GetString() == "production_period");
        Assert.Contains(errors, e => e.GetProperty("row").GetInt64() == 1 && e.GetProperty("column").GetString() == "oil_production_kbd");
        Assert.Contains(errors, e => e.GetProperty("column").GetString() == "days_on_production"
            && e.GetProperty("reason").GetString()!.Contains("outside 0..31"));
        Assert.Empty(BatchFiles());
    }

    [Fact]
    public async Task Csv_ManyInvalidRows_ReportsFirst100()
    {
        var csv = RawCsv.Header + "\n" + string.Join("\n", Enumerable.Range(0, 150).Select(i => $"10,A,x{i},,,2020-01-01,1,1,1,1,1,upload_monthly,,,,"));

        var json = await JsonAsync(await _factory.IngestCsvAsync(csv));

        Assert.Equal(150, json.GetProperty("invalid_rows").GetInt64());
        Assert.Equal(100, json.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task Csv_UnknownDataSource_Is422NamingTheKnownSourcesAndHowToAddOne()
    {
        var csv = RawCsv.Rows(101, 2).Replace("upload_monthly", "nd_vendor_monthly");

        var response = await _factory.IngestCsvAsync(csv);
        var json = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var detail = json.GetProperty("detail").GetString()!;
        Assert.Contains("2 rows name an unknown data source", detail);
        Assert.Contains("generated_daily, generated_monthly, ndic_monthly, sodir_monthly, upload_daily, upload_monthly, volve_daily", detail);
        Assert.Contains("warehouse/seeds/data_sources.csv", detail);
        Assert.All(json.GetProperty("errors").EnumerateArray(), e => Assert.Equal("data_source", e.GetProperty("column").GetString()));
        Assert.Empty(BatchFiles());
    }

    [Fact]
    public async Task Csv_SkipInvalid_KeepsValidRowsAndReportsOthers()
    {
        var csv = RawCsv.Rows(101, 3).Replace("2020-02-01", "not-a-date");

        var response = await _factory.IngestCsvAsync(csv, "?mode=skip-invalid");
        var json = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, json.GetProperty("batch").GetProperty("rows").GetInt64());
        Assert.Equal(1, json.GetProperty("batch").GetProperty("skipped_rows").GetInt64());
        Assert.Equal(2, json.GetProperty("skipped_errors")[0].GetProperty("row").GetInt64());
    }

    [Fact]
    public async Task Errors_NameTheDataRowAndTheFileLine_WhichAQuotedLineBreakSetsApart()
    {
        // Row 1 has a well name spanning two lines, so row 3 starts on line 5 (the header is line 1).
        var csv = RawCsv.Rows(101, 3).Replace(",Alpha A-1,2020-01-01", ",\"Alpha\nA-1\",2020-01-01").Replace("2020-03-01", "not-a-date");
        // The same rows as objects, after a blank line: row 2 starts on line 3.
        var lines = RawCsv.Rows(101, 2).Replace("2020-02-01", "not-a-date").Split('\n');
        var ndjson = "\n" + string.Join("\n", lines.Skip(1).Select(line => JsonSerializer.Serialize(
            lines[0].Split(',').Zip(line.Split(',')).ToDictionary(pair => pair.First, pair => pair.Second))));

        var csvProblem = await JsonAsync(await _factory.IngestCsvAsync(csv));
        var skipped = await JsonAsync(await _factory.IngestCsvAsync(csv, "?mode=skip-invalid"));
        using var content = new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson");
        var ndjsonProblem = await JsonAsync(await _factory.CreateWriter().PostAsync("/api/ingest", content));

        var error = Assert.Single(csvProblem.GetProperty("errors").EnumerateArray());
        Assert.Equal((3, 5, "production_period"), (error.GetProperty("row").GetInt64(), error.GetProperty("line").GetInt64(), error.GetProperty("column").GetString()));
        var skippedError = Assert.Single(skipped.GetProperty("skipped_errors").EnumerateArray());
        Assert.Equal((3, 5), (skippedError.GetProperty("row").GetInt64(), skippedError.GetProperty("line").GetInt64()));
        var ndjsonError = Assert.Single(ndjsonProblem.GetProperty("errors").EnumerateArray());
        Assert.Equal((2, 3), (ndjsonError.GetProperty("row").GetInt64(), ndjsonError.GetProperty("line").GetInt64()));
    }

    [Theory]
    [InlineData("gzip", true, HttpStatusCode.Created)]
    [InlineData("gzip", false, HttpStatusCode.BadRequest)]
    [InlineData("br", false, HttpStatusCode.BadRequest)]
    [InlineData("zstd", false, HttpStatusCode.UnsupportedMediaType)]
    public async Task Csv_ContentEncoding_DecompressedOrRefused(string encoding, bool compress, HttpStatusCode expected)
    {
        var csv = Encoding.UTF8.GetBytes(RawCsv.Rows(101, 12));
        var body = csv;
        if (compress)
        {
            using var packed = new MemoryStream();
            await using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            {
                await gzip.WriteAsync(csv, TestContext.Current.CancellationToken);
            }

            body = packed.ToArray();
        }

        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Headers.ContentEncoding.Add(encoding);
        var response = await _factory.CreateWriter().PostAsync("/api/ingest", content, TestContext.Current.CancellationToken);
        var json = await JsonAsync(response);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Created)
        {
            Assert.Equal(12, json.GetProperty("batch").GetProperty("rows").GetInt64());
            Assert.Equal(csv.Length, json.GetProperty("batch").GetProperty("bytes").GetInt64());
        }
        else
        {
            Assert.Contains(encoding == "zstd" ? "'zstd' is not supported" : "does not decompress", json.GetProperty("detail").GetString());
            Assert.Empty(BatchFiles());
        }
    }

    [Fact]
    public async Task Csv_UnknownColumn_Is400()
    {
        var response = await _factory.IngestCsvAsync("well_code,production_period,data_source,colour\n1,2020-01-01,upload_monthly,red\n");
        var json = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown column 'colour'", json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Upload_WithoutOrWithWrongKey_Is401()
    {
        using var content = new StringContent(RawCsv.Rows(101, 1), Encoding.UTF8, "text/csv");
        var client = _factory.CreateClient();
        var none = await client.PostAsync("/api/ingest", content);
        client.DefaultRequestHeaders.Add("X-Api-Key", "wrong");
        var wrong = await client.PostAsync("/api/ingest", content);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty(BatchFiles());
    }

    [Fact]
    public async Task Upload_OverSizeLimit_Is413AndLeavesNoTrace()
    {
        var response = await _factory.IngestCsvAsync(RawCsv.Rows(101, 12) + "\n" + new string('#', 70 * 1024));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(BatchFiles());
        Assert.Empty(Directory.GetFiles(Path.Combine(_factory.DataDir, "raw", "incoming")));
    }

    [Fact]
    public async Task Upload_UnknownMediaType_Is415()
    {
        using var content = new StringContent("<rows/>", Encoding.UTF8, "application/xml");

        var response = await _factory.CreateWriter().PostAsync("/api/ingest", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("application/json", """[{"field_code": 1, "well_code": 7, "production_period": "2020-01-01", "data_source": "upload_monthly", "oil_production_kbd": 1.5}, {"field_code": 1, "well_code": 7, "production_period": "2020-02-01", "data_source": "upload_monthly"}]""")]
    [InlineData("application/x-ndjson", "{\"field_code\": 1, \"well_code\": 7, \"production_period\": \"2020-01-01\", \"data_source\": \"upload_monthly\"}\n\n{\"field_code\": 1, \"well_code\": 7, \"production_period\": \"2020-02-01T00:00:00\", \"data_source\": \"upload_monthly\"}\n")]
    public async Task Json_ValidRows_Is201(string mediaType, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, mediaType);

        var response = await _factory.CreateWriter().PostAsync("/api/ingest", content);
        var json = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, json.GetProperty("batch").GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task Json_NotAnArray_Is400()
    {
        using var content = new StringContent("{\"well_code\": ", Encoding.UTF8, "application/json");

        var response = await _factory.CreateWriter().PostAsync("/api/ingest", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Parquet_ValidFile_Is201()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "rows.parquet");
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"copy (select 1 as field_code, 42 as well_code, date '2020-01-01' + to_days(cast(range as integer)) as production_period, "
                + $"'upload_monthly' as data_source, 1.25 as oil_production_kbd from range(10)) to '{path}' (format parquet)";
            command.ExecuteNonQuery();
        }

        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.apache.parquet");
        var response = await _factory.CreateWriter().PostAsync("/api/ingest", content);
        var json = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(10, json.GetProperty("batch").GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task Batch_UnknownOrTraversalId_Is404()
    {
        var client = _factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/ingest/batches/" + new string('a', 64))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/ingest/batches/..%2F..%2Fapi-key")).StatusCode);
    }
}
