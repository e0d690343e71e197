namespace Wellhouse.Tests.Dashboard;

/// <summary>The field overview in headless chromium: the field list and each chart match the API.</summary>
[Collection(DashboardCollection.Name)]
public sealed class FieldsPageTests(DashboardServer server)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task FieldsPage_EveryChart_ShowsTheApiNumbers(int fieldCode)
    {
        var (page, errors) = await server.NewPageAsync();

        await ChartReadback.OpenAsync(page, $"{server.Url}/#/fields/{fieldCode}");
        var charts = await ChartReadback.ChartsAsync(page);

        Assert.Equal(["field-cumulative", "field-production", "field-yearly"], charts.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        foreach (var chart in charts.EnumerateArray())
        {
            Assert.True(await ChartReadback.AssertMatchesApiAsync(chart, server.Http) > 0, chart.GetProperty("name").GetString());
        }

        Assert.EndsWith($"/api/fields/{fieldCode}/production?granularity=monthly",
            ChartReadback.Chart(charts, "field-production").GetProperty("source").GetString());
        Assert.Equal(2, await page.Locator("tr[data-field]").CountAsync());
        Assert.Empty(errors);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardServer.ScreenshotDir, $"field-{fieldCode}.png"), FullPage = true });
        await page.CloseAsync();
    }
}
