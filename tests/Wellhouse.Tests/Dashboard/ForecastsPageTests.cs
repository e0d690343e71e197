using System.Text.Json;

namespace Wellhouse.Tests.Dashboard;

/// <summary>The forecast accuracy page (issue 15: the hindcast's APE by horizon, bias and coverage per model and
/// cohort) in headless chromium: its charts and its table show the API's numbers.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ForecastsPageTests(DashboardServer server)
{
    [Fact]
    public async Task ForecastsPage_ChartsAndTable_ShowTheHindcastOfTheApi()
    {
        var (page, errors) = await server.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);

        await ChartReadback.OpenAsync(page, $"{server.Url}/#/forecasts");
        var charts = await ChartReadback.ChartsAsync(page);

        Assert.Equal(["hindcast-horizon", "hindcast-coverage"], charts.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        foreach (var chart in charts.EnumerateArray())
        {
            Assert.True(await ChartReadback.AssertMatchesApiAsync(chart, server.Http) > 0, chart.GetProperty("name").GetString());
            Assert.Empty(await ChartLayout.OverlapsAsync(page, chart.GetProperty("name").GetString()!));
        }

        Assert.Contains("horizon=24", ChartReadback.Chart(charts, "hindcast-coverage").GetProperty("source").GetString());
        Assert.Contains("cohort=all", ChartReadback.Chart(charts, "hindcast-horizon").GetProperty("source").GetString());

        // The table: one row per model and cohort, with the API's 24-month APE, bias and coverage as percentages.
        using var api = JsonDocument.Parse(await server.Http.GetStringAsync(new Uri("/api/decline/hindcast?stream=oil&horizon=24", UriKind.Relative),
            TestContext.Current.CancellationToken));
        var items = api.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(9, items.Count);
        Assert.Equal(items.Count, await page.Locator("#hindcast tr[data-model]").CountAsync());
        foreach (var item in items)
        {
            var row = page.Locator($"#hindcast tr[data-model='{item.GetProperty("model").GetString()}'][data-cohort='{item.GetProperty("cohort").GetString()}']");
            var cells = await row.Locator("td").AllInnerTextsAsync();
            Assert.Equal(item.GetProperty("forecasts").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), cells[2]);
            Assert.Equal(Percent(item.GetProperty("median_ape").GetDouble()), cells[5]);
            Assert.Equal(Percent(item.GetProperty("median_bias").GetDouble()), cells[6]);
            Assert.Equal(Percent(item.GetProperty("coverage").GetDouble()), cells[9]);
        }

        Assert.Equal("page", await page.GetAttributeAsync("[data-nav='forecasts']", "aria-current"));
        Assert.Empty(errors);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardServer.ScreenshotDir, "forecasts.png"), FullPage = true });

        // Gas: the sample has no gas hindcast, and the page says why instead of empty charts.
        await ChartReadback.OpenAsync(page, $"{server.Url}/#/forecasts?stream=gas");
        Assert.Contains("too short", await page.InnerTextAsync("#no-hindcast"));
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    private static string Percent(double fraction) =>
        (fraction * 100).ToString("#,##0.0", System.Globalization.CultureInfo.InvariantCulture) + " %";
}
