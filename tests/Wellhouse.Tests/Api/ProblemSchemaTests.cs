using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wellhouse.Refresh;

namespace Wellhouse.Tests.Api;

/// <summary>Problems with extension members (422 of an upload or a fit, 409 of a refresh) match their declared schemas.</summary>
public sealed class ProblemSchemaTests : IDisposable
{
    private readonly WellhouseApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task AssertMatchesAsync(HttpResponseMessage response, HttpStatusCode status, string path, string member)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var checker = new JsonSchemaChecker(document, allDeclared: true);
        var json = JsonDocument.Parse(body).RootElement;

        checker.Check(json, checker.ResponseSchema(path, "post", (int)status, "application/problem+json"));

        Assert.True(checker.Errors.Count == 0, string.Join('\n', checker.Errors));
        Assert.True(json.TryGetProperty(member, out _), body);
    }

    [Fact]
    public async Task Ingest_InvalidRows_422MatchesInvalidRowsProblem()
    {
        var csv = RawCsv.Rows(101, 3).Replace("2020-02-01", "2020-02-30");

        var response = await _factory.IngestCsvAsync(csv);

        await AssertMatchesAsync(response, HttpStatusCode.UnprocessableEntity, "/api/ingest", "errors");
    }

    [Fact]
    public async Task Fit_TooFewPoints_422MatchesCannotFitProblem()
    {
        using var content = new StringContent("""{"points": [{"date": "2020-01-01", "rate": 1}, {"date": "2020-02-01", "rate": 0.9}]}""",
            Encoding.UTF8, "application/json");

        var response = await _factory.CreateClient().PostAsync("/api/decline/fit", content);

        await AssertMatchesAsync(response, HttpStatusCode.UnprocessableEntity, "/api/decline/fit", "reason");
    }

    [Fact]
    public async Task Runs_StartWhileRunning_409MatchesRefreshRunningProblem()
    {
        _factory.Builder.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = _factory.CreateWriter();
        var first = await client.PostAsync("/api/runs", null);
        var firstId = first.Headers.Location!.ToString().Split('/')[^1];

        var second = await client.PostAsync("/api/runs", null);
        var body = await second.Content.ReadAsStringAsync();
        _factory.Builder.Gate.SetResult();
        await _factory.Services.GetRequiredService<RefreshCoordinator>().WaitAsync(firstId);

        await AssertMatchesAsync(new HttpResponseMessage(second.StatusCode)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/problem+json"),
        }, HttpStatusCode.Conflict, "/api/runs", "running_id");
    }

    [Fact]
    public async Task Fit_OverTheWriteLimit_429IsAProblem()
    {
        using var limited = new WellhouseApiFactory(writesPerMinute: 1);
        var client = limited.CreateClient();
        const string Body = """{"points": [{"date": "2020-01-01", "rate": 1}]}""";
        using var first = new StringContent(Body, Encoding.UTF8, "application/json");
        using var second = new StringContent(Body, Encoding.UTF8, "application/json");
        await client.PostAsync("/api/decline/fit", first);

        var response = await client.PostAsync("/api/decline/fit", second);
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var checker = new JsonSchemaChecker(document, allDeclared: false);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(checker.Check(json, checker.ResponseSchema("/api/decline/fit", "post", 429, "application/problem+json")),
            string.Join('\n', checker.Errors));
    }
}
