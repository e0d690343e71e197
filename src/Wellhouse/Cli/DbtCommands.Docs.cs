using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.FileProviders;
using Wellhouse.Transform.Docs;
using Wellhouse.Transform.Project;
using Wellhouse.Warehouse;

namespace Wellhouse.Cli;

/// <summary>
/// <c>docs generate</c> (compile, target/catalog.json, the self-contained site target/index.html) and <c>docs serve</c>
/// (target/ over HTTP until Ctrl+C), as dbt's <c>docs</c> verbs (https://docs.getdbt.com/reference/commands/cmd-docs).
/// </summary>
internal static partial class DbtCommands
{
    private static void AddDocs(RootCommand root, DbtOptions options)
    {
        var docs = new Command("docs", "Generate or serve the documentation site of the project.");
        docs.Subcommands.Add(DocsGenerate(options));
        docs.Subcommands.Add(DocsServe(options));
        root.Subcommands.Add(docs);
    }

    private static Command DocsGenerate(DbtOptions options)
    {
        var noCompile = new Option<bool>("--no-compile") { Description = "Do not compile the project first (the site then shows no compiled SQL)." };
        var command = new Command("generate", "Compile the project, write target/catalog.json from the database and the site target/index.html.") { noCompile };
        options.AddTo(command, selection: true, run: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = new DbtConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var projectDir = options.ProjectDirOf(parse);
            console.Line("Running with wellhouse, project " + projectDir);
            DocsGenerateReport report;
            try
            {
                report = await DocsGenerator.GenerateAsync(new DocsGenerateOptions
                {
                    ProjectDir = projectDir,
                    ProfilesDir = parse.GetValue(options.ProfilesDir),
                    Target = parse.GetValue(options.Target),
                    VarsYaml = parse.GetValue(options.Vars),
                    Select = Split(parse.GetValue(options.Select)),
                    Exclude = Split(parse.GetValue(options.Exclude)),
                    NoCompile = parse.GetValue(noCompile),
                    CSharpModels = WarehouseModels.ByName,
                    Log = console.Line,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                console.Error("Cancelled.");
                return 130;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                console.Error($"error: cannot write the docs: {ex.Message}");
                return 2;
            }

            foreach (var problem in report.FormatProblems())
            {
                console.Error(problem);
            }

            return report.ExitCode;
        });
        return command;
    }

    private static Command DocsServe(DbtOptions options)
    {
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one).", DefaultValueFactory = _ => 8080 };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port must be between 0 and 65535.");
            }
        });
        var host = new Option<string>("--host") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Do not open a browser." };
        var command = new Command("serve", "Serve target/ (the docs site) over HTTP until Ctrl+C.") { port, host, noBrowser };
        command.Options.Add(options.ProjectDir);
        command.Options.Add(options.Vars);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = new DbtConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var projectDir = options.ProjectDirOf(parse);
            var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = projectDir, WithoutProfile = true, VarsYaml = parse.GetValue(options.Vars) });
            if (load.Project is not { } project)
            {
                Print(load.Diagnostics, projectDir, console);
                return 2;
            }

            if (!File.Exists(Path.Combine(project.TargetPath, "index.html")))
            {
                console.Error($"error: {Path.Combine(project.TargetPath, "index.html")} does not exist: run wellhouse docs generate first.");
                return 1;
            }

            await using var app = BuildDocsServer(project.TargetPath, parse.GetValue(host)!, parse.GetValue(port));
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException or ArgumentException)
            {
                console.Error($"error: cannot listen on {parse.GetValue(host)}:{parse.GetValue(port)}: {ex.Message}");
                return 1;
            }

            var url = app.Urls.First();
            console.Line($"Serving docs at {url} (press Ctrl+C to stop)");
            if (!parse.GetValue(noBrowser))
            {
                OpenBrowser(url, console);
            }

            // Until Ctrl+C or SIGTERM: the host's console lifetime sees them (and stops the application), the command
            // line's token covers an in-process caller that cancels.
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>A Kestrel server for the files of <paramref name="targetDir"/>; <c>/</c> answers index.html.</summary>
    internal static WebApplication BuildDocsServer(string targetDir, string host, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = targetDir, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{host}:{port}");
        var app = builder.Build();
        var files = new PhysicalFileProvider(targetDir);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        return app;
    }

    private static void OpenBrowser(string url, DbtConsole console)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("xdg-open", url) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true });
        }
        catch (Win32Exception)
        {
            console.Line("Open " + url + " in a browser.");
        }
    }
}
