using System.Text.Json;
using Microsoft.Playwright;
using Wellhouse.Tests.Cli;
using Wellhouse.Tests.Dashboard;

namespace Wellhouse.Tests.Docs;

/// <summary>
/// The jaffle_shop fixture, with an exposure on its customers mart added, built and documented (<c>wellhouse build</c>, then
/// <c>wellhouse docs generate</c>) in a temp folder, and headless chromium launched as the dashboard tests launch it. The site is opened from disk
/// (file://), as a user opens target/index.html with no server and no network.
/// </summary>
public sealed class DocsSite : IAsyncLifetime
{
    private readonly FixtureProject _project = new("jaffle_shop");
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string TargetDir => Path.Combine(_project.Directory, "target");

    public string IndexUrl => new Uri(Path.Combine(TargetDir, "index.html")).AbsoluteUri;

    public static string ScreenshotDir => Path.Combine(AppContext.BaseDirectory, "docs-screenshots");

    /// <summary>The exposure added to the copy, drawn downstream of the marts it depends on.</summary>
    public const string Exposure = "exposure.jaffle_shop.customer_dashboard";

    /// <summary>The ids the lineage graph must show: manifest.json's models and seeds, its sources and exposures.</summary>
    public IReadOnlyList<string> LineageIds { get; private set; } = [];

    /// <summary>manifest.json's parent_map restricted to <see cref="LineageIds"/>, as "parent>child".</summary>
    public IReadOnlyList<string> LineageEdges { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_project.Directory, "models", "exposures.yml"), """
            version: 2
            exposures:
              - name: customer_dashboard
                label: Customer dashboard
                type: dashboard
                maturity: medium
                url: https://bi.example.com/customers
                owner: {name: Analytics, email: analytics@example.com}
                description: Lifetime value per customer.
                depends_on:
                  - ref('customers')
            """);
        await Run("build");
        await Run("docs", "generate");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(TargetDir, "manifest.json")));
        var root = manifest.RootElement;
        var ids = root.GetProperty("nodes").EnumerateObject().Where(n => n.Value.GetProperty("resource_type").GetString() != "test").Select(n => n.Name)
            .Concat(root.GetProperty("sources").EnumerateObject().Select(s => s.Name))
            .Concat(root.GetProperty("exposures").EnumerateObject().Select(e => e.Name)).Order(StringComparer.Ordinal).ToList();
        LineageIds = ids;
        LineageEdges = [.. root.GetProperty("parent_map").EnumerateObject().Where(p => ids.Contains(p.Name))
            .SelectMany(p => p.Value.EnumerateArray().Select(parent => parent.GetString()!).Where(ids.Contains).Select(parent => parent + ">" + p.Name))
            .Order(StringComparer.Ordinal)];
        Directory.CreateDirectory(ScreenshotDir);
        (_playwright, Browser) = await DashboardHosting.LaunchBrowserAsync();
    }

    /// <summary>Runs <c>wellhouse &lt;verb...&gt; --project-dir --profiles-dir</c> on the copy; fails the fixture on a non-zero exit.</summary>
    public async Task Run(params string[] verb)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Wellhouse.Cli.WellhouseCli.RunAsync([.. verb, "--project-dir", _project.Directory, "--profiles-dir", _project.Directory], output, error);
        Assert.True(exit == 0, $"wellhouse {string.Join(' ', verb)} exited {exit}\n{output}\n{error}");
    }

    /// <summary>A page with the site open at <paramref name="hash"/> (e.g. <c>#!/graph</c>), its graph drawn.</summary>
    public async Task<(IPage Page, List<string> Errors)> OpenAsync(string hash)
    {
        var (page, errors) = await DashboardHosting.NewPageAsync(Browser);
        await page.GotoAsync(IndexUrl + hash);
        await page.WaitForSelectorAsync("#graph-host g.node");
        return (page, errors);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _project.Dispose();
    }
}
