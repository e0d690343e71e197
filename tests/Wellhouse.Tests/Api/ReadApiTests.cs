using System.Net;
using System.Text.Json;

namespace Wellhouse.Tests.Api;

public sealed class ReadApiTests(PublishedSnapshotFixture fixture) : IClassFixture<PublishedSnapshotFixture>
{
    private readonly HttpClient _client = fixture.Client;

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task Wells_FirstPage_ListsWellsWithTotal()
    {
        var json = await GetJsonAsync("/api/wells?page=1&page_size=2");

        Assert.Equal(3, json.GetProperty("total").GetInt64());
        Assert.Equal(2, json.GetProperty("items").GetArrayLength());
        Assert.Equal(101, json.GetProperty("items")[0].GetProperty("well_code").GetInt32());
        Assert.Equal("2020-01-01", json.GetProperty("items")[0].GetProperty("first_production_date").GetString());
    }

    [Theory]
    [InlineData("/api/wells?search=beta", 201)]
    [InlineData("/api/wells?search=A-2", 102)]
    [InlineData("/api/wells?search=201", 201)]
    [InlineData("/api/wells?field=20", 201)]
    public async Task Wells_SearchOrField_FindsOneWell(string url, int wellCode)
    {
        var json = await GetJsonAsync(url);

        Assert.Equal(1, json.GetProperty("total").GetInt64());
        Assert.Equal(wellCode, json.GetProperty("items")[0].GetProperty("well_code").GetInt32());
    }

    [Fact]
    public async Task Well_Known_ReturnsSummary()
    {
        var json = await GetJsonAsync("/api/wells/102");

        Assert.Equal("Alpha A-2", json.GetProperty("well_name").GetString());
        Assert.Equal(500.0, json.GetProperty("oil_eur_kbbl").GetDouble());
    }

