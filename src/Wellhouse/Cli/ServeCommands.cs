using System.CommandLine;
using Wellhouse.Hosting;

namespace Wellhouse.Cli;

/// <summary><c>wellhouse serve</c>: the HTTP API over the published snapshot, with ingest, refresh and the schedule.</summary>
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
        var serve = new Command("serve", "Serve the HTTP API over the published snapshot (ingests the bundled sample on a first start).")
        {
            urls, dataDir,
        };
        serve.SetAction(async (parse, cancellationToken) =>
        {
            using var host = WellhouseWebHost.CreateHostBuilder(DataDirOption.HostArgs(parse.GetValue(dataDir)))
                .ConfigureWebHost(web => web.UseUrls(parse.GetValue(urls)!))
                .Build();
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        root.Subcommands.Add(serve);
    }
}
