using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Wellhouse.Tests.Api;

namespace Wellhouse.Tests.Cli;

/// <summary>
/// What <c>wellhouse serve</c> writes to its console per request, read from the real process: one line per request
/// (timestamp, method, path, status, milliseconds), none of the framework's request logging, and both configurable
/// through the Logging settings.
/// </summary>
public sealed partial class ServeLoggingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Serve_ThreeRequests_ThreeTimestampedLines()
    {
        var (lines, _) = await ServeAndRequestAsync(expectedRequestLines: 3);

        var requests = lines.Where(line => line.Contains("Wellhouse.Requests", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, requests.Count);
        Assert.Matches(RequestLine("GET", "/alive", 200), requests[0]);
        Assert.Matches(RequestLine("GET", "/api/wells", 503), requests[1]);
        Assert.Matches(RequestLine("GET", "/no-such-page", 404), requests[2]);
        Assert.DoesNotContain(lines, line => line.Contains("(null)", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.Matches(Timestamped(), line));
    }

    [Fact]
    public async Task Serve_LoggingSettings_SilenceRequestsOrBringTheFrameworkBack()
    {
        var (quiet, _) = await ServeAndRequestAsync(expectedRequestLines: 0, "--Logging:LogLevel:Wellhouse.Requests=Warning");
        var (verbose, _) = await ServeAndRequestAsync(expectedRequestLines: 3, "--Logging:LogLevel:Microsoft.AspNetCore=Information");

        Assert.DoesNotContain(quiet, line => line.Contains("Wellhouse.Requests", StringComparison.Ordinal));
        Assert.Contains(verbose, line => line.Contains("Microsoft.AspNetCore.Hosting.Diagnostics", StringComparison.Ordinal));
    }

    /// <summary>Starts the application's dll, waits until it listens, sends three requests, waits for their log lines
    /// (or 2 s when none are expected), stops it and returns its console lines.</summary>
    private async Task<(List<string> Lines, int ExitCode)> ServeAndRequestAsync(int expectedRequestLines, params string[] settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "wellhouse.dll"), "serve", "--urls", $"http://127.0.0.1:{port}",
                     "--data-dir", Path.Combine(_temp.Path, Guid.NewGuid().ToString("N")), "--Wellhouse:Bootstrap=false", .. settings])
        {
            start.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitForAsync(output, text => text.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            foreach (var path in new[] { "/alive", "/api/wells", "/no-such-page" })
            {
                using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            }

            if (expectedRequestLines > 0)
            {
                await WaitForAsync(output, text => Regex.Count(text, "Wellhouse.Requests") >= expectedRequestLines, TimeSpan.FromSeconds(20));
            }
            else
            {
                await Task.Delay(2000, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        lock (output)
        {
            return ([.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)], process.ExitCode);
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.Append(line).Append('\n');
            }
        }
    }

    private static async Task WaitForAsync(StringBuilder output, Func<string, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            if (condition(text))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "serve did not log what was expected in time:\n" + text);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static Regex RequestLine(string method, string path, int status) =>
        new($@"^\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{{3}}Z info: Wellhouse\.Requests\[1\] {method} {Regex.Escape(path)} {status} \d+\.\d ms$");

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ")]
    private static partial Regex Timestamped();

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
