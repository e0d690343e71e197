using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Models;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Warehouse.Bench;

/// <summary>
/// Runs C# models of the warehouse on a built database (a copy of a kept ci.duckdb) and prints the wall and CPU time
/// of each, for profiling a model without a whole build: <c>--model NAME[,NAME...] DATABASE [REPEATS]</c>. Several
/// names run in that order in one process, as in a build (int_population_forecast,mart_decline_hindcast: the
/// hindcast reuses the forecast's forecasters).
/// </summary>
internal static class ModelBench
{
    public static async Task<int> RunAsync(string names, string database, int repeats)
    {
        foreach (var name in names.Split(','))
        {
            if (!WarehouseModels.ByName.ContainsKey(name))
            {
                Console.Error.WriteLine($"unknown C# model '{name}' (known: {string.Join(", ", WarehouseModels.ByName.Keys)})");
                return 2;
            }
        }

        var copy = Path.Combine(Path.GetTempPath(), "wellhouse-model-bench-" + Guid.NewGuid().ToString("N") + ".duckdb");
        File.Copy(database, copy);
        try
        {
            using var connection = new DuckDBConnection("Data Source=:memory:");
            await connection.OpenAsync();
            // Attached under the database's own name: a snapshot's views name their catalog (the file's stem).
            var catalog = Path.GetFileNameWithoutExtension(database);
            await ExecuteAsync(connection, $"set memory_limit = '1536MB'; set preserve_insertion_order = false; attach '{copy}' as \"{catalog}\"; use \"{catalog}\"");
            var vars = new Dictionary<string, object?>(StringComparer.Ordinal) { ["as_of_date"] = "2026-01-01" };
            for (var i = 0; i < repeats; i++)
            {
                foreach (var name in names.Split(','))
                {
                    await RunOneAsync(connection, catalog, name, vars);
                }
            }
        }
        finally
        {
            File.Delete(copy);
            File.Delete(copy + ".wal");
        }

        return 0;
    }

    private static async Task RunOneAsync(DuckDBConnection connection, string catalog, string name, Dictionary<string, object?> vars)
    {
        var node = new Node
        {
            UniqueId = "model.wellhouse." + name,
            ResourceType = ResourceType.Model,
            Name = name,
            PackageName = "wellhouse",
            OriginalFilePath = "models/intermediate/_intermediate__models.yml",
            Path = "intermediate/_intermediate__models.yml",
            Fqn = ["wellhouse", "intermediate", name],
            Language = "csharp",
        };
        await ExecuteAsync(connection, $"drop table if exists {Relation.Quote(catalog)}.main.{Relation.Quote(name)}");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await WarehouseModels.ByName[name].ExecuteAsync(
            new CSharpModelContext
            {
                Storage = ModelStorage.ForDuckDb(connection),
                Node = node,
                Target = new Relation(catalog, "main", name),
                Ref = reference => new Relation(catalog, "main", reference),
                Vars = vars,
                Log = Console.WriteLine,
            },
            CancellationToken.None);
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {clock.Elapsed.TotalSeconds:F2} s wall, {used.TotalSeconds:F2} s CPU, load {File.ReadAllText("/proc/loadavg")[..14]}"));
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
