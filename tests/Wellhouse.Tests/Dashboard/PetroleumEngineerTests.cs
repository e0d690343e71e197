using System.Globalization;
using System.Text.Json;

namespace Wellhouse.Tests.Dashboard;

/// <summary>
/// The dashboard as a petroleum engineer read it (issue 16, item 17) on the sample snapshot: the current rate never of a
/// partial month, a spike that neither sets the decline axis nor hides, units apart from legends, gas and well count on
/// their own axes, revenue in $k/$M, tables not clipped at 1400 px.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PetroleumEngineerTests(DashboardServer server)
{
    [Fact]
    public async Task OilRateCard_PartialLastMonth_SaysWhichMonthHowManyDaysAndAsOf()
    {
        var (page, errors) = await server.NewPageAsync();
        using var well = await JsonAsync("/api/wells/201");
        var summary = well.RootElement;

        await ChartReadback.OpenAsync(page, $"{server.Url}/#/wells/201");
        var card = page.Locator("#oil-rate");

        // Well 201's reports stop on 15 December 2021: the rate is December's over those 15 days, and the card says so.
        Assert.Equal("2021-12-01", await card.GetAttributeAsync("data-month"));
        Assert.Equal(summary.GetProperty("current_oil_rate_kbd").GetDouble().ToString("N3", CultureInfo.InvariantCulture),
            await card.Locator("b").InnerTextAsync());
        var text = await card.InnerTextAsync();
        Assert.Contains("Oil rate (kbd), Dec 2021", text);
        Assert.Contains("15 of 31 days reported", text);
        Assert.Contains("data as of 2021-12-16", text);
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [Fact]
    public async Task OilRateCard_WholeLastMonth_HasNoPartialNote()
    {
        var (page, _) = await server.NewPageAsync();

        await ChartReadback.OpenAsync(page, $"{server.Url}/#/wells/101");
        var text = await page.Locator("#oil-rate").InnerTextAsync();

        Assert.Equal("2021-12-01", await page.Locator("#oil-rate").GetAttributeAsync("data-month"));
        Assert.DoesNotContain("days reported", text);
        Assert.Contains("data as of 2021-12-16", text);
        await page.CloseAsync();
    }

    [Theory]
    [InlineData("decline")]
    [InlineData("trendline")]
    public async Task RateCharts_Spike_DoesNotSetTheAxisAndIsDrawnFlaggedAtTheTop(string chart)
    {
        var (page, _) = await server.NewPageAsync();
        using var decline = await JsonAsync("/api/wells/101/decline?stream=oil");
        var rows = decline.RootElement.GetProperty("items").EnumerateArray().ToList();
        var spike = rows.Single(r => r.GetProperty("production_period").GetString() == "2020-09-01").GetProperty("actual_rate").GetDouble();
        var curves = rows.SelectMany(r => new[] { r.GetProperty("fitted_rate"), r.GetProperty("rate_p10") })
            .Where(v => v.ValueKind == JsonValueKind.Number).Max(v => v.GetDouble());

        await ChartReadback.OpenAsync(page, $"{server.Url}/#/wells/101");
        var axis = (await ChartLayout.YAxesAsync(page, chart))[0];
        var texts = await ChartLayout.TextsAsync(page, chart);

        Assert.Equal(150, spike);
        var max = axis.GetProperty("extent")[1].GetDouble();
        Assert.True(max < spike / 3, $"{chart}: the axis goes to {max} for a spike of {spike}");
        Assert.True(max >= curves || chart == "trendline", $"{chart}: the axis ({max}) cuts the fit or its P10 ({curves})");
        Assert.Contains(texts, t => t.Value == "150 kbd ↑");
        Assert.Empty(await ChartLayout.OverlapsAsync(page, chart));
        await page.CloseAsync();
    }

    [Fact]
    public async Task DeclineChart_MarksTheTrendlinesOutliers()
    {
        var (page, _) = await server.NewPageAsync();
        using var trend = await JsonAsync("/api/wells/101/trendline?stream=oil");
        var flagged = trend.RootElement.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("is_outlier").GetBoolean())
            .Select(r => r.GetProperty("production_period").GetString()).ToList();

        await ChartReadback.OpenAsync(page, $"{server.Url}/#/wells/101");
        var series = ChartReadback.Chart(await ChartReadback.ChartsAsync(page), "decline").GetProperty("series").EnumerateArray()
            .Single(s => s.GetProperty("id").GetString() == "_outliers").GetProperty("data").EnumerateArray()
            .Select(p => p.GetProperty("value")[0].GetString()).ToList();

        Assert.Equal(4, flagged.Count);
        Assert.Equal(flagged, series);
        await page.CloseAsync();
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(1024)]
    public async Task EveryChart_NoTextOverlaps_NoRepeatedAxisLabels(int width)
    {
        var (page, _) = await server.NewPageAsync();
        await page.SetViewportSizeAsync(width, 900);
        var problems = new List<string>();

        foreach (var route in new[] { "#/wells/101", "#/fields/1", "#/data", "#/forecasts" })
        {
            await ChartReadback.OpenAsync(page, $"{server.Url}/{route}");
            foreach (var chart in await page.Locator("[data-chart]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.chart)"))
            {
                problems.AddRange((await ChartLayout.OverlapsAsync(page, chart)).Select(overlap => $"{route} {chart}: {overlap}"));
                problems.AddRange((await ChartLayout.RepeatedAxisLabelsAsync(page, chart)).Select(labels => $"{route} {labels}"));
            }
        }

        Assert.Empty(problems);
        await page.CloseAsync();
    }

    [Fact]
    public async Task FieldChart_GasAndProducingWells_HaveTheirOwnAxes()
    {
        var (page, _) = await server.NewPageAsync();

        await ChartReadback.OpenAsync(page, $"{server.Url}/#/fields/1");
        var axes = await ChartLayout.YAxesAsync(page, "field-production");
        var series = ChartReadback.Chart(await ChartReadback.ChartsAsync(page), "field-production");
        var axisOf = await page.EvaluateAsync<string>(
            "() => JSON.stringify(Object.fromEntries(echarts.getInstanceByDom(document.querySelector('[data-chart=field-production]')).getOption().series.map(s => [s.id, s.yAxisIndex])))");
        using var index = JsonDocument.Parse(axisOf);

        Assert.Equal(["kbd", "MMcfd", "wells"], axes.EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(1, index.RootElement.GetProperty("gas_rate_mmcfd").GetInt32());
        Assert.Equal(2, index.RootElement.GetProperty("well_count").GetInt32());
        Assert.True(axes[2].GetProperty("offset").GetDouble() > 40, "the wells axis sits beside the gas axis, not on it");
        Assert.True(await ChartReadback.AssertMatchesApiAsync(series, server.Http) > 0);
        await page.CloseAsync();
    }

    [Fact]
    public async Task RevenueAxes_ReadableUnits()
    {
        var (page, _) = await server.NewPageAsync();

        await ChartReadback.OpenAsync(page, $"{server.Url}/#/wells/101");
        var labels = (await ChartLayout.TextsAsync(page, "revenue")).Select(t => t.Value).ToList();

        Assert.Contains(labels, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\$\d+(\.\d)?[KMB]$"));
        Assert.Contains(labels, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^NOK\s?\d+(\.\d)?[KMB]$"));
        Assert.DoesNotContain(labels, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\d,\d{3},\d{3}"));
        await page.CloseAsync();
    }

    [Theory]
    [InlineData("#/fields/1")]
    [InlineData("#/data")]
    [InlineData("#/wells")]
    [InlineData("#/forecasts")]
    public async Task Tables_At1400Pixels_AreNotClipped(string route)
    {
        var (page, _) = await server.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);

        await ChartReadback.OpenAsync(page, $"{server.Url}/{route}");

        Assert.Empty(await ChartLayout.OverflowingCardsAsync(page));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"));
        await page.CloseAsync();
    }

    private async Task<JsonDocument> JsonAsync(string url) =>
        JsonDocument.Parse(await server.Http.GetStringAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken));
}
