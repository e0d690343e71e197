using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Wellhouse.Tests.Dashboard;

/// <summary>
/// Reads every chart of a page back out of ECharts (<c>echarts.getInstanceByDom(el).getOption()</c>) and checks it
/// against the API's JSON for the same URL, by the dashboard's rule (web/src/charts.js): a series' id names the API
/// column it plots, optionally filtered (<c>column|field=value</c>), as [x, y] points over the rows in API order.
/// </summary>
internal static class ChartReadback
{
    private const string ReadCharts = """
        () => JSON.stringify([...document.querySelectorAll('[data-chart]')].map(el => {
          const chart = echarts.getInstanceByDom(el);
          const option = chart ? chart.getOption() : null;
          return {
            name: el.dataset.chart, source: el.dataset.source ?? null, x: el.dataset.x ?? null, items: el.dataset.items ?? 'items',
            error: el.dataset.error ?? null, empty: el.dataset.empty === 'true', emptySeries: el.dataset.series ?? '',
            yAxisTypes: option && option.yAxis ? option.yAxis.map(a => a.type) : [],
            series: option ? option.series.map(s => ({ id: s.id ?? null, type: s.type, data: s.data ?? [], links: s.links ?? null })) : [],
          };
        }))
        """;

    /// <summary>Opens a dashboard route and waits until the page and every chart on it are drawn.</summary>
    public static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await WaitDrawnAsync(page);
    }

    public static Task WaitDrawnAsync(IPage page) =>
        page.WaitForFunctionAsync("""
            () => document.querySelector('main').dataset.loaded === 'true'
              && document.querySelector('main').dataset.route === location.hash
              && [...document.querySelectorAll('[data-chart]')].every(el => el.dataset.ready === 'true')
            """);

    /// <summary>
    /// Appends the page's first contentful paint and the time until every chart was drawn (ms since navigation) to
    /// paint.tsv beside the screenshots: a figure for docs/dashboard.md, not a timed assertion.
    /// </summary>
    public static async Task RecordPaintAsync(IPage page, string name)
    {
        var figures = await page.EvaluateAsync<double[]>(
            "() => [performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1, performance.now()]");
        Assert.True(figures[0] > 0, "the page never painted");
        await File.AppendAllTextAsync(Path.Combine(DashboardServer.ScreenshotDir, "paint.tsv"),
            string.Create(CultureInfo.InvariantCulture, $"{name}\tfirst paint {figures[0]:F0} ms\tcharts drawn by {figures[1]:F0} ms\n"));
    }

    public static async Task<JsonElement> ChartsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>(ReadCharts);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    public static JsonElement Chart(JsonElement charts, string name) =>
        charts.EnumerateArray().Single(chart => chart.GetProperty("name").GetString() == name);

    /// <summary>Checks every data series of the chart against the API's answer for its data-source; returns the number of points compared.</summary>
    public static async Task<int> AssertMatchesApiAsync(JsonElement chart, HttpClient api)
    {
        var name = chart.GetProperty("name").GetString();
        Assert.True(chart.GetProperty("error").ValueKind == JsonValueKind.Null, $"{name}: {chart.GetProperty("error")}");
        var source = chart.GetProperty("source").GetString()!;
        using var answer = JsonDocument.Parse(await api.GetStringAsync(new Uri(source, UriKind.Relative)));
        var root = answer.RootElement;
        var rows = root.ValueKind == JsonValueKind.Array ? root : root.GetProperty(chart.GetProperty("items").GetString()!);
        var x = chart.GetProperty("x").GetString()!;
        if (chart.GetProperty("empty").GetBoolean())
        {
            // "Nothing to plot" must be true: no rows, or no value but null or zero in any column the chart plots.
            foreach (var id in chart.GetProperty("emptySeries").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.All(Points(rows, x, id), point => Assert.True(point.Y is null || point.Y.Value.ValueKind == JsonValueKind.Null
                    || point.Y.Value.GetDouble() == 0, $"{name} says nothing to plot, but the API has {id} = {point.Y} at {point.X}"));
            }

            Assert.True(rows.GetArrayLength() == 0 || chart.GetProperty("emptySeries").GetString()!.Length > 0, $"{name} is empty without saying why");
            return 0;
        }

        var compared = 0;
        var dataSeries = chart.GetProperty("series").EnumerateArray().Where(s => !s.GetProperty("id").GetString()!.StartsWith('_')).ToList();
        Assert.NotEmpty(dataSeries);
        foreach (var series in dataSeries)
        {
            var id = series.GetProperty("id").GetString()!;
            var expected = Points(rows, x, id);
            var actual = series.GetProperty("data").EnumerateArray().ToList();
            Assert.True(expected.Count == actual.Count, $"{name}/{id}: {actual.Count} points, the API has {expected.Count}");
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.True(Text(actual[i][0]) == expected[i].X, $"{name}/{id}[{i}]: x {Text(actual[i][0])}, API {expected[i].X}");
                AssertSameNumber(expected[i].Y, actual[i][1], $"{name}/{id}[{i}] at {expected[i].X}");
                compared++;
            }
        }

        return compared;
    }

    /// <summary>The [x, y] points of a series id over the API rows (the same rule as points() in charts.js).</summary>
    public static List<(string? X, JsonElement? Y)> Points(JsonElement rows, string x, string id)
    {
        var parts = id.Split('|');
        string? filterField = null, filterValue = null;
        if (parts.Length > 1)
        {
            var filter = parts[1].Split('=');
            (filterField, filterValue) = (filter[0], filter[1]);
        }

        return rows.EnumerateArray()
            .Where(row => filterField is null || Text(row.GetProperty(filterField)) == filterValue)
            .Select(row => (Text(row.GetProperty(x)), row.TryGetProperty(parts[0], out var y) ? y : (JsonElement?)null))
            .ToList();
    }

    private static void AssertSameNumber(JsonElement? expected, JsonElement actual, string where)
    {
        if (expected is null || expected.Value.ValueKind == JsonValueKind.Null)
        {
            Assert.True(actual.ValueKind == JsonValueKind.Null, $"{where}: chart {actual}, API null");
            return;
        }

        Assert.True(actual.ValueKind == JsonValueKind.Number, $"{where}: chart {actual}, API {expected}");
        var want = expected.Value.GetDouble();
        var got = actual.GetDouble();
        Assert.True(Math.Abs(want - got) <= 1e-9 * Math.Max(1, Math.Abs(want)), $"{where}: chart {got}, API {want}");
    }

    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetDouble().ToString(CultureInfo.InvariantCulture),
        _ => value.GetRawText(),
    };
}
