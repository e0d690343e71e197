using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wellhouse.Transform.Tests.Docs;

/// <summary>DocsSiteWriter: index.html is one self-contained file whose inlined data holds what the pages show.</summary>
public sealed partial class DocsSiteWriterTests : IDisposable
{
    private readonly DocsProject project = new();

    public void Dispose() => project.Dispose();

    [Fact]
    public async Task Write_BuiltProject_NoExternalUrlsAndEverythingInline()
    {
        await project.BuildAsync();
        await project.GenerateAsync();

        var html = File.ReadAllText(project.TargetFile("index.html"));

        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("{{", html[..html.IndexOf("id=\"docs-data\"", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("class GraphView", html, StringComparison.Ordinal);
        Assert.Contains(".graph-svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_ScriptTagInSql_CannotEndTheDataBlock()
    {
        await project.BuildAsync();
        await project.GenerateAsync();

        var html = File.ReadAllText(project.TargetFile("index.html"));

        // The template's two script blocks, and no more: the model's "</script>" comment is escaped in the JSON.
        Assert.Equal(2, Regex.Count(html, "</script>", RegexOptions.IgnoreCase));
        Assert.Contains("alert(1)", Data(html).Nodes["model.shop.monthly_oil"].GetProperty("raw").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_Columns_CatalogTypesYmlDescriptionsAndTests()
    {
        await project.BuildAsync();
        await project.GenerateAsync();

        var data = Data(File.ReadAllText(project.TargetFile("index.html")));

        var mart = data.Nodes["model.shop.monthly_oil"];
        var columns = mart.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(["month", "oil", "price", "documented_only"], columns.Keys);
        Assert.Equal("TIMESTAMP", columns["month"].GetProperty("type").GetString());
        Assert.Equal("First day of the month.", columns["month"].GetProperty("desc").GetString());
        Assert.Equal(2, columns["month"].GetProperty("tests").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, columns["documented_only"].GetProperty("type").ValueKind);
        Assert.Contains("\"shop\".\"main\".\"stg_production\"", mart.GetProperty("compiled").GetString(), StringComparison.Ordinal);
        Assert.Equal(["model.shop.stg_production", "seed.shop.prices"], mart.GetProperty("deps").EnumerateArray().Select(d => d.GetString()).Order());
        var source = data.Nodes["source.shop.raw.production"];
        Assert.Equal("raw.production", source.GetProperty("name").GetString());
        Assert.Equal("BASE TABLE", source.GetProperty("dbtype").GetString());
        Assert.Single(source.GetProperty("columns").EnumerateArray().First().GetProperty("tests").EnumerateArray());
        Assert.False(data.Nodes["model.shop.unbuilt"].TryGetProperty("dbtype", out _));
        Assert.Equal("shop", data.Project);
    }

    [Fact]
    public async Task Write_Exposure_IsALineageNodeWithItsOwnerAndWhatItDependsOn()
    {
        project.Write("models/exposures.yml", """
            version: 2
            exposures:
              - name: oil_dashboard
                label: Oil dashboard
                type: dashboard
                maturity: high
                url: https://bi.example.com/oil
                owner: {name: Production team, email: prod@example.com}
                description: Monthly oil with prices.
                depends_on:
                  - ref('monthly_oil')
                  - source('raw', 'production')
            """);
        await project.BuildAsync();
        await project.GenerateAsync();

        var exposure = Data(File.ReadAllText(project.TargetFile("index.html"))).Nodes["exposure.shop.oil_dashboard"];

        Assert.Equal(("exposure", "Oil dashboard", "dashboard"), (exposure.GetProperty("type").GetString(), exposure.GetProperty("name").GetString(), exposure.GetProperty("kind").GetString()));
        Assert.Equal("Production team <prod@example.com>", exposure.GetProperty("owner").GetString());
        Assert.Equal(("high", "https://bi.example.com/oil"), (exposure.GetProperty("maturity").GetString(), exposure.GetProperty("url").GetString()));
        Assert.Equal(["model.shop.monthly_oil", "source.shop.raw.production"], exposure.GetProperty("deps").EnumerateArray().Select(d => d.GetString()).Order());
    }

    private static (string Project, Dictionary<string, JsonElement> Nodes) Data(string html)
    {
        var match = Regex.Match(html, "<script type=\"application/json\" id=\"docs-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(match.Success);
        var root = JsonDocument.Parse(match.Groups[1].Value).RootElement;
        return (root.GetProperty("project").GetString()!, root.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!));
    }

    [GeneratedRegex("""(src|href)\s*=\s*["']?\s*(https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
