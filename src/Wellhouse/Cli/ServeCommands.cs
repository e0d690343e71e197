using System.CommandLine;
using Wellhouse.Hosting;

namespace Wellhouse.Cli;

/// <summary>
/// <c>wellhouse serve</c>: the HTTP API over the published snapshot, with ingest, refresh and the schedule. Configuration
/// settings follow the options as ASP.NET Core reads them (<c>--Wellhouse:Api:WritesPerMinute=10</c>; see
/// <see cref="ConfigurationOverrides"/>); <c>--data-dir</c> wins over <c>--Wellhouse:DataDir</c>.
/// </summary>
internal static class ServeCommands
{
    public static void Add(RootCommand root)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "URLs to listen on.",
            DefaultValueFactory = _ => "http://127.0.0.1:5000",
        };
        var dataDir = DataDirOption.Create();
        var serve = new Command("serve", "Serve the HTTP API over the published snapshot (ingests the bundled sample on a first start). "
            + "Settings of docs/api.md as --Section:Key=value, e.g. --Wellhouse:Api:WritesPerMinute=10 --Logging:LogLevel:Default=Debug.")
        {
            urls, dataDir,
        };
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction(async (parse, cancellationToken) =>
        {
            var (settings, problem) = ConfigurationOverrides.Parse(parse.UnmatchedTokens);
            if (problem is not null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"wellhouse serve: {problem}");
                return 1;
            }

            using var host = WellhouseWebHost.CreateHostBuilder([.. settings, .. DataDirOption.HostArgs(parse.GetValue(dataDir))])
                .ConfigureWebHost(web => web.UseUrls(parse.GetValue(urls)!))
                .Build();
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        root.Subcommands.Add(serve);
    }
}
