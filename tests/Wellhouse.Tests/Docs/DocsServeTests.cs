using System.Text.Json;
using Wellhouse.Tests.Cli;

namespace Wellhouse.Tests.Docs;

/// <summary><c>wellhouse docs serve</c>: target/ over loopback HTTP, and a clear error before docs generate.</summary>
public sealed class DocsServeTests
{
    [Fact]
    public async Task Serve_GeneratedSite_AnswersIndexAndCatalogOverLoopback()
    {
        using var project = new FixtureProject("jaffle_shop");
        Assert.Equal(0, await Wellhouse.Cli.WellhouseCli.RunAsync(["docs", "generate", "--project-dir", project.Directory, "--profiles-dir", project.Directory], project.Output, project.Error));
        await using var app = Wellhouse.Cli.DbtCommands.BuildDocsServer(Path.Combine(project.Directory, "target"), "127.0.0.1", 0);
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var index = await http.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var catalog = await http.GetStringAsync(new Uri("/catalog.json", UriKind.Relative), TestContext.Current.CancellationToken);
        var database = await http.GetAsync(new Uri("/jaffle_shop.duckdb", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.StartsWith("http://127.0.0.1:", app.Urls.First(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"docs-data\"", await index.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(catalog);
        Assert.Equal("https://schemas.getdbt.com/dbt/catalog/v1.json", json.RootElement.GetProperty("metadata").GetProperty("dbt_schema_version").GetString());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, database.StatusCode);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Serve_PortInUse_OneLineErrorExitOne()
    {
        using var project = new FixtureProject("jaffle_shop");
        Assert.Equal(0, await Wellhouse.Cli.WellhouseCli.RunAsync(["docs", "generate", "--no-compile", "--project-dir", project.Directory, "--profiles-dir", project.Directory], project.Output, project.Error));
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var exit = await Wellhouse.Cli.WellhouseCli.RunAsync(["docs", "serve", "--project-dir", project.Directory, "--port", port.ToString(), "--no-browser"], project.Output, project.Error);

        Assert.Equal(1, exit);
        Assert.Contains($"error: cannot listen on 127.0.0.1:{port}:", project.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", project.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_NotGenerated_SaysToRunDocsGenerateFirst()
    {
        using var project = new FixtureProject("jaffle_shop");

        var exit = await Wellhouse.Cli.WellhouseCli.RunAsync(["docs", "serve", "--project-dir", project.Directory, "--no-browser"], project.Output, project.Error);

        Assert.Equal(1, exit);
        Assert.Contains("index.html does not exist: run wellhouse docs generate first.", project.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains(Path.Combine(project.Directory, "target"), project.Error.ToString(), StringComparison.Ordinal);
    }
}
