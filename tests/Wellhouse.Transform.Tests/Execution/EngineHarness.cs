using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Execution;

/// <summary>
/// A project built by hand (nodes with SQL as raw code) in a temp folder with a real DuckDB file; deleted on dispose.
/// </summary>
internal sealed class EngineHarness : IDisposable
{
    public EngineHarness()
    {
        Directory = Path.Combine(Path.GetTempPath(), "wellhouse-engine-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        DatabasePath = Path.Combine(Directory, "dev.duckdb");
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public Manifest Manifest { get; } = new() { ProjectName = "proj" };

    public List<string> Log { get; } = [];

    public Dictionary<string, ICSharpModel> CSharpModels { get; } = new(StringComparer.Ordinal);

    public AdapterTarget Target => new() { Path = DatabasePath, Database = "dev" };

    public Node Model(string name, string sql, string materialized = "view", params string[] dependsOn)
    {
        var node = NewNode(ResourceType.Model, "model.proj." + name, name, "models/" + name + ".sql");
        node.RawCode = sql;
        node.Config["materialized"] = materialized;
        node.DependsOnNodes.AddRange(dependsOn.Select(Id));
        return Add(node);
    }

    public Node CSharpModel(ICSharpModel model)
    {
        var node = new Node
        {
            UniqueId = "model.proj." + model.Name,
            ResourceType = ResourceType.Model,
            Name = model.Name,
            PackageName = "proj",
            OriginalFilePath = "models/schema.yml",
            Path = model.Name,
            Fqn = ["proj", model.Name],
            Language = "csharp",
            Database = "dev",
            Alias = model.Name,
        };
        node.Config["materialized"] = "table";
        node.DependsOnNodes.AddRange(model.DependsOn.Select(Id));
        CSharpModels[model.Name] = model;
        return Add(node);
    }

    public Node Seed(string name, string csv)
    {
        var file = "seeds/" + name + ".csv";
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "seeds"));
        File.WriteAllText(Path.Combine(Directory, file), csv);
        var node = NewNode(ResourceType.Seed, "seed.proj." + name, name, file);
        node.Config["materialized"] = "seed";
        return Add(node);
    }

    public Node Test(string name, string sql, params string[] dependsOn)
    {
        var node = NewNode(ResourceType.Test, "test.proj." + name, name, "tests/" + name + ".sql");
        node.RawCode = sql;
        node.Config["materialized"] = "test";
        node.DependsOnNodes.AddRange(dependsOn.Select(Id));
        node.AttachedNode = node.DependsOnNodes.FirstOrDefault();
        return Add(node);
    }

    /// <summary>The unique id of a node added earlier, by name.</summary>
    public string Id(string name) => Manifest.Nodes.Values.First(n => n.Name == name).UniqueId;

    public Task<RunOutcome> RunAsync(
        DbtCommandKind command = DbtCommandKind.Build,
        int threads = 1,
        bool failFast = false,
        bool fullRefresh = false,
        IReadOnlyCollection<string>? selected = null) =>
        RunCancellableAsync(CancellationToken.None, command, threads, failFast, fullRefresh, selected);

    public async Task<RunOutcome> RunCancellableAsync(
        CancellationToken cancellationToken,
        DbtCommandKind command = DbtCommandKind.Build,
        int threads = 1,
        bool failFast = false,
        bool fullRefresh = false,
        IReadOnlyCollection<string>? selected = null)
    {
        using var adapter = DuckDbAdapter.Open(Target);
        var request = new RunRequest
        {
            Manifest = Manifest,
            Target = Target,
            ProjectDir = Directory,
            TargetPath = Path.Combine(Directory, "target"),
            Selected = selected ?? Manifest.Nodes.Keys.ToList(),
            Command = command,
            Threads = threads,
            FailFast = failFast,
            FullRefresh = fullRefresh,
            CSharpModels = CSharpModels,
            Log = Log.Add,
        };
        return await Runner.RunAsync(request, adapter, cancellationToken);
    }

    /// <summary>Rows of a query against the database (opened read-only after the run).</summary>
    public List<object?[]> Query(string sql)
    {
        using var adapter = DuckDbAdapter.Open(Target);
        using var session = adapter.OpenSession();
        return session.Query(sql).ToList();
    }

    public object? Scalar(string sql) => Query(sql)[0][0];

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Node NewNode(ResourceType type, string id, string name, string file) => new()
    {
        UniqueId = id,
        ResourceType = type,
        Name = name,
        PackageName = "proj",
        OriginalFilePath = file,
        Path = Path.GetFileName(file),
        Fqn = ["proj", name],
        Database = "dev",
        Alias = name,
        DefinedAt = new SourceSpan(file, 1, 1),
    };

    private Node Add(Node node)
    {
        Manifest.Nodes[node.UniqueId] = node;
        return node;
    }
}
