using System.Text.Json;

namespace Wellhouse.Transform.Tests.Docs;

/// <summary>DocsGenerator: catalog.json from the database, manifest.json with compiled SQL, index.html written.</summary>
public sealed class DocsGeneratorTests : IDisposable
{
    private readonly DocsProject project = new();

    public void Dispose() => project.Dispose();

    [Fact]
    public async Task GenerateAsync_BuiltProject_CatalogHasTypesFromDuckDb()
    {
        await project.BuildAsync();

        var report = await project.GenerateAsync();

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        using var catalog = JsonDocument.Parse(File.ReadAllText(project.TargetFile("catalog.json")));
        var root = catalog.RootElement;
        Assert.Equal("https://schemas.getdbt.com/dbt/catalog/v1.json", root.GetProperty("metadata").GetProperty("dbt_schema_version").GetString());
        var view = root.GetProperty("nodes").GetProperty("model.shop.stg_production");
        Assert.Equal("VIEW", view.GetProperty("metadata").GetProperty("type").GetString());
        Assert.Equal("main", view.GetProperty("metadata").GetProperty("schema").GetString());
        Assert.Equal("shop", view.GetProperty("metadata").GetProperty("database").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("metadata").GetProperty("owner").ValueKind);
        Assert.Equal(
            ["well_id:INTEGER:1", "day:DATE:2", "oil:DOUBLE:3"],
            view.GetProperty("columns").EnumerateObject().Select(c => $"{c.Value.GetProperty("name").GetString()}:{c.Value.GetProperty("type").GetString()}:{c.Value.GetProperty("index").GetInt32()}"));
        var mart = root.GetProperty("nodes").GetProperty("model.shop.monthly_oil");
        Assert.Equal("BASE TABLE", mart.GetProperty("metadata").GetProperty("type").GetString());
        Assert.Equal("TIMESTAMP", mart.GetProperty("columns").GetProperty("month").GetProperty("type").GetString());
        Assert.False(mart.GetProperty("stats").GetProperty("has_stats").GetProperty("value").GetBoolean());
        Assert.Equal("DOUBLE", root.GetProperty("nodes").GetProperty("seed.shop.prices").GetProperty("columns").GetProperty("price").GetProperty("type").GetString());
        var source = root.GetProperty("sources").GetProperty("source.shop.raw.production");
        Assert.Equal("raw", source.GetProperty("metadata").GetProperty("schema").GetString());
        Assert.Equal("source.shop.raw.production", source.GetProperty("unique_id").GetString());
        Assert.Equal(4, report.CatalogEntries);
    }

    [Fact]
    public async Task GenerateAsync_UnbuiltModel_AbsentFromCatalogButCompiled()
    {
        await project.BuildAsync();

        await project.GenerateAsync();

        using var catalog = JsonDocument.Parse(File.ReadAllText(project.TargetFile("catalog.json")));
        Assert.False(catalog.RootElement.GetProperty("nodes").TryGetProperty("model.shop.unbuilt", out _));
        Assert.Equal(3, catalog.RootElement.GetProperty("nodes").EnumerateObject().Count());
        using var manifest = JsonDocument.Parse(File.ReadAllText(project.TargetFile("manifest.json")));
        var unbuilt = manifest.RootElement.GetProperty("nodes").GetProperty("model.shop.unbuilt");
        Assert.Equal("select 1 as x", unbuilt.GetProperty("compiled_code").GetString());
    }

    [Fact]
    public async Task GenerateAsync_Selection_CatalogOfTheSelectionAndItsSourcesSiteOfEverything()
    {
        await project.BuildAsync();

        var report = await project.GenerateAsync(select: ["stg_production"]);

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        using var catalog = JsonDocument.Parse(File.ReadAllText(project.TargetFile("catalog.json")));
        Assert.Equal(["model.shop.stg_production"], catalog.RootElement.GetProperty("nodes").EnumerateObject().Select(n => n.Name));
        Assert.Equal(["source.shop.raw.production"], catalog.RootElement.GetProperty("sources").EnumerateObject().Select(n => n.Name));
        Assert.Contains("model.shop.monthly_oil", File.ReadAllText(project.TargetFile("index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_NoCompile_ManifestWithoutCompiledSql()
    {
        await project.BuildAsync();
        File.Delete(project.TargetFile("manifest.json"));

        var report = await project.GenerateAsync(noCompile: true);

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        using var manifest = JsonDocument.Parse(File.ReadAllText(project.TargetFile("manifest.json")));
        Assert.False(manifest.RootElement.GetProperty("nodes").GetProperty("model.shop.monthly_oil").GetProperty("compiled").GetBoolean());
        Assert.True(File.Exists(project.TargetFile("index.html")));
    }

    [Fact]
    public async Task GenerateAsync_NothingBuiltYet_EmptyCatalog()
    {
        File.Delete(project.DatabasePath);

        var report = await project.GenerateAsync();

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        using var catalog = JsonDocument.Parse(File.ReadAllText(project.TargetFile("catalog.json")));
        Assert.Empty(catalog.RootElement.GetProperty("nodes").EnumerateObject());
        Assert.Empty(catalog.RootElement.GetProperty("sources").EnumerateObject());
    }

    [Fact]
    public async Task GenerateAsync_CompilationError_ExitOneAndNoSite()
    {
        // Fails only when compiling (execute is false while parsing).
        project.Write("models/broken.sql", "{% if execute %}{{ exceptions.raise_compiler_error('no prices yet') }}{% endif %}select 1\n");

        var report = await project.GenerateAsync();

        Assert.Equal(1, report.ExitCode);
        Assert.Contains(report.FormatProblems(), p => p.Contains("broken", StringComparison.Ordinal) && p.Contains("no prices yet", StringComparison.Ordinal));
        Assert.Contains("Compilation failed: cannot generate docs.", report.FormatProblems());
        Assert.False(File.Exists(project.TargetFile("index.html")));
        Assert.False(File.Exists(project.TargetFile("catalog.json")));
    }

    [Fact]
    public async Task GenerateAsync_BadProject_ExitTwoWithDiagnostics()
    {
        project.Write("models/bad_ref.sql", "select * from {{ ref('nowhere') }}\n");

        var report = await project.GenerateAsync();

        Assert.Equal(2, report.ExitCode);
        Assert.Contains(report.FormatProblems(), p => p.Contains("DBT200", StringComparison.Ordinal) && p.Contains("bad_ref.sql", StringComparison.Ordinal));
    }
}
