using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Bench;

/// <summary>A generated chain of trivial models (alternating view and table, each selecting from the previous one).</summary>
internal sealed class ChainProject : IDisposable
{
    public ChainProject(int length)
    {
        Directory = Path.Combine(Path.GetTempPath(), "wellhouse-bench-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Target = new AdapterTarget { Path = Path.Combine(Directory, "bench.duckdb"), Database = "bench" };
        Manifest = new Manifest { ProjectName = "bench" };
        for (var i = 0; i < length; i++)
        {
            var name = "m" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            var node = new Node
            {
                UniqueId = "model.bench." + name,
                ResourceType = ResourceType.Model,
                Name = name,
                PackageName = "bench",
                OriginalFilePath = "models/" + name + ".sql",
                Path = name + ".sql",
                Fqn = ["bench", name],
                Database = "bench",
                Alias = name,
                RawCode = i == 0 ? "select 1 as id, 'x' as label" : $"select id + 1 as id, label from \"bench\".\"main\".\"m{i - 1:D4}\"",
            };
            node.Config["materialized"] = i % 2 == 0 ? "view" : "table";
            if (i > 0)
            {
                node.DependsOnNodes.Add($"model.bench.m{i - 1:D4}");
            }

            Manifest.Nodes[node.UniqueId] = node;
        }
    }

    public string Directory { get; }

    public AdapterTarget Target { get; }

    public Manifest Manifest { get; }

    /// <summary>A build through the engine: plan, compile (pass-through), materialize, compiled/run files, progress lines.</summary>
    public RunOutcome Build()
    {
        using var adapter = DuckDbAdapter.Open(Target);
        var request = new RunRequest
        {
            Manifest = Manifest,
            Target = Target,
            ProjectDir = Directory,
            TargetPath = Environment.GetEnvironmentVariable("BENCH_NO_FILES") is null ? Path.Combine(Directory, "target") : null,
            Selected = Manifest.Nodes.Keys.ToList(),
            Command = DbtCommandKind.Build,
            Log = _ => { },
        };
        return Runner.RunAsync(request, adapter, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>The same DDL the engine sends for each node, run directly on one connection.</summary>
    public void DirectSql()
    {
        using var adapter = DuckDbAdapter.Open(Target);
        using var session = adapter.OpenSession();
        foreach (var node in Manifest.Nodes.Values)
        {
            var relation = node.Relation;
            if (node.Config.Materialized == "view")
            {
                session.Execute(DuckDbDialect.Instance.ViewStatement(relation, node.RawCode));
            }
            else
            {
                var staged = relation with { Identifier = relation.Identifier + "__dbt_tmp" };
                session.Execute(DuckDbDialect.Instance.TableStatement(staged, node.RawCode));
                session.ExecuteInTransaction(["drop table if exists " + relation, $"alter table {staged} rename to \"{relation.Identifier}\""]);
            }
        }
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
