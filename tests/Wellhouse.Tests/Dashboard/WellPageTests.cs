using System.Text.Json;

namespace Wellhouse.Tests.Dashboard;

/// <summary>The well page in headless chromium: every chart shows the API's numbers for the same well.</summary>
[Collection(DashboardCollection.Name)]
public sealed class WellPageTests(DashboardServer server)
{
    private static readonly string[] WellCharts =
        ["production", "decline", "forecast", "trendline", "moving-averages", "cumulative", "monthly", "yearly", "revenue"];

    [Theory]
    [InlineData(101)]
    [InlineData(201)]
    public async Task WellPage_EveryChart_ShowsTheApiNumbers(int wellCode)
    {
        var (page, errors) = await server.NewPageAsync();

        await ChartReadback.OpenAsync(page, $"{server.Url}/#/wells/{wellCode}");
        await ChartReadback.RecordPaintAsync(page, $"well {wellCode}");
        var charts = await ChartReadback.ChartsAsync(page);

        Assert.Equal(WellCharts, charts.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        foreach (var chart in charts.EnumerateArray())
        {
            Assert.True(await ChartReadback.AssertMatchesApiAsync(chart, server.Http) > 0, chart.GetProperty("name").GetString());
        }

        using var well = JsonDocument.Parse(await server.Http.GetStringAsync(new Uri($"/api/wells/{wellCode}", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.Contains(well.RootElement.GetProperty("well_name").GetString()!, await page.InnerTextAsync("h1"));
        Assert.Empty(errors);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardServer.ScreenshotDir, $"well-{wellCode}.png"), FullPage = true });
        await page.CloseAsync();
    }

    [Fact]
    public async Task WellPage_Decline_HasBandForecastAndOutliers()
    {
        var (page, _) = await server.NewPageAsync();

        await ChartReadback.OpenAsync(page, $"{server.Url}/#/wells/101");
        var charts = await ChartReadback.ChartsAsync(page);

        var decline = ChartReadback.Chart(charts, "decline").GetProperty("series").EnumerateArray().ToList();
        var band = decline.Single(s => s.GetProperty("id").GetString() == "_band").GetProperty("data").EnumerateArray().ToList();
        var p10 = Series(decline, "rate_p10");
        var p90 = Series(decline, "rate_p90");
        Assert.Equal(60, band.Count);
        Assert.Equal(p10[45][1].GetDouble() - p90[45][1].GetDouble(), band[45][1].GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, Series(decline, "actual_rate")[45][1].ValueKind);
        var outliers = Series(ChartReadback.Chart(charts, "trendline").GetProperty("series").EnumerateArray().ToList(), "actual_rate|is_outlier=true");
        Assert.Equal(4, outliers.Count);
        await page.CloseAsync();
    }

    [Fact]
    public async Task WellPage_GasStream_RedrawsFromTheGasSeries()
    {
        var (page, errors) = await server.NewPageAsync();
        await ChartReadback.OpenAsync(page, $"{server.Url}/#/wells/102");

        await page.SelectOptionAsync("#stream", "gas");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-chart=decline]').dataset.source.endsWith('stream=gas')");
        await ChartReadback.WaitDrawnAsync(page);
        var charts = await ChartReadback.ChartsAsync(page);

        foreach (var name in new[] { "decline", "forecast", "trendline", "moving-averages" })
        {
            var chart = ChartReadback.Chart(charts, name);
            Assert.True(await ChartReadback.AssertMatchesApiAsync(chart, server.Http) > 0, name);
        }

        Assert.StartsWith("gas_rate_avg_mmcfd|", ChartReadback.Chart(charts, "moving-averages").GetProperty("series")[0].GetProperty("id").GetString());
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [Fact]
    public async Task WellPage_LogScale_UsesLogAxesAndLeavesZerosOut()
    {
        var (page, _) = await server.NewPageAsync();
        await ChartReadback.OpenAsync(page, $"{server.Url}/#/wells/101");

        await page.CheckAsync("#log-scale");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-chart=production]').dataset.log === 'true'");
        await ChartReadback.WaitDrawnAsync(page);
        var production = ChartReadback.Chart(await ChartReadback.ChartsAsync(page), "production");

        Assert.All(production.GetProperty("yAxisTypes").EnumerateArray(), type => Assert.Equal("log", type.GetString()));
        var gas = Series(production.GetProperty("series").EnumerateArray().ToList(), "gas_rate_mmcfd");
        Assert.Equal("2019-08-01", gas[7][0].GetString());
        Assert.Equal(JsonValueKind.Null, gas[7][1].ValueKind);
        Assert.True(gas[8][1].GetDouble() > 0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardServer.ScreenshotDir, "well-101-log.png"), FullPage = true });
        await page.CloseAsync();
    }

    private static List<JsonElement> Series(List<JsonElement> series, string id) =>
        series.Single(s => s.GetProperty("id").GetString() == id).GetProperty("data").EnumerateArray().ToList();
}
