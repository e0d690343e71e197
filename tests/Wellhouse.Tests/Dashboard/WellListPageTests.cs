using System.Text.Json;

namespace Wellhouse.Tests.Dashboard;

/// <summary>The well list in headless chromium: search, field filter and keyboard navigation.</summary>
[Collection(DashboardCollection.Name)]
public sealed class WellListPageTests(DashboardServer server)
{
    [Fact]
    public async Task WellList_NoFilter_ListsTheApiWells()
    {
        var (page, errors) = await server.NewPageAsync();

        await ChartReadback.OpenAsync(page, $"{server.Url}/");
        await ChartReadback.RecordPaintAsync(page, "wells");

        Assert.Equal(await ApiWellsAsync("/api/wells"), await ListedAsync(page));
        Assert.Empty(errors);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardServer.ScreenshotDir, "wells.png"), FullPage = true });
        await page.CloseAsync();
    }

    [Fact]
    public async Task WellList_Search_ShowsTheMatchingWells()
    {
        var (page, _) = await server.NewPageAsync();
        await ChartReadback.OpenAsync(page, $"{server.Url}/#/wells");

        await page.FillAsync("#well-search", "bravo");
        await page.WaitForFunctionAsync("() => location.hash.includes('search=bravo')");
        await ChartReadback.WaitDrawnAsync(page);

        Assert.Equal([201], await ListedAsync(page));
        Assert.Equal(await ApiWellsAsync("/api/wells?search=bravo"), await ListedAsync(page));
        await page.CloseAsync();
    }

    [Fact]
    public async Task WellList_FieldFilter_ShowsTheFieldsWells()
    {
        var (page, _) = await server.NewPageAsync();
        await ChartReadback.OpenAsync(page, $"{server.Url}/#/wells");

        await page.SelectOptionAsync("#field-filter", SampleSnapshot.FieldWithTwoWells.ToString());
        await page.WaitForFunctionAsync("() => location.hash.includes('field=1')");
        await ChartReadback.WaitDrawnAsync(page);

        Assert.Equal([101, 102], await ListedAsync(page));
        Assert.Equal(await ApiWellsAsync("/api/wells?field=1"), await ListedAsync(page));
        await page.CloseAsync();
    }

    [Fact]
    public async Task WellList_Keyboard_TabsToAWellAndOpensIt()
    {
        var (page, _) = await server.NewPageAsync();
        await ChartReadback.OpenAsync(page, $"{server.Url}/#/wells");

        await page.Keyboard.PressAsync("/");
        Assert.Equal("well-search", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        string? focused = null;
        for (var i = 0; i < 20 && focused != "ALPHA-2"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused = await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()");
        }

        Assert.Equal("ALPHA-2", focused);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => location.hash === '#/wells/102'");
        await ChartReadback.WaitDrawnAsync(page);
        Assert.Contains("ALPHA-2", await page.InnerTextAsync("h1"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task WellList_NoSnapshotYet_WaitsAndLoadsWhenPublished()
    {
        var (page, _) = await server.NewPageAsync();
        var refused = 0;
        await page.RouteAsync("**/api/wells?*", async route =>
        {
            if (refused++ == 0)
            {
                await route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json",
                    Body = "{\"title\":\"No snapshot published yet\",\"status\":503}" });
                return;
            }

            await route.ContinueAsync();
        });

        await page.GotoAsync($"{server.Url}/#/wells");
        await page.WaitForFunctionAsync("() => document.querySelector('main').dataset.waiting === 'true'");
        Assert.Contains("Preparing data", await page.InnerTextAsync("h1"));
        await ChartReadback.WaitDrawnAsync(page);

        Assert.Equal(3, (await ListedAsync(page)).Count);
        Assert.Equal(2, refused);
        await page.CloseAsync();
    }

    private static async Task<List<int>> ListedAsync(Microsoft.Playwright.IPage page) =>
        [.. (await page.Locator("tr[data-well]").EvaluateAllAsync<int[]>("rows => rows.map(r => Number(r.dataset.well))"))];

    private async Task<List<int>> ApiWellsAsync(string url)
    {
        using var json = JsonDocument.Parse(await server.Http.GetStringAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken));
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("well_code").GetInt32())];
    }
}
