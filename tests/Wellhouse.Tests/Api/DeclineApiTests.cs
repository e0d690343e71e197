using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wellhouse.Tests.Api;

public sealed class DeclineApiTests : IDisposable
{
    private readonly WellhouseApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Fit_ExponentialSeries_RecoversDeclineAndForecasts()
    {
        // q = 10 e^(-D t) with D = 0.5 per year (nominal), monthly periods.
        var start = new DateOnly(2020, 1, 1);
        var points = Enumerable.Range(0, 36).Select(i =>
        {
            var date = start.AddMonths(i);
            var t = date.DayNumber - start.DayNumber;
            return new { date = date.ToString("yyyy-MM-dd"), rate = 10 * Math.Exp(-0.5 / 365.25 * t) };
        });

        var response = await _factory.CreateClient().PostAsJsonAsync("/api/decline/fit", new { points, forecast_periods = 12 });
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10, json.GetProperty("qi").GetDouble(), 0.5);
        Assert.Equal("exponential", json.GetProperty("model").GetString()); // as the marts and the CLI name it
        Assert.Equal(12, json.GetProperty("forecast").GetArrayLength());
        var first = json.GetProperty("forecast")[0];
        Assert.True(first.GetProperty("rate_p10").GetDouble() >= first.GetProperty("rate_p90").GetDouble());
    }

    [Theory]
    [InlineData("""{"points": []}""")]
    [InlineData("""{"points": [{"date": "2020-02-01", "rate": 1}, {"date": "2020-01-01", "rate": 1}]}""")]
    [InlineData("""{"points": [{"date": "2020-01-01", "rate": 1}], "frequency": "hourly"}""")]
    public async Task Fit_BadSeries_Is400(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await _factory.CreateClient().PostAsync("/api/decline/fit", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Fit_TooFewPoints_Is422WithReason()
    {
        using var content = new StringContent("""{"points": [{"date": "2020-01-01", "rate": 1}, {"date": "2020-02-01", "rate": 0.9}]}""",
            System.Text.Encoding.UTF8, "application/json");

        var response = await _factory.CreateClient().PostAsync("/api/decline/fit", content);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("reason", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Fit_MalformedJson_Is400Problem()
    {
        using var content = new StringContent("""{"points": [{"date": "yesterday"}]}""", System.Text.Encoding.UTF8, "application/json");

        var response = await _factory.CreateClient().PostAsync("/api/decline/fit", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
