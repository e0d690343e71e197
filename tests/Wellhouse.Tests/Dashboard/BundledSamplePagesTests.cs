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
            ("forecasts", "#/forecasts", 2),
        };
        var (page, errors) = await server.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        var compared = 0;
        var overlaps = new List<string>();
        var overflowing = new List<string>();

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
                var labels = (await ChartLayout.TextsAsync(page, "lineage")).Count;
                Assert.True(labels >= lineage * 0.9, $"{labels} of the lineage's {lineage} node labels are shown");
            }

            foreach (var chart in charts.EnumerateArray().Where(c => c.GetProperty("name").GetString() != "lineage"))
            {
                compared += await ChartReadback.AssertMatchesApiAsync(chart, server.Http);
            }

            // Nothing drawn on top of anything: legends, axis names and labels, the lineage's node labels.
            foreach (var chart in charts.EnumerateArray().Select(c => c.GetProperty("name").GetString()!))
            {
                overlaps.AddRange((await ChartLayout.OverlapsAsync(page, chart)).Select(o => $"{name} {chart}: {o}"));
                overlaps.AddRange((await ChartLayout.RepeatedAxisLabelsAsync(page, chart)).Select(o => $"{name} repeated labels {o}"));
            }

            overflowing.AddRange((await ChartLayout.OverflowingCardsAsync(page)).Select(card => $"{name} {card}"));

            await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardHosting.ScreenshotDir, $"sample-{name}.png"), FullPage = true });
        }

        Assert.True(compared > 1000, $"compared only {compared} points");
        Assert.Empty(overlaps);
        Assert.Empty(overflowing);
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(1400)]
    public async Task DataPage_LineageOfTheWarehouse_LabelsDoNotOverlap(int width)
    {
        var (page, _) = await server.NewPageAsync();
        await page.SetViewportSizeAsync(width, 900);

        await ChartReadback.OpenAsync(page, $"{server.Url}/#/data");
        var nodes = ChartReadback.Chart(await ChartReadback.ChartsAsync(page), "lineage").GetProperty("series")[0].GetProperty("data").GetArrayLength();
        var labels = await ChartLayout.TextsAsync(page, "lineage");

        Assert.Empty(await ChartLayout.OverlapsAsync(page, "lineage"));
        Assert.True(labels.Count >= nodes * 0.9, $"{labels.Count} of the lineage's {nodes} node labels are shown");
        await page.CloseAsync();
    }

    [Fact]
    public async Task InjectorPage_EveryChartSaysItHasNothingToPlot_NoEmptyAxes()
    {
        var injector = (await WellsAsync()).Single(w => w.GetProperty("cum_oil_kbbl").GetDouble() == 0 && w.GetProperty("cum_gas_mmcf").GetDouble() == 0);
        var (page, errors) = await server.NewPageAsync();

        await ChartReadback.OpenAsync(page, $"{server.Url}/#/wells/{injector.GetProperty("well_code").GetInt32()}");
        var charts = await ChartReadback.ChartsAsync(page);

        Assert.Equal(9, charts.GetArrayLength());
        Assert.All(charts.EnumerateArray(), chart =>
        {
            Assert.True(chart.GetProperty("empty").GetBoolean(), $"{chart.GetProperty("name")} draws axes with nothing on them");
            Assert.Empty(chart.GetProperty("series").EnumerateArray());
        });
        foreach (var chart in charts.EnumerateArray())
        {
            Assert.Equal(0, await ChartReadback.AssertMatchesApiAsync(chart, server.Http));
        }

        var messages = await page.Locator("[data-chart] > p.empty").AllInnerTextsAsync();
        Assert.Equal(9, messages.Count);
        Assert.All(messages, message => Assert.StartsWith("Nothing to plot", message));
        Assert.True(await page.Locator("#no-production").IsVisibleAsync());
        Assert.Equal("—", await page.Locator("#oil-rate b").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardHosting.ScreenshotDir, "sample-injector.png"), FullPage = true });
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [Fact]
    public async Task OilRateCard_VolveDailyWell_IsTheLastMonthOverItsReportedDays()
    {
        // 15/9-F-11's daily reports stop on 17 September 2016: its rate is September's volume over those 17 days (the
        // mart's current rate), not over September's 30 days, and the card says which month, how many days and as of when.
        var well = (await WellsAsync()).Single(w => w.GetProperty("well_name").GetString() == "15/9-F-11");
        var code = well.GetProperty("well_code").GetInt32();
        using var summary = JsonDocument.Parse(await server.Http.GetStringAsync(new Uri($"/api/wells/{code}", UriKind.Relative)));
        using var months = JsonDocument.Parse(await server.Http.GetStringAsync(new Uri($"/api/wells/{code}/production?granularity=monthly", UriKind.Relative)));
        var september = months.RootElement.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("month").GetString() == "2016-09-01");
        var rate = summary.RootElement.GetProperty("current_oil_rate_kbd").GetDouble();
        var (page, _) = await server.NewPageAsync();

        await ChartReadback.OpenAsync(page, $"{server.Url}/#/wells/{code}");
        var card = page.Locator("#oil-rate");

        Assert.Equal(september.GetProperty("oil_volume_kbbl").GetDouble() / 17, rate, 9);
        Assert.Equal(rate.ToString("N3", System.Globalization.CultureInfo.InvariantCulture), await card.Locator("b").InnerTextAsync());
        var text = await card.InnerTextAsync();
        Assert.Contains("Oil rate (kbd), Sep 2016", text);
        Assert.Contains("17 of 30 days reported", text);
        Assert.Contains($"data as of {summary.RootElement.GetProperty("data_as_of_date").GetString()}", text);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardHosting.ScreenshotDir, "sample-well-f11.png"), FullPage = true });
        await page.CloseAsync();
    }

    private async Task<List<JsonElement>> WellsAsync()
    {
        using var wells = JsonDocument.Parse(await server.Http.GetStringAsync(new Uri("/api/wells", UriKind.Relative)));
        return wells.RootElement.GetProperty("items").EnumerateArray().Select(w => w.Clone()).ToList();
    }
}
