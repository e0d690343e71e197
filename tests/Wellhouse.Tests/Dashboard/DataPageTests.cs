using System.Text.Json;

namespace Wellhouse.Tests.Dashboard;

/// <summary>The data page in headless chromium: freshness, runs, timings, test results and the lineage graph.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DataPageTests(DashboardServer server)
{
    [Fact]
    public async Task DataPage_Timings_ShowTheRunsNodeResults()
    {
        var (page, errors) = await server.NewPageAsync();

        await ChartReadback.OpenAsync(page, $"{server.Url}/#/data");
        var timings = ChartReadback.Chart(await ChartReadback.ChartsAsync(page), "run-timings");

        Assert.Equal($"/api/runs/{server.RunId}", timings.GetProperty("source").GetString());
        Assert.Equal(4, await ChartReadback.AssertMatchesApiAsync(timings, server.Http));
        Assert.Empty(errors);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardServer.ScreenshotDir, "data.png"), FullPage = true });
        await page.CloseAsync();
    }

    [Fact]
    public async Task DataPage_TestResults_ListEveryTestWithItsStatus()
    {
        var (page, _) = await server.NewPageAsync();

        await ChartReadback.OpenAsync(page, $"{server.Url}/#/data");
        var tests = await page.Locator("tr[data-test]").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => r.dataset.test + '=' + r.querySelector('.badge').textContent)");

        Assert.Equal(4, tests.Length);
        Assert.Contains("test.wellhouse.assert_revenue_months_have_prices=warn", tests);
        Assert.Contains(server.RunId, await page.InnerTextAsync("#freshness"));
        Assert.Contains("2 h ago", await page.InnerTextAsync("#freshness"));
        Assert.Contains("3 / 1", await page.InnerTextAsync("#freshness"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task DataPage_Lineage_DrawsEveryNodeAndEdgeOfTheProject()
    {
        var (page, _) = await server.NewPageAsync();

        await ChartReadback.OpenAsync(page, $"{server.Url}/#/data");
        var lineage = ChartReadback.Chart(await ChartReadback.ChartsAsync(page), "lineage").GetProperty("series")[0];
        using var json = JsonDocument.Parse(await server.Http.GetStringAsync(new Uri("/dashboard/lineage.json", UriKind.Relative), TestContext.Current.CancellationToken));

        var nodes = json.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).Order().ToList();
        var edges = json.RootElement.GetProperty("edges").EnumerateArray()
            .Select(e => $"{e.GetProperty("from").GetString()}>{e.GetProperty("to").GetString()}").Order().ToList();
        Assert.Equal(nodes, lineage.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("id").GetString()).Order());
        Assert.Equal(edges, lineage.GetProperty("links").EnumerateArray()
            .Select(l => $"{l.GetProperty("source").GetString()}>{l.GetProperty("target").GetString()}").Order());
        Assert.Contains("source.raw.production>model.stg_wells", edges);
        await page.CloseAsync();
    }
}
