using System.Net;
using Wellhouse.Cli;
using Wellhouse.Tests.Api;

namespace Wellhouse.Tests.Cli;

/// <summary><c>wellhouse serve</c> takes configuration settings on its command line, as docs/api.md says.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Serve_WellhouseSettingsOnTheCommandLine_TakeEffect()
    {
        var port = FreePort();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var error = new StringWriter();
        var serve = WellhouseCli.RunAsync(["serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", _temp.Path,
            "--Wellhouse:Bootstrap=false", "--Wellhouse:Api:RequireKeyForReads=true", "--Wellhouse:Api:Key", "the-key",
            "--Logging:LogLevel:Default=Warning"], new StringWriter(), error, stop.Token);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var anonymous = await WhenUpAsync(client, serve, error);
        using var keyed = new HttpRequestMessage(HttpMethod.Get, "/api/wells");
        keyed.Headers.Add("X-Api-Key", "the-key");
        using var withKey = await client.SendAsync(keyed, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        var exit = await serve;

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.NotEqual(HttpStatusCode.Unauthorized, withKey.StatusCode);
        Assert.Equal(0, exit);
        Assert.False(File.Exists(Path.Combine(_temp.Path, "api-key")), "Api:Key was set, so no key is generated");
    }

    [Theory]
    [InlineData("--Wellhouse:Api:WritesPerMinut=5", "unknown setting 'Wellhouse:Api:WritesPerMinut': Wellhouse:Api has Key, RequireKeyForReads, WritesPerMinute")]
    [InlineData("--Wellhouse:Api:WritesPerMinute=abc", "setting 'Wellhouse:Api:WritesPerMinute': 'abc' is not a valid whole number")]
    [InlineData("--Wellhouse:Bootstrap=maybe", "'maybe' is not a valid boolean (true or false)")]
    [InlineData("--Wellhouse:Api=1", "'Wellhouse:Api' is a section")]
    [InlineData("--Wellhouse:Warehouse:Environment=PGHOST", "'Wellhouse:Warehouse:Environment': Wellhouse:Warehouse:Environment maps names to values, e.g. --Wellhouse:Warehouse:Environment:NAME=value")]
    [InlineData("--dat-dir=x", "unknown option '--dat-dir=x' (configuration settings are written --Section:Key=value")]
    [InlineData("--Wellhouse:Refresh:Schedule", "setting 'Wellhouse:Refresh:Schedule' has no value")]
    public async Task Serve_BadSetting_OneLineErrorBeforeStarting(string setting, string message)
    {
        var error = new StringWriter();

        var exit = await WellhouseCli.RunAsync(["serve", "--urls", $"http://127.0.0.1:{FreePort()}", "--data-dir", _temp.Path, setting],
            new StringWriter(), error, TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Trim().Split('\n'));
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    private static async Task<HttpStatusCode> WhenUpAsync(HttpClient client, Task<int> serve, StringWriter error)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            Assert.False(serve.IsCompleted, $"serve ended early: {error}");
            try
            {
                using var response = await client.GetAsync("/api/wells", TestContext.Current.CancellationToken);
                return response.StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        throw new TimeoutException("serve did not answer within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
