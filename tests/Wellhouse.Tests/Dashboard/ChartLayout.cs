using System.Text.Json;
using Microsoft.Playwright;

namespace Wellhouse.Tests.Dashboard;

/// <summary>
/// What a reader sees of a chart, read from ECharts' drawing (zrender's display list): every visible text with its box
/// on screen, the y axes' bounds and label texts. For layout checks that the option alone cannot show.
/// </summary>
internal static class ChartLayout
{
    private const string ReadTexts = """
        name => {
          const chart = echarts.getInstanceByDom(document.querySelector(`[data-chart="${name}"]`));
          if (!chart) return '[]';
          const hidden = el => { for (let e = el; e; e = e.parent) { if (e.ignore || e.invisible) return true; } return false; };
          const texts = [];
          for (const el of chart.getZr().storage.getDisplayList(true)) {
            if ((el.type !== 'text' && el.type !== 'tspan') || hidden(el) || !el.style || !el.style.text) continue;
            const box = el.getBoundingRect();
            const m = el.getComputedTransform() || [1, 0, 0, 1, 0, 0];
            // zrender's box of a text span is shorter than its glyphs; a reader sees a line of 1.2 x the font size.
            const size = Number((/([\d.]+)px/.exec(el.style.font || '') || [0, 12])[1]) * 1.2;
            const top = box.y + box.height / 2 - size / 2;
            if (box.width <= 0) continue;
            // The four corners on screen, in order (rotated labels stay rotated rectangles).
            const corners = [[box.x, top], [box.x + box.width, top], [box.x + box.width, top + size], [box.x, top + size]]
              .map(([x, y]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]);
            texts.push({ text: String(el.style.text), corners });
          }
          return JSON.stringify(texts);
        }
        """;

    private const string ReadYAxes = """
        name => {
          const chart = echarts.getInstanceByDom(document.querySelector(`[data-chart="${name}"]`));
          return JSON.stringify(chart.getOption().yAxis.map((axis, i) => {
            const extent = chart.getModel().getComponent('yAxis', i).axis.scale.getExtent();
            return { name: axis.name, position: axis.position, offset: axis.offset ?? 0, max: axis.max ?? null, extent };
          }));
        }
        """;

    private const string ReadAxisLabels = """
        name => {
          const chart = echarts.getInstanceByDom(document.querySelector(`[data-chart="${name}"]`));
          if (!chart || !chart.getOption().yAxis) return [];
          return chart.getOption().yAxis.map((_, i) => chart.getModel().getComponent('yAxis', i).axis.getViewLabels().map(l => l.formattedLabel));
        }
        """;

    /// <summary>A visible text and the corners of its box on screen (a rotated label is a rotated rectangle).</summary>
    public sealed record Text(string Value, (double X, double Y)[] Corners)
    {
        /// <summary>
        /// Whether two boxes share more than a sliver (1 px: glyph boxes of neighbours may touch): no edge direction of
        /// either box separates them (separating axis theorem for convex polygons).
        /// </summary>
        public bool Overlaps(Text other)
        {
            foreach (var corners in new[] { Corners, other.Corners })
            {
                for (var i = 0; i < corners.Length; i++)
                {
                    var (ax, ay) = corners[i];
                    var (bx, by) = corners[(i + 1) % corners.Length];
                    var (nx, ny) = (ay - by, bx - ax);
                    var length = Math.Sqrt(nx * nx + ny * ny);
                    if (length == 0)
                    {
                        continue;
                    }

                    var (minA, maxA) = Project(Corners, nx / length, ny / length);
                    var (minB, maxB) = Project(other.Corners, nx / length, ny / length);
                    if (Math.Min(maxA, maxB) - Math.Max(minA, minB) <= 1)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static (double Min, double Max) Project((double X, double Y)[] corners, double nx, double ny) =>
            (corners.Min(c => c.X * nx + c.Y * ny), corners.Max(c => c.X * nx + c.Y * ny));
    }

    public static async Task<List<Text>> TextsAsync(IPage page, string chart)
    {
        using var json = JsonDocument.Parse(await page.EvaluateAsync<string>(ReadTexts, chart));
        return json.RootElement.EnumerateArray().Select(t => new Text(t.GetProperty("text").GetString()!,
            t.GetProperty("corners").EnumerateArray().Select(c => (c[0].GetDouble(), c[1].GetDouble())).ToArray())).ToList();
    }

    /// <summary>Pairs of visible texts of the chart that overlap, as "a / b".</summary>
    public static async Task<List<string>> OverlapsAsync(IPage page, string chart)
    {
        var texts = await TextsAsync(page, chart);
        return texts.SelectMany((a, i) => texts.Skip(i + 1).Where(a.Overlaps).Select(b => $"'{a.Value}' / '{b.Value}'")).ToList();
    }

    /// <summary>Each y axis: name, side, offset, the option's max (null when automatic) and the drawn extent.</summary>
    public static async Task<JsonElement> YAxesAsync(IPage page, string chart)
    {
        using var json = JsonDocument.Parse(await page.EvaluateAsync<string>(ReadYAxes, chart));
        return json.RootElement.Clone();
    }

    /// <summary>Y axes whose labels repeat a value (a formatter that rounds two ticks to one text), as "chart: labels".</summary>
    public static async Task<List<string>> RepeatedAxisLabelsAsync(IPage page, string chart)
    {
        var labels = await page.EvaluateAsync<string[][]>(ReadAxisLabels, chart);
        return labels.Where(axis => axis.Distinct().Count() < axis.Length).Select(axis => $"{chart}: {string.Join(", ", axis)}").ToList();
    }

    /// <summary>Cards (and tables) on the page whose content is wider than their box: clipped or scrolled sideways.</summary>
    public static Task<string[]> OverflowingCardsAsync(IPage page) =>
        page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.card')]
              .filter(card => card.scrollWidth > card.clientWidth + 1)
              .map(card => `${card.getAttribute('aria-labelledby')}: ${card.scrollWidth} > ${card.clientWidth}`)
            """);
}
