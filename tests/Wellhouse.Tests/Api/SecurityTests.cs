using System.Net;

namespace Wellhouse.Tests.Api;

/// <summary>Hostile input in every path and query parameter: 400 or 404, never 500, never another well's data.</summary>
public sealed class SecurityTests(PublishedSnapshotFixture fixture) : IClassFixture<PublishedSnapshotFixture>
{
    public static readonly TheoryData<string> Injections =
    [
        "1 OR 1=1",
        "101 OR 1=1",
        "101; DROP TABLE mart_well_summary; --",
        "' OR '1'='1",
        "101' --",
        "\" OR \"\"=\"",
        "1 UNION SELECT * FROM mart_well_summary",
        "101/**/OR/**/1=1",
        "'; COPY mart_well_summary TO '/tmp/x.csv'; --",
        "$well",
        "%00",
        "../../api-key",
        "..%2F..%2Fetc%2Fpasswd",
        "9999999999999999999999",
        "-1",
        "1e3",
    ];

    private static readonly string[] PathTemplates =
    [
        "/api/wells/{0}", "/api/wells/{0}/production", "/api/wells/{0}/cumulative", "/api/wells/{0}/moving-averages",
        "/api/wells/{0}/decline", "/api/wells/{0}/forecast", "/api/wells/{0}/trendline", "/api/wells/{0}/revenue",
        "/api/wells/{0}/latest", "/api/fields/{0}/production", "/api/runs/{0}", "/api/runs/{0}/log", "/api/snapshots/{0}",
        "/api/ingest/batches/{0}",
    ];

    private static readonly string[] QueryTemplates =
    [
        "/api/wells?search={0}", "/api/wells?field={0}", "/api/wells?page={0}", "/api/wells?page_size={0}",
        "/api/wells/101/production?granularity={0}", "/api/wells/101/production?from={0}", "/api/wells/101/production?to={0}",
        "/api/wells/101/moving-averages?window={0}", "/api/wells/101/decline?stream={0}", "/api/wells/101/forecast?stream={0}",
        "/api/wells/101/trendline?stream={0}", "/api/wells/101/revenue?from={0}", "/api/wells/101/cumulative?to={0}",
        "/api/wells/101/latest?limit={0}", "/api/fields/10/production?granularity={0}", "/api/runs?limit={0}",
    ];

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task PathParameter_Injection_Is400Or404(string attack)
    {
        foreach (var template in PathTemplates)
        {
            var url = string.Format(template, Uri.EscapeDataString(attack));

            var response = await fixture.Client.GetAsync(url);

            var body = await response.Content.ReadAsStringAsync();

            // The real-time path answers any integer well code (a new well may exist only in raw data), with no rows.
            var emptyLatest = response.StatusCode == HttpStatusCode.OK && template.EndsWith("/latest", StringComparison.Ordinal)
                && body.Contains("\"items\":[]", StringComparison.Ordinal);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest || emptyLatest,
                $"{url}: {(int)response.StatusCode} {body}");
        }
    }

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task QueryParameter_Injection_IsNever500OrOtherData(string attack)
    {
        foreach (var template in QueryTemplates)
        {
            var url = string.Format(template, Uri.EscapeDataString(attack));

            var response = await fixture.Client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.NotFound,
                $"{url}: {(int)response.StatusCode} {body}");
            if (template.StartsWith("/api/wells?search", StringComparison.Ordinal) && attack.Contains(" OR ", StringComparison.Ordinal))
            {
                Assert.Contains("\"total\":0", body);
            }
        }
    }

    [Theory]
    [InlineData("/api/wells/101/../../../api-key")]
    [InlineData("/api/snapshots/..%2F..%2Fapi-key/publish")]
    [InlineData("/docs/..%2F..%2Fapi-key")]
    [InlineData("/openapi/..%2F..%2Fapi-key.json")]
    [InlineData("/openapi/..%2Fapi-key.json")]
    public async Task PathTraversal_AnyRoute_NeverServesAFile(string url)
    {
        var response = await fixture.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(WellhouseApiFactory.Key, body);
    }

    [Fact]
    public async Task Injection_InApiKeyHeader_Is401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runs");
        request.Headers.Add("X-Api-Key", "' OR '1'='1");

        var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
