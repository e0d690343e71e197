using System.CommandLine;
using System.Text.Json;
using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Artifacts;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;
using Wellhouse.Warehouse;

namespace Wellhouse.Cli;

/// <summary><c>ls</c>, <c>parse</c>, <c>debug</c> and <c>clean</c>: verbs that load the project but run no nodes.</summary>
internal static partial class DbtCommands
{
    private static void AddList(RootCommand root, DbtOptions options)
    {
        var resourceType = new Option<string[]>("--resource-type") { Description = "Only these resource types (model, seed, test, source...).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output", "-o") { Description = "name, path, json or selector (default).", DefaultValueFactory = _ => "selector" };
        output.AcceptOnlyFromAmong("name", "path", "json", "selector");
        var command = new Command("ls", "List the selected resources.") { resourceType, output };
        command.Aliases.Add("list");
        options.AddTo(command, selection: true, run: false);
        command.SetAction(parse =>
        {
            var console = new DbtConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var project = Load(parse, options, console);
            if (project is null)
            {
                return 2;
            }

            PreviousState? state = null;
            if (options.StatePathOf(parse) is { } statePath)
            {
                state = PreviousState.TryLoad(statePath, project.ProjectDir, out var stateError);
                if (state is null)
                {
                    console.Error(stateError!.Format(project.ProjectDir));
                    return 2;
                }
            }

            var types = parse.GetValue(resourceType) is { Length: > 0 } t ? t : null;
            var selected = ProjectSelection.TrySelect(project, Split(parse.GetValue(options.Select)), Split(parse.GetValue(options.Exclude)), parse.GetValue(options.Selector), out var error, types, state, indirectSelection: options.IndirectSelectionOf(parse));
            if (selected is null)
            {
                console.Error(error!.Format(project.ProjectDir));
                return 2;
            }

            foreach (var id in selected)
            {
                console.Plain(Describe(project.Manifest.Nodes[id], parse.GetValue(output)!));
            }

            return 0;
        });
        root.Subcommands.Add(command);
    }

    private static void AddParse(RootCommand root, DbtOptions options)
    {
        var command = new Command("parse", "Parse the project and write target/manifest.json.");
        options.AddTo(command, selection: false, run: false);
        command.SetAction(parse =>
        {
            var console = new DbtConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var project = Load(parse, options, console);
            if (project is null)
            {
                return 2;
            }

            Directory.CreateDirectory(project.TargetPath);
            ManifestWriter.Write(project, Path.Combine(project.TargetPath, "manifest.json"));
            console.Line($"Found {project.Manifest.Nodes.Count} nodes, {project.Manifest.Sources.Count} sources, {project.Manifest.Macros.Count} macros; wrote {Path.Combine(project.TargetPath, "manifest.json")}");
            return 0;
        });
        root.Subcommands.Add(command);
    }

    private static void AddDebug(RootCommand root, DbtOptions options)
    {
        var command = new Command("debug", "Check the project, the profile and the database connection.");
        options.AddTo(command, selection: false, run: false);
        command.SetAction(parse =>
        {
            var console = new DbtConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            console.Plain("wellhouse (dbt-compatible, artifacts as dbt " + RunResultsWriter.DbtVersion + ")");
            console.Plain("project dir: " + options.ProjectDirOf(parse));
            var project = Load(parse, options, console);
            if (project is null)
            {
                console.Plain("Configuration: ERROR");
                return 1;
            }

            var target = DbtRunner.ToAdapterTarget(project.Target, project.ProjectDir);
            console.Plain($"profile: {project.Target.ProfileName}  target: {project.Target.Name}  type: {target.Type}");
            console.Plain(target.Postgres is { } pg
                ? $"host: {pg.Host}  port: {pg.Port}  user: {pg.User}  dbname: {pg.DatabaseName}  schema: {target.Schema}  threads: {target.Threads}"
                : $"path: {target.Path}  database: {target.Database}  schema: {target.Schema}  threads: {target.Threads}");
            try
            {
                using var adapter = SqlAdapters.Open(target);
                using var session = adapter.OpenSession();
                session.Query("select 1");
            }
            catch (AdapterException ex)
            {
                console.Error("Connection test: ERROR " + ex.Message);
                return 1;
            }

            console.Plain("Connection test: OK connection ok");
            console.Plain("All checks passed!");
            return 0;
        });
        root.Subcommands.Add(command);
    }

    private static void AddClean(RootCommand root, DbtOptions options)
    {
        var command = new Command("clean", "Delete the clean-targets of dbt_project.yml (default: the target path).");
        options.AddTo(command, selection: false, run: false);
        command.SetAction(parse =>
        {
            var console = new DbtConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var projectDir = options.ProjectDirOf(parse);
            var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = projectDir, WithoutProfile = true, VarsYaml = parse.GetValue(options.Vars), CSharpModels = WarehouseModels.ByName });
            if (load.Project is not { } project)
            {
                Print(load.Diagnostics, projectDir, console);
                return 2;
            }

            var targets = project.ProjectFile.CleanTargets.Count > 0 ? project.ProjectFile.CleanTargets : [project.ProjectFile.TargetPath];
            foreach (var relative in targets)
            {
                var full = Path.GetFullPath(relative, projectDir);
                if (!full.StartsWith(projectDir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    console.Error($"dbt_project.yml: error DBT110: clean target '{relative}' is outside the project directory; not deleted");
                    return 2;
                }

                if (Directory.Exists(full))
                {
                    Directory.Delete(full, recursive: true);
                    console.Line("Cleaned " + relative);
                }
            }

            console.Line("Finished cleaning all paths.");
            return 0;
        });
        root.Subcommands.Add(command);
    }

    private static LoadedProject? Load(ParseResult parse, DbtOptions options, DbtConsole console)
    {
        var projectDir = options.ProjectDirOf(parse);
        var load = ProjectLoader.Load(new ProjectLoadOptions
        {
            ProjectDir = projectDir,
            ProfilesDir = parse.GetValue(options.ProfilesDir),
            Target = parse.GetValue(options.Target),
            VarsYaml = parse.GetValue(options.Vars),
            CSharpModels = WarehouseModels.ByName,
        });
        Print(load.Diagnostics, projectDir, console);
        return load.Success ? load.Project : null;
    }

    private static void Print(IEnumerable<Diagnostic> diagnostics, string projectDir, DbtConsole console)
    {
        foreach (var diagnostic in diagnostics)
        {
            console.Error(diagnostic.Format(projectDir));
        }
    }

    private static string Describe(Node node, string output) => output switch
    {
        "name" => node.Name,
        "path" => node.OriginalFilePath,
        "json" => ToJson(node),
        _ => string.Join('.', node.Fqn),
    };

    /// <summary>One line of <c>ls --output json</c>: the keys dbt prints for a node.</summary>
    private static string ToJson(Node node)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = node.Name,
            ["resource_type"] = node.ResourceType.ToDbtString(),
            ["package_name"] = node.PackageName,
            ["original_file_path"] = node.OriginalFilePath,
            ["unique_id"] = node.UniqueId,
            ["alias"] = node.Alias,
            ["config"] = node.Config.Values,
            ["tags"] = node.Config.Tags,
            ["depends_on"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["macros"] = node.DependsOnMacros, ["nodes"] = node.DependsOnNodes },
        };
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            RunResultsWriter.WriteValue(json, fields);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string[] Split(string[]? values) =>
        values is null ? [] : [.. values.SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
