using DuckDB.NET.Data;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Models;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Tests.Warehouse;

/// <summary>The context a build of warehouse/ (target ci, schema main) gives one of its C# models in
/// models/intermediate, on a test's own DuckDB connection (with incremental true, an incremental run: its
/// existing table the target).</summary>
internal static class WarehouseModelContext
{
    public static CSharpModelContext For(DuckDBConnection connection, string model, IReadOnlyDictionary<string, object?> vars,
        Action<string>? log, bool incremental = false) => new()
    {
        IsIncremental = incremental,
        Storage = ModelStorage.ForDuckDb(connection),
        Node = new Node
        {
            UniqueId = $"model.wellhouse.{model}",
            ResourceType = ResourceType.Model,
            Name = model,
            PackageName = "wellhouse",
            OriginalFilePath = "models/intermediate/_intermediate__models.yml",
            Path = "intermediate/_intermediate__models.yml",
            Fqn = ["wellhouse", "intermediate", model],
            Language = "csharp",
        },
        Target = new Relation("ci", "main", model),
        Ref = name => new Relation("ci", "main", name),
        Vars = vars,
        Log = log,
    };
}