    [Fact]
    public async Task Well_Unknown_Is404Problem()
    {
        var response = await _client.GetAsync("/api/wells/999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/wells/101/production", 12)]
    [InlineData("/api/wells/101/production?granularity=monthly&from=2020-03-01&to=2020-05-01", 3)]
    [InlineData("/api/wells/101/production?granularity=daily", 5)]
    [InlineData("/api/wells/101/production?granularity=daily&from=2020-01-02&to=2020-01-03", 2)]
    [InlineData("/api/wells/101/production?granularity=yearly", 1)]
    [InlineData("/api/wells/101/production?granularity=yearly&from=2021-01-01", 0)]
    [InlineData("/api/wells/101/cumulative?from=2020-12-01", 1)]
    [InlineData("/api/wells/101/moving-averages", 24)]
    [InlineData("/api/wells/101/moving-averages?window=3m", 12)]
    [InlineData("/api/wells/101/decline?stream=gas", 12)]
    [InlineData("/api/wells/101/forecast", 12)]
    [InlineData("/api/wells/101/trendline?stream=oil", 12)]
    [InlineData("/api/wells/101/revenue?to=2020-06-01", 6)]
    [InlineData("/api/fields/10/production", 12)]
    [InlineData("/api/fields/10/production?granularity=yearly", 1)]
    [InlineData("/api/fields", 2)]
    public async Task Series_Request_ReturnsExpectedRowCount(string url, int rows)
    {
        var json = await GetJsonAsync(url);

        Assert.Equal(rows, json.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Production_Monthly_HasIsoMonthsAndUnitNamedColumns()
    {
        var json = await GetJsonAsync("/api/wells/101/production?from=2020-02-01&to=2020-02-01");
        var row = json.GetProperty("items")[0];

        Assert.Equal("monthly", json.GetProperty("granularity").GetString());
        Assert.Equal("2020-02-01", row.GetProperty("month").GetString());
        Assert.Equal(30.0, row.GetProperty("oil_volume_kbbl").GetDouble());
        Assert.Equal(60.0, row.GetProperty("cum_oil_kbbl").GetDouble());
    }

    [Fact]
    public async Task Trendline_OutlierMonth_IsFlagged()
    {
        var json = await GetJsonAsync("/api/wells/101/trendline?from=2020-06-01&to=2020-06-01");

        Assert.True(json.GetProperty("items")[0].GetProperty("is_outlier").GetBoolean());
    }

    [Fact]
    public async Task Production_AcceptCsv_ReturnsCsvWithHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/wells/101/production?from=2020-01-01&to=2020-02-01");
        request.Headers.Add("Accept", "text/csv");

        var response = await _client.SendAsync(request);
        var lines = (await response.Content.ReadAsStringAsync()).Trim().Split('\n');

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("well_code,well_name,field_code", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(",2020-01-01,", lines[1]);
    }

    [Fact]
    public async Task Read_Any_CarriesSnapshotHeadersAndEtag()
    {
        var response = await _client.GetAsync("/api/wells/101");

        Assert.Equal(fixture.SnapshotId, response.Headers.GetValues("X-Data-Snapshot").Single());
        Assert.True(DateTimeOffset.TryParse(response.Headers.GetValues("X-Data-As-Of").Single(), out _));
        Assert.Contains(fixture.SnapshotId, response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Read_IfNoneMatchCurrentEtag_Is304()
    {
        var first = await _client.GetAsync("/api/wells/101/production");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/wells/101/production");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Read_Repeated_ServesTheSameBody()
    {
        var first = await (await _client.GetAsync("/api/wells?page_size=3")).Content.ReadAsStringAsync();
        var second = await (await _client.GetAsync("/api/wells?page_size=3")).Content.ReadAsStringAsync();

        Assert.Equal(first, second);
        Assert.Contains("\"total\":3", first);
    }

    [Theory]
    [InlineData("/api/wells?page=0")]
    [InlineData("/api/wells?page_size=5000")]
    [InlineData("/api/wells?field=abc")]
    [InlineData("/api/wells/101/production?granularity=hourly")]
    [InlineData("/api/wells/101/production?from=2020-13-01")]
    [InlineData("/api/wells/101/production?from=2020-05-01&to=2020-01-01")]
    [InlineData("/api/wells/101/decline?stream=condensate")]
    [InlineData("/api/wells/101/moving-averages?window=3m;drop")]
    public async Task Read_BadQuery_Is400ValidationProblem(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("window=30d", "30d is a window of days, computed for wells that report daily periods; well 101 reports monthly periods, whose windows are in months: 3m, 6m")]
    [InlineData("window=xyz", "expected a window of days or months such as 30d or 3m; well 101 has 3m, 6m")]
    [InlineData("window=12m", "12m is not a window of this snapshot (the warehouse vars ma_day_* and ma_month_* set them); well 101 has 3m, 6m")]
    public async Task MovingAverages_WindowTheWellLacks_Is400NamingItsWindows(string query, string reason)
    {
        var response = await _client.GetAsync("/api/wells/101/moving-averages?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(reason, Assert.Single(errors.GetProperty("window").EnumerateArray()).GetString());
    }

    [Theory]
    [InlineData("/api/wells/999/production")]
    [InlineData("/api/fields/99/production")]
    public async Task Series_UnknownKey_Is404(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Latest_BatchAfterSnapshot_ReturnsItsRowsForTheWell()
    {
        var ingest = await fixture.Factory.IngestCsvAsync(RawCsv.Rows(555, 2, year: 2022));
        Assert.Equal(HttpStatusCode.Created, ingest.StatusCode);

        var json = await GetJsonAsync("/api/wells/555/latest");
        var before = await GetJsonAsync("/api/wells/101/latest");

        Assert.Equal(2, json.GetProperty("items").GetArrayLength());
        Assert.Equal("2022-02-01", json.GetProperty("items")[0].GetProperty("production_period").GetString());
        Assert.Equal(0, before.GetProperty("items").GetArrayLength());
    }
}
