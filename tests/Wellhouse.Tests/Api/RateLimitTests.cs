using System.Net;
using System.Text;

namespace Wellhouse.Tests.Api;

/// <summary>
/// The writes' rate limit (Api:WritesPerMinute) counts only requests that passed the key check, key holders apart from
/// anonymous callers, and a 429 says when to retry.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Writes_OverTheLimit_Are429WithRetryAfter()
    {
        using var factory = new WellhouseApiFactory(writesPerMinute: 2);
        var client = factory.CreateWriter();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            using var content = new StringContent(RawCsv.Rows(101 + i, 1), Encoding.UTF8, "text/csv");
            responses.Add(await client.PostAsync("/api/ingest", content));
        }

        var read = await factory.CreateClient().GetAsync("/api/ingest/batches");
        var retryAfter = responses[2].Headers.RetryAfter?.Delta;

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, (HttpStatusCode)429], responses.Select(r => r.StatusCode));
        Assert.True(retryAfter > TimeSpan.Zero && retryAfter <= TimeSpan.FromMinutes(1), $"Retry-After: {retryAfter}");
        Assert.Equal("application/problem+json", responses[2].Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task AnonymousWrites_OverTheLimit_DoNotLockOutTheKeyHolder()
    {
        using var factory = new WellhouseApiFactory(writesPerMinute: 2);
        var anonymous = factory.CreateClient();

        var anonymousStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var content = new StringContent(RawCsv.Rows(101, 1), Encoding.UTF8, "text/csv");
            anonymousStatuses.Add((await anonymous.PostAsync("/api/runs", null)).StatusCode);
            anonymousStatuses.Add((await anonymous.PostAsync("/api/ingest", content)).StatusCode);
        }

        using var upload = new StringContent(RawCsv.Rows(101, 1), Encoding.UTF8, "text/csv");
        var keyed = await factory.CreateWriter().PostAsync("/api/ingest", upload);

        Assert.All(anonymousStatuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.Created, keyed.StatusCode);
    }

    [Fact]
    public async Task AnonymousFits_OverTheLimit_Are429ButTheKeyHolderStillWrites()
    {
        using var factory = new WellhouseApiFactory(writesPerMinute: 2);
        var anonymous = factory.CreateClient();
        var series = DeclineSeries.Json;

        var fits = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            fits.Add(await anonymous.PostAsync("/api/decline/fit", new StringContent(series, Encoding.UTF8, "application/json")));
        }

        using var upload = new StringContent(RawCsv.Rows(101, 1), Encoding.UTF8, "text/csv");
        var keyed = await factory.CreateWriter().PostAsync("/api/ingest", upload);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], fits.Select(r => r.StatusCode));
        Assert.NotNull(fits[2].Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Created, keyed.StatusCode);
    }
}

/// <summary>A series POST /api/decline/fit can fit: 24 months of a hyperbolic decline.</summary>
internal static class DeclineSeries
{
    public static string Json { get; } = System.Text.Json.JsonSerializer.Serialize(new
    {
        points = Enumerable.Range(0, 24).Select(i => new
        {
            date = new DateOnly(2020, 1, 1).AddMonths(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            rate = 1000 / Math.Pow(1 + 0.5 * 0.08 * i, 2),
        }),
        forecast_periods = 12,
    });
}
