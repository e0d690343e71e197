using System.Text.Json;
using System.Text.RegularExpressions;
using Wellhouse.Tests.Cli;
using Wellhouse.Tests.Dashboard;

namespace Wellhouse.Tests.Docs;

/// <summary>The docs site of the real warehouse project (parsed, not built): its C# models in the tree and the graph.</summary>
public sealed class WarehouseDocsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "wellhouse-docs-warehouse-" + Guid.NewGuid().ToString("N")[..8]);

    public WarehouseDocsTests() => Copy(Path.Combine(FixtureProject.RepoRoot(), "warehouse"), _dir);

    [Fact]
    public async Task Generate_Warehouse_CSharpModelsInTreeAndGraph()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Wellhouse.Cli.WellhouseCli.RunAsync(["docs", "generate", "--no-compile", "--project-dir", _dir, "--profiles-dir", _dir], output, error);
        Assert.True(exit == 0, output + "\n" + error);
        var html = await File.ReadAllTextAsync(Path.Combine(_dir, "target", "index.html"), TestContext.Current.CancellationToken);
        using var data = JsonDocument.Parse(Regex.Match(html, "id=\"docs-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value);
        var csharp = data.RootElement.GetProperty("nodes").EnumerateArray()
            .Where(n => n.TryGetProperty("lang", out var lang) && lang.GetString() == "csharp").Select(n => n.GetProperty("id").GetString()).Order().ToList();
        var unitTestsOfRevenue = data.RootElement.GetProperty("nodes").EnumerateArray()
            .Count(n => n.TryGetProperty("test", out var kind) && kind.GetString() == "unit" && n.GetProperty("attached").GetString() == "model.wellhouse.mart_revenue");
        var (playwright, browser) = await DashboardHosting.LaunchBrowserAsync();
        try
        {
            var (page, errors) = await DashboardHosting.NewPageAsync(browser);
            await page.GotoAsync(new Uri(Path.Combine(_dir, "target", "index.html")).AbsoluteUri);
            await page.WaitForSelectorAsync("#graph-host g.node");

            var tree = await page.Locator("details[data-section='C# models'] a.tree-item").EvaluateAllAsync<string[]>("links => links.map(a => a.dataset.id)");
            var graph = await page.Locator("#graph-host g.node.lang-csharp").EvaluateAllAsync<string[]>("gs => gs.map(g => g.dataset.id)");
            var layout = await page.EvaluateAsync<string[]>("""
                () => {
                  const at = new Map([...document.querySelectorAll('#graph-host g.node')].map(g => [g.dataset.id, g.transform.baseVal[0].matrix]));
                  const backwards = [...document.querySelectorAll('#graph-host path.edge')].filter(p => at.get(p.dataset.from).e >= at.get(p.dataset.to).e).length;
                  const places = new Set([...at.values()].map(m => m.e + ',' + m.f));
                  return ['backwards=' + backwards, 'overlapping=' + (at.size - places.size)];
                }
                """);
            var unitTestsInGraph = await page.Locator("#graph-host g.node[data-id^='unit_test.']").CountAsync();
            await page.Locator("#graph-host g.node.lang-csharp").First.ClickAsync();
            await page.WaitForSelectorAsync(".page-node");

            Assert.Equal(["model.wellhouse.int_decline_fits", "model.wellhouse.int_population_forecast", "model.wellhouse.mart_decline_hindcast", "model.wellhouse.ml_predictions_raw"], csharp);
            Assert.Equal(csharp, tree.Order());
            Assert.Equal(csharp, graph.Order());
            Assert.Equal(["backwards=0", "overlapping=0"], layout);
            Assert.True(unitTestsOfRevenue > 0, "mart_revenue's unit tests are listed as its tests");
            Assert.Equal(0, unitTestsInGraph);
            Assert.Equal("C# model", await page.TextContentAsync(".eyebrow"));
            Assert.Contains("Implemented in C#", await page.InnerTextAsync(".page-node"));
            Assert.Contains("not in the database (not built yet)", await page.InnerTextAsync(".facts"));
            Assert.Empty(errors);
            await page.ScreenshotAsync(new() { Path = Path.Combine(DocsSite.ScreenshotDir, "docs-warehouse.png") });
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source).Where(d => Path.GetFileName(d) is not "target" and not "logs"))
        {
            Copy(directory, Path.Combine(destination, Path.GetFileName(directory)));
        }
    }
}
