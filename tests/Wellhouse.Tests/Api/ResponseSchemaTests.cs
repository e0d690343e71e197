using System.Net;
using System.Text;
using System.Text.Json;

namespace Wellhouse.Tests.Api;

/// <summary>
/// What the server sends on the bundled Volve sample, built by the real warehouse, matches the schema the OpenAPI
/// document declares: every property sent is declared with its JSON type, and every declared property is sent (so the
/// records that describe the streamed rows cannot drift from the marts).
/// </summary>
public sealed class ResponseSchemaTests(SampleSnapshotFixture fixture) : IClassFixture<SampleSnapshotFixture>
{
    private const int Well = 7405;

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await fixture.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    private void AssertMatches(JsonElement json, string path, string method = "get", int status = 200, bool allDeclared = true)
    {
        var checker = new JsonSchemaChecker(fixture.Document, allDeclared);
        checker.Check(json, checker.ResponseSchema(path, method, status));
        Assert.True(checker.Errors.Count == 0, string.Join('\n', checker.Errors.Take(20)));
    }

    [Theory]
    [InlineData("/api/wells", "/api/wells")]
    [InlineData("/api/wells?page_size=2&page=2", "/api/wells")]
    [InlineData("/api/wells/7405", "/api/wells/{wellCode}")]
    [InlineData("/api/wells/7405/production?granularity=daily", "/api/wells/{wellCode}/production")]
    [InlineData("/api/wells/7405/production", "/api/wells/{wellCode}/production")]
    [InlineData("/api/wells/7405/production?granularity=yearly", "/api/wells/{wellCode}/production")]
    [InlineData("/api/wells/7405/cumulative", "/api/wells/{wellCode}/cumulative")]
    [InlineData("/api/wells/7405/moving-averages", "/api/wells/{wellCode}/moving-averages")]
    [InlineData("/api/wells/7405/moving-averages?window=30d", "/api/wells/{wellCode}/moving-averages")]
    [InlineData("/api/wells/7405/decline?stream=oil", "/api/wells/{wellCode}/decline")]
    [InlineData("/api/wells/7405/decline?stream=gas", "/api/wells/{wellCode}/decline")]
    [InlineData("/api/wells/7405/forecast", "/api/wells/{wellCode}/forecast")]
    [InlineData("/api/wells/7405/trendline?stream=water", "/api/wells/{wellCode}/trendline")]
    [InlineData("/api/wells/7405/revenue", "/api/wells/{wellCode}/revenue")]
    [InlineData("/api/wells/101/latest", "/api/wells/{wellCode}/latest")]
    [InlineData("/api/fields", "/api/fields")]
    [InlineData("/api/decline/hindcast", "/api/decline/hindcast")]
    [InlineData("/api/decline/hindcast?stream=gas&horizon=24", "/api/decline/hindcast")]
    [InlineData("/health", "/health")]
    [InlineData("/alive", "/alive")]
    [InlineData("/api/runs", "/api/runs")]
    [InlineData("/api/snapshots", "/api/snapshots")]
    [InlineData("/api/ingest/batches", "/api/ingest/batches")]
    public async Task Read_OnTheSample_MatchesItsDeclaredSchema(string url, string path)
    {
        var json = await GetAsync(url);

        AssertMatches(json, path);
        if (json.TryGetProperty("items", out var items))
        {
            Assert.True(items.GetArrayLength() > 0, $"{url} sent no items: nothing was checked");
        }
    }

    [Theory]
    [InlineData("monthly")]
    [InlineData("yearly")]
    public async Task FieldProduction_OnTheSample_MatchesItsDeclaredSchema(string granularity)
    {
        var field = (await GetAsync("/api/fields")).GetProperty("items")[0].GetProperty("field_code").GetInt32();

        var json = await GetAsync($"/api/fields/{field}/production?granularity={granularity}");

        AssertMatches(json, "/api/fields/{fieldCode}/production");
        Assert.True(json.GetProperty("items").GetArrayLength() > 0);
    }

