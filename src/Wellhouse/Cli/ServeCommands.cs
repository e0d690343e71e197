using System.CommandLine;

namespace Wellhouse.Cli;

/// <summary><c>wellhouse serve</c>: the HTTP API and dashboard.</summary>
internal static class ServeCommands
{
    public static void Add(RootCommand root)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "URLs to listen on.",
            DefaultValueFactory = _ => "http://127.0.0.1:5000",
        };
        var serve = new Command("serve", "Serve the HTTP API and the dashboard over the published snapshot.") { urls };
        serve.SetAction(async (parse, cancellationToken) =>
        {
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls(parse.GetValue(urls)!);
            await using var app = builder.Build();
            app.MapGet("/alive", () => Results.Ok(new { status = "alive" }));
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        root.Subcommands.Add(serve);
    }
}
