using System.Reflection;
using System.Text.RegularExpressions;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Dashboard;

/// <summary>
/// Reads the lineage of the warehouse dbt project from its files: every <c>models/**/*.sql</c> is a model whose
/// <c>ref('name')</c>, <c>ref('package', 'name')</c> and <c>source('source', 'table')</c> calls are its inputs (dbt's
/// documented forms, https://docs.getdbt.com/reference/dbt-jinja-functions/ref and .../source), <c>seeds/*.csv</c> are
/// seeds, and the C# models of this application (ICSharpModel, declared in the project's .yml) add their DependsOn.
/// The project folder is <c>Wellhouse:Dashboard:WarehouseDir</c>, else the nearest <c>warehouse/dbt_project.yml</c>
/// above the application or the working directory. The graph is read once and kept (the project does not change
/// while the server runs).
/// </summary>
internal sealed partial class LineageSource(IConfiguration configuration)
{
    public const string WarehouseDirKey = "Wellhouse:Dashboard:WarehouseDir";

    private LineageGraph? _graph;

    public LineageGraph Read() => _graph ??= Load();

    private LineageGraph Load()
    {
        var project = configuration[WarehouseDirKey] is { Length: > 0 } configured ? configured : FindProject();
        if (project is null || !File.Exists(Path.Combine(project, "dbt_project.yml")))
        {
            return LineageGraph.Empty($"no dbt project found (set {WarehouseDirKey})");
        }

        return Build(project, CSharpModels());
    }

    /// <summary>The graph of the project in <paramref name="project"/> with the given C# models (name, inputs).</summary>
    public static LineageGraph Build(string project, IEnumerable<(string Name, IReadOnlyList<string> DependsOn)> csharpModels)
    {
        var nodes = new Dictionary<string, LineageNode>(StringComparer.Ordinal);
        var edges = new HashSet<LineageEdge>();
        var seeds = Path.Combine(project, "seeds");
        if (Directory.Exists(seeds))
        {
            foreach (var seed in Directory.EnumerateFiles(seeds, "*.csv", SearchOption.AllDirectories))
            {
                var name = Path.GetFileNameWithoutExtension(seed);
                nodes[$"seed.{name}"] = new LineageNode($"seed.{name}", name, "seed", "seed");
            }
        }

        var models = Path.Combine(project, "models");
        var sqlModels = Directory.Exists(models)
            ? Directory.EnumerateFiles(models, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        var inputs = new List<(string Model, string Input, bool IsSource)>();
        foreach (var file in sqlModels)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var relative = Path.GetRelativePath(models, file).Replace('\\', '/');
            var layer = relative.Contains('/', StringComparison.Ordinal) ? relative[..relative.IndexOf('/', StringComparison.Ordinal)] : "models";
            nodes[$"model.{name}"] = new LineageNode($"model.{name}", name, "model", layer);
            var sql = Comments().Replace(File.ReadAllText(file), " ");
            foreach (Match match in RefCall().Matches(sql))
            {
                inputs.Add((name, match.Groups[2].Success ? match.Groups[2].Value : match.Groups[1].Value, false));
            }

            foreach (Match match in SourceCall().Matches(sql))
            {
                var id = $"source.{match.Groups[1].Value}.{match.Groups[2].Value}";
                nodes.TryAdd(id, new LineageNode(id, $"{match.Groups[1].Value}.{match.Groups[2].Value}", "source", "source"));
                inputs.Add((name, id, true));
            }
        }

        foreach (var (name, dependsOn) in csharpModels)
        {
            nodes[$"model.{name}"] = new LineageNode($"model.{name}", name, "model", LayerOf(name));
            inputs.AddRange(dependsOn.Select(input => (name, input, false)));
        }

        foreach (var (model, input, isSource) in inputs)
        {
            var from = isSource ? input : nodes.ContainsKey($"model.{input}") ? $"model.{input}" : $"seed.{input}";
            if (nodes.ContainsKey(from))
            {
                edges.Add(new LineageEdge(from, $"model.{model}"));
            }
        }

        return new LineageGraph(
            nodes.Values.OrderBy(node => node.Id, StringComparer.Ordinal).ToList(),
            edges.OrderBy(edge => edge.From, StringComparer.Ordinal).ThenBy(edge => edge.To, StringComparer.Ordinal).ToList());
    }

    /// <summary>The layer of a model by the naming convention (stg_, int_, mart_), for models without a folder.</summary>
    private static string LayerOf(string name) =>
        name.StartsWith("stg_", StringComparison.Ordinal) ? "staging"
        : name.StartsWith("int_", StringComparison.Ordinal) ? "intermediate"
        : name.StartsWith("mart_", StringComparison.Ordinal) ? "marts"
        : "models";

    /// <summary>The C# models compiled into this application (each has a parameterless constructor).</summary>
    private static IEnumerable<(string, IReadOnlyList<string>)> CSharpModels() =>
        typeof(LineageSource).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(ICSharpModel).IsAssignableFrom(type)
                && type.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes) is not null)
            .Select(type => (ICSharpModel)Activator.CreateInstance(type, nonPublic: true)!)
            .Select(model => (model.Name, model.DependsOn));

    private static string? FindProject()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "warehouse");
                if (File.Exists(Path.Combine(candidate, "dbt_project.yml")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"\{#.*?#\}|--[^\n]*", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"\bref\(\s*['""]([^'""]+)['""]\s*(?:,\s*['""]([^'""]+)['""]\s*)?(?:,[^)]*)?\)")]
    private static partial Regex RefCall();

    [GeneratedRegex(@"\bsource\(\s*['""]([^'""]+)['""]\s*,\s*['""]([^'""]+)['""]\s*\)")]
    private static partial Regex SourceCall();
}