    [Theory]
    [InlineData("daily")]
    [InlineData("monthly")]
    [InlineData("yearly")]
    public async Task Production_NoRowsInRange_MatchesExactlyItsGranularitysShape(string granularity)
    {
        var json = await GetAsync($"/api/wells/{Well}/production?granularity={granularity}&from=2100-01-01");

        Assert.Equal(0, json.GetProperty("items").GetArrayLength());
        AssertMatches(json, "/api/wells/{wellCode}/production");
    }

    [Fact]
    public async Task OneRun_OneSnapshot_OneBatch_MatchTheirDeclaredSchemas()
    {
        var run = (await GetAsync("/api/runs")).GetProperty("items")[0].GetProperty("id").GetString();
        var snapshot = (await GetAsync("/api/snapshots")).GetProperty("items")[0].GetProperty("id").GetString();
        var batch = (await GetAsync("/api/ingest/batches")).GetProperty("items")[0].GetProperty("id").GetString();

        AssertMatches(await GetAsync($"/api/runs/{run}"), "/api/runs/{id}");
        AssertMatches(await GetAsync($"/api/snapshots/{snapshot}"), "/api/snapshots/{id}");
        AssertMatches(await GetAsync($"/api/ingest/batches/{batch}"), "/api/ingest/batches/{id}");
    }

    [Fact]
    public async Task Ingest_Accepted_MatchesItsDeclaredSchema()
    {
        Assert.Equal(HttpStatusCode.Created, fixture.Ingest.StatusCode);

        var json = JsonDocument.Parse(await fixture.Ingest.Content.ReadAsStringAsync()).RootElement;

        AssertMatches(json, "/api/ingest", "post", 201);
    }

    [Fact]
    public async Task Fit_PostedSeries_MatchesItsDeclaredSchema()
    {
        var points = string.Join(',', Enumerable.Range(0, 36).Select(month =>
            $"{{\"date\":\"{new DateOnly(2020, 1, 1).AddMonths(month):yyyy-MM-dd}\",\"rate\":{1000 * Math.Exp(-0.05 * month):R}}}"));
        using var body = new StringContent($"{{\"points\":[{points}],\"forecast_periods\":12}}", Encoding.UTF8, "application/json");

        var response = await fixture.Client.PostAsync("/api/decline/fit", body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        AssertMatches(JsonDocument.Parse(text).RootElement, "/api/decline/fit", "post");
    }

    [Theory]
    [InlineData("/api/wells/7405/production?granularity=hourly", "/api/wells/{wellCode}/production", 400)]
    [InlineData("/api/wells/7405/decline?from=2020-13-01", "/api/wells/{wellCode}/decline", 400)]
    [InlineData("/api/wells/999999/production", "/api/wells/{wellCode}/production", 404)]
    [InlineData("/api/wells/999999", "/api/wells/{wellCode}", 404)]
    public async Task Error_OnTheSample_MatchesItsDeclaredProblem(string url, string path, int status)
    {
        var response = await fixture.Client.GetAsync(url);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var checker = new JsonSchemaChecker(fixture.Document, allDeclared: false);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(checker.Check(json, checker.ResponseSchema(path, "get", status, "application/problem+json")),
            string.Join('\n', checker.Errors));
    }

    [Fact]
    public async Task Checker_UndeclaredOrMistypedProperty_IsReported()
    {
        var json = await GetAsync($"/api/wells/{Well}");
        var altered = JsonDocument.Parse(json.GetRawText().Replace("\"well_code\":7405", "\"well_code\":\"7405\",\"extra\":1")).RootElement;
        var checker = new JsonSchemaChecker(fixture.Document, allDeclared: true);

        checker.Check(altered, checker.ResponseSchema("/api/wells/{wellCode}", "get"));

        Assert.Contains(checker.Errors, e => e.StartsWith("$.well_code: JSON string", StringComparison.Ordinal));
        Assert.Contains(checker.Errors, e => e.StartsWith("$.extra: sent but not declared", StringComparison.Ordinal));
    }
}
