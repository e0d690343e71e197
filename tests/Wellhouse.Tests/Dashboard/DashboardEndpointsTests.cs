using System.Net;

namespace Wellhouse.Tests.Dashboard;

/// <summary>MapDashboard: the page at /, its files, no way out of the dashboard folder.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardEndpointsTests(DashboardServer server)
{
    [Fact]
    public async Task Root_ServesTheDashboardPage()
    {
        using var response = await server.Http.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/dashboard/app.js", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Docs_BesideTheDashboard_StillTheApiReference()
    {
        using var response = await server.Http.GetAsync(new Uri("/docs", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("/dashboard/app.js", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/dashboard/app.js", "text/javascript")]
    [InlineData("/dashboard/pages/well.js", "text/javascript")]
    [InlineData("/dashboard/vendor/echarts.min.js", "text/javascript")]
    [InlineData("/dashboard/style.css", "text/css")]
    public async Task DashboardFile_Exists_ServedWithItsType(string path, string mediaType)
    {
        using var response = await server.Http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
    }

    [Theory]
    [InlineData("/dashboard/../wellhouse.dll")]
    [InlineData("/dashboard/..%2Fwellhouse.dll")]
    [InlineData("/dashboard/%2e%2e/%2e%2e/appsettings.json")]
    [InlineData("/dashboard/..%5Cwellhouse.dll")]
    [InlineData("/dashboard//etc/passwd")]
    [InlineData("/dashboard/pages")]
    [InlineData("/dashboard/no-such-file.js")]
    public async Task DashboardFile_OutsideOrMissing_Is404(string path)
    {
        using var response = await server.Http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
