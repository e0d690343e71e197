using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Wellhouse.Hosting;

namespace Wellhouse.Tests.Dashboard;

/// <summary>
/// What the dashboard fixtures share: the Wellhouse web host with the dashboard mapped, on a loopback port (a real
/// Kestrel, since a browser cannot reach a TestServer), and headless Debian chromium driven by Playwright with the
/// flags of the project's test setup (no browser is downloaded).
/// </summary>
internal static class DashboardHosting
{
    /// <summary>Where the browser tests save their screenshots (in the test output).</summary>
    public static string ScreenshotDir => Path.Combine(AppContext.BaseDirectory, "dashboard-screenshots");

    public static IHost BuildHost(string[] args, bool background) =>
        Host.CreateDefaultBuilder(args)
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureWebHostDefaults(web => web
                .UseUrls("http://127.0.0.1:0")
                .ConfigureServices(services => WellhouseWebHost.AddWellhouse(services, background))
                .Configure(WellhouseWebHost.UseWellhouse))
            .Build();

    public static string Url(IHost host) =>
        host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

    public static async Task<(IPlaywright, IBrowser)> LaunchBrowserAsync()
    {
        Directory.CreateDirectory(ScreenshotDir);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// <summary>A new browser page on a laptop-sized viewport; console errors and page errors are collected.</summary>
    public static async Task<(IPage Page, List<string> Errors)> NewPageAsync(IBrowser browser)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 800 } });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    public static async Task StopAsync(IPlaywright? playwright, IBrowser? browser, IHost? host, string root)
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing process; the temp folder is cleaned by the system.
        }
    }
}
