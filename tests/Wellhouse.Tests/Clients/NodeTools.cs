using System.Diagnostics;
using Wellhouse.Tests.Warehouse;

namespace Wellhouse.Tests.Clients;

/// <summary>
/// The npm tools of tests/clients (Redocly's linter, openapi-typescript, tsc), installed there by
/// scripts/install-test-deps.sh (<c>npm ci</c>), run with the machine's Node.js.
/// </summary>
internal static class NodeTools
{
    public static string Dir => Path.Combine(RepoPaths.Root, "tests", "clients");

    /// <summary>Runs a package's command (node_modules/.bin) or node itself; returns exit code, stdout and stderr.</summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(string tool, params string[] args)
    {
        var file = tool == "node" ? "node" : Path.Combine(Dir, "node_modules", ".bin", tool);
        Assert.True(tool == "node" || File.Exists(file),
            $"{file} is missing: run scripts/install-test-deps.sh (npm ci in tests/clients).");
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = Dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Redocly asks its servers for updates and sends usage data unless told not to; the tests stay on this machine.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish in 3 minutes");
        }

        return (process.ExitCode, await output, await error);
    }
}
