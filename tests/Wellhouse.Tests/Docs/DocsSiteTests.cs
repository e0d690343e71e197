namespace Wellhouse.Tests.Docs;

/// <summary>The generated docs site of jaffle_shop in headless chromium: lineage, node pages, highlighting, zoom, pan.</summary>
public sealed class DocsSiteTests(DocsSite site) : IClassFixture<DocsSite>
{
    private const string Orders = "model.jaffle_shop.orders";

    [Fact]
    public async Task Lineage_WholeGraph_ShowsEveryNodeAndEdgeOfTheManifest()
    {
        var (page, errors) = await site.OpenAsync("#!/graph");

        var nodes = await page.Locator("#graph-host g.node").EvaluateAllAsync<string[]>("gs => gs.map(g => g.dataset.id)");
        var edges = await page.Locator("#graph-host path.edge").EvaluateAllAsync<string[]>("ps => ps.map(p => p.dataset.from + '>' + p.dataset.to)");

        Assert.Equal(site.LineageIds, nodes.Order(StringComparer.Ordinal));
        Assert.Equal(9, nodes.Length);
        Assert.Contains("model.jaffle_shop.customers>" + DocsSite.Exposure, edges);
        Assert.Equal(site.LineageEdges, edges.Order(StringComparer.Ordinal));
        Assert.Contains("seed.jaffle_shop.raw_orders>model.jaffle_shop.stg_orders", edges);
        Assert.Empty(errors);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DocsSite.ScreenshotDir, "docs-graph.png") });
        await page.CloseAsync();
    }

    [Fact]
    public async Task Lineage_Layout_LayersRunLeftToRight()
    {
        var (page, _) = await site.OpenAsync("#!/graph");

        var x = await page.Locator("#graph-host g.node").EvaluateAllAsync<string[]>(
            "gs => gs.map(g => g.dataset.id + '=' + g.transform.baseVal[0].matrix.e)");
        var column = x.Select(s => s.Split('=')).ToDictionary(p => p[0], p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(column["seed.jaffle_shop.raw_orders"] < column["model.jaffle_shop.stg_orders"]);
        Assert.True(column["model.jaffle_shop.stg_orders"] < column[Orders]);
        Assert.Equal(column[Orders], column["model.jaffle_shop.customers"]);
        await page.CloseAsync();
    }

    [Fact]
    public async Task ClickNode_Orders_OpensItsPageWithColumnsTestsSqlAndHighlightedUpstream()
    {
        var (page, errors) = await site.OpenAsync("#!/graph");

        await page.Locator($"#graph-host g.node[data-id='{Orders}']").ClickAsync();
        await page.WaitForSelectorAsync($".page-node[data-id='{Orders}'] #graph-host g.node.selected");

        Assert.EndsWith("#!/node/" + Uri.EscapeDataString(Orders), page.Url, StringComparison.Ordinal);
        Assert.Equal("orders", await page.InnerTextAsync("h1"));
        Assert.Contains("BASE TABLE", await page.InnerTextAsync(".facts"));
        Assert.Equal("INTEGER", await page.InnerTextAsync("tr[data-column='order_id'] .column-type"));
        Assert.Equal(["not_null", "unique"], (await page.Locator("tr[data-column='order_id'] .badge").AllInnerTextsAsync()).Order());
        Assert.Contains("This is a unique identifier for an order", await page.InnerTextAsync("tr[data-column='order_id']"));
        Assert.Equal(5, await page.Locator("tr[data-column='status'] table.md tbody tr").CountAsync());
        Assert.Contains("\"jaffle_shop\".\"main\".\"stg_orders\"", await page.InnerTextAsync("pre.code"));
        Assert.Equal(["model.jaffle_shop.stg_orders", "model.jaffle_shop.stg_payments"], await DataIds(page, "ul[data-list='depends-on'] a"));
        Assert.Equal([Orders], await GraphIds(page, "selected"));
        Assert.Equal(["model.jaffle_shop.stg_orders", "model.jaffle_shop.stg_payments", "seed.jaffle_shop.raw_orders", "seed.jaffle_shop.raw_payments"],
            await GraphIds(page, "upstream"));
        Assert.Empty(await GraphIds(page, "downstream"));
        Assert.Equal(4, await page.Locator("#graph-host path.edge.upstream").CountAsync());
        await page.ClickAsync("button[data-tab='source']");
        Assert.Contains("{{ ref('stg_orders') }}", await page.InnerTextAsync("pre.code"));
        Assert.Empty(errors);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DocsSite.ScreenshotDir, "docs-orders.png"), FullPage = true });
        await page.CloseAsync();
    }

    [Fact]
    public async Task ClickNode_InFocusedGraph_MovesTheFocusAndHighlightsDownstream()
    {
        var (page, _) = await site.OpenAsync("#!/node/" + Uri.EscapeDataString(Orders));

        await page.Locator("#graph-host g.node[data-id='model.jaffle_shop.stg_orders']").ClickAsync();
        await page.WaitForSelectorAsync(".page-node[data-id='model.jaffle_shop.stg_orders'] #graph-host g.node.selected");

        Assert.Equal([DocsSite.Exposure, "model.jaffle_shop.customers", Orders], await GraphIds(page, "downstream"));
        Assert.Equal(["seed.jaffle_shop.raw_orders"], await GraphIds(page, "upstream"));
        Assert.Equal(["model.jaffle_shop.customers", Orders], await DataIds(page, "ul[data-list='referenced-by'] a"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task DepthPicker_One_ShowsOnlyDirectNeighbours()
    {
        var (page, _) = await site.OpenAsync("#!/node/" + Uri.EscapeDataString(Orders));
        var everything = await GraphIds(page, "node");
        var initialDepth = await page.InputValueAsync("#lineage-depth");

        await page.SelectOptionAsync("#lineage-depth", "1");
        var direct = await GraphIds(page, "node");

        Assert.Equal("all", initialDepth);
        Assert.Equal(5, everything.Length);
        Assert.Equal([Orders, "model.jaffle_shop.stg_orders", "model.jaffle_shop.stg_payments"], direct);
        Assert.Equal([Orders], await GraphIds(page, "selected"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Hover_WholeGraph_HighlightsUpstreamAndDownstream()
    {
        var (page, _) = await site.OpenAsync("#!/graph");

        await page.Locator("#graph-host g.node[data-id='model.jaffle_shop.stg_payments']").HoverAsync();

        Assert.Equal(["seed.jaffle_shop.raw_payments"], await GraphIds(page, "upstream"));
        Assert.Equal([DocsSite.Exposure, "model.jaffle_shop.customers", Orders], await GraphIds(page, "downstream"));
        Assert.Contains("highlighting", await page.GetAttributeAsync("#graph-host svg", "class") ?? "");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DocsSite.ScreenshotDir, "docs-lineage.png") });
        await page.CloseAsync();
    }

    [Fact]
    public async Task Zoom_ButtonsAndWheel_ChangeTheScale()
    {
        var (page, _) = await site.OpenAsync("#!/graph");
        var fitted = await Scale(page);

        await page.ClickAsync("button[data-action='zoom-in']");
        var zoomedIn = await Scale(page);
        await page.ClickAsync("button[data-action='zoom-out']");
        await page.ClickAsync("button[data-action='zoom-out']");
        var zoomedOut = await Scale(page);
        var box = (await page.Locator("#graph-host svg").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.WheelAsync(0, -300);
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('#graph-host svg').dataset.scale) > {zoomedOut.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        var wheeled = await Scale(page);
        await page.ClickAsync("button[data-action='fit-the-graph']");

        Assert.Equal(fitted * 1.25, zoomedIn, 3);
        Assert.True(zoomedOut < fitted);
        Assert.True(wheeled > zoomedOut);
        Assert.Equal(fitted, await Scale(page), 3);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Drag_Background_PansTheGraph()
    {
        var (page, _) = await site.OpenAsync("#!/graph");
        var before = await page.GetAttributeAsync("#graph-host g.viewport", "transform");
        var box = (await page.Locator("#graph-host svg").BoundingBoxAsync())!;

        await page.Mouse.MoveAsync(box.X + 20, box.Y + box.Height - 20);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 140, box.Y + box.Height - 80, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        var after = await page.GetAttributeAsync("#graph-host g.viewport", "transform");

        Assert.NotEqual(before, after);
        Assert.Contains("#!/graph", page.Url, StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Tree_Search_FiltersByNameAndColumn()
    {
        var (page, _) = await site.OpenAsync("#!/graph");

        await page.FillAsync("#search", "lifetime");
        var shown = await DataIds(page, "#tree a.tree-item");

        Assert.Equal(["model.jaffle_shop.customers"], shown);
        await page.CloseAsync();
    }

    private static async Task<double> Scale(Microsoft.Playwright.IPage page) =>
        double.Parse((await page.GetAttributeAsync("#graph-host svg", "data-scale"))!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Exposure_Page_ShowsItsOwnerUrlAndUpstreamAndTheTreeListsIt()
    {
        var (page, errors) = await site.OpenAsync("#!/node/" + Uri.EscapeDataString(DocsSite.Exposure));
        await page.WaitForSelectorAsync($".page-node[data-id='{DocsSite.Exposure}'] #graph-host g.node.selected");

        Assert.Equal("Customer dashboard", await page.InnerTextAsync("h1"));
        var facts = await page.InnerTextAsync(".facts");
        Assert.Contains("Analytics <analytics@example.com>", facts, StringComparison.Ordinal);
        Assert.Contains("dashboard", facts, StringComparison.Ordinal);
        Assert.Equal("https://bi.example.com/customers", await page.GetAttributeAsync(".facts a", "href"));
        Assert.Equal(["model.jaffle_shop.customers"], await DataIds(page, "ul[data-list='depends-on'] a"));
        Assert.Contains("model.jaffle_shop.customers", await GraphIds(page, "upstream"));
        Assert.Contains("seed.jaffle_shop.raw_orders", await GraphIds(page, "upstream"));
        Assert.Equal(0, await page.Locator(".page-node h2", new() { HasText = "Columns" }).CountAsync());
        Assert.Equal([DocsSite.Exposure], await DataIds(page, "#tree details[data-section='Exposures'] a.tree-item"));
        Assert.Empty(errors);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DocsSite.ScreenshotDir, "docs-exposure.png"), FullPage = true });
        await page.CloseAsync();
    }

    private static async Task<string[]> GraphIds(Microsoft.Playwright.IPage page, string state) =>
        [.. (await page.Locator($"#graph-host g.node.{state}").EvaluateAllAsync<string[]>("gs => gs.map(g => g.dataset.id)")).Order(StringComparer.Ordinal)];

    private static async Task<string[]> DataIds(Microsoft.Playwright.IPage page, string selector) =>
        [.. (await page.Locator(selector).EvaluateAllAsync<string[]>("links => links.map(a => a.dataset.id || decodeURIComponent(a.hash.replace('#!/node/', '')))")).Order(StringComparer.Ordinal)];
}
