using System.Text.Json;

namespace Wellhouse.Tests.Dashboard;

/// <summary>Every page on the bundled Volve sample, built by the real warehouse: each chart shows the API's numbers.</summary>
[Collection(BundledSampleCollection.Name)]
public sealed class BundledSamplePagesTests(BundledSampleServer server)
{
    [Fact]
    public async Task EveryPage_BundledSample_ChartsShowTheApiNumbers()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var wells = JsonDocument.Parse(await server.Http.GetStringAsync(new Uri("/api/wells", UriKind.Relative), cancel));
        using var fields = JsonDocument.Parse(await server.Http.GetStringAsync(new Uri("/api/fields", UriKind.Relative), cancel));
        var wellCode = wells.RootElement.GetProperty("items")[0].GetProperty("well_code").GetInt32();
        var fieldCode = fields.RootElement.GetProperty("items")[0].GetProperty("field_code").GetInt32();
        var pages = new (string Name, string Route, int Charts)[]
        {
            ("wells", "#/wells", 0),
            ("well", $"#/wells/{wellCode}", 9),
            ("fields", $"#/fields/{fieldCode}", 3),
            ("data", "#/data", 2),
        };
        var (page, errors) = await server.NewPageAsync();
        var compared = 0;

        foreach (var (name, route, chartCount) in pages)
        {
            await ChartReadback.OpenAsync(page, $"{server.Url}/{route}");
            await ChartReadback.RecordPaintAsync(page, $"sample {name}");
            var charts = await ChartReadback.ChartsAsync(page);
            Assert.Equal(chartCount, charts.GetArrayLength());
            if (name == "wells")
            {
                Assert.Equal(Math.Min(25, wells.RootElement.GetProperty("total").GetInt32()), await page.Locator("tr[data-well]").CountAsync());
            }

            if (name == "data")
            {
                var lineage = ChartReadback.Chart(charts, "lineage").GetProperty("series")[0].GetProperty("data").GetArrayLength();
                Assert.True(lineage >= 10, $"the lineage shows {lineage} nodes of the warehouse project");
            }

            foreach (var chart in charts.EnumerateArray().Where(c => c.GetProperty("name").GetString() != "lineage"))
            {
                compared += await ChartReadback.AssertMatchesApiAsync(chart, server.Http);
            }

            await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardHosting.ScreenshotDir, $"sample-{name}.png"), FullPage = true });
        }

        Assert.True(compared > 1000, $"compared only {compared} points");
        Assert.Empty(errors);
        await page.CloseAsync();
    }
}
