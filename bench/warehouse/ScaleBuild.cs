using System.Diagnostics;
using DuckDB.NET.Data;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Models;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Warehouse.Bench;

/// <summary>The engine's build and the direct replay of its compiled SQL.</summary>
internal static class ScaleBuild
{
    public static string FindWarehouse()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Wellhouse.slnx")))
            {
                return Path.Combine(directory.FullName, "warehouse");
            }
        }

        throw new InvalidOperationException("Wellhouse.slnx not found");
    }

    /// <summary>An untimed build of the bundled sample first, so that neither timed run pays for JIT compilation of the
    /// engine, DuckDB.NET, the C# models and the decline library.</summary>
    public static async Task WarmUpAsync(string project, string work)
    {
        var sample = Path.Combine(Path.GetDirectoryName(project)!, "data", "sample", "volve_well_production.csv");
        var folder = Path.Combine(work, "warmup");
        var warm = await RunEngineAsync(project, sample, folder);
        if (!warm.Report.Success)
        {
            Console.Error.WriteLine("warning: the warm-up build of the sample did not succeed");
        }

        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A build through the engine; <paramref name="raw"/> is a raw file or glob (WELLHOUSE_RAW_LOCATION).</summary>
    public static async Task<EngineRun> RunEngineAsync(string project, string raw, string work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var sampler = new CpuSampler();
        var report = await DbtRunner.RunAsync(new DbtRunOptions
        {
            ProjectDir = project,
            Command = DbtCommandKind.Build,
            Target = "ci",
            // Named as the target's database, so the engine opens the file itself (no attach to an in-memory root) and
            // DuckDB spills to its default temp directory beside it, as in production.
            DatabasePath = Path.Combine(work, "ci.duckdb"),
            TargetPath = Path.Combine(work, "target"),
            VarsYaml = "{as_of_date: '2026-01-01'}",
            CSharpModels = WarehouseModels.ByName,
            // WELLHOUSE_BENCH_THREADS overrides the profile's threads (e.g. 1, to compare with the one-node-at-a-time replay).
            Threads = int.TryParse(Environment.GetEnvironmentVariable("WELLHOUSE_BENCH_THREADS"), out var threads) ? threads : null,
            Environment = new Dictionary<string, string> { ["WELLHOUSE_RAW_LOCATION"] = raw },
        }, CancellationToken.None);
        clock.Stop();
        foreach (var problem in report.FormatProblems())
        {
            Console.Error.WriteLine(problem);
        }

        sampler.Dispose();
        var nodeCpu = (report.Outcome?.Results ?? [])
            .Where(result => result.Timing.Count > 0)
            .ToDictionary(result => result.Node.UniqueId, result => sampler.Between(result.Timing[0].StartedAt, result.Timing[^1].CompletedAt), StringComparer.Ordinal);
        return new EngineRun(report, clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, nodeCpu);
    }

    /// <summary>Replays the engine's nodes in their start order on a fresh file: seeds from their CSV files, SQL
    /// models as create table/view as their compiled SQL, C# models through the same code, tests as count(*).</summary>
    public static async Task<DirectRun> RunDirectAsync(EngineRun engine, string raw, string work)
    {
        var results = engine.Report.Outcome!.Results
            .OrderBy(result => result.Timing.Count > 0 ? result.Timing[0].StartedAt : DateTimeOffset.MaxValue)
            .ToList();
        var database = results.Select(result => result.Node.Database).FirstOrDefault(name => name is not null) ?? "ci";
        var path = Path.Combine(work, "direct.duckdb");
        File.Delete(path);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync();
        // The same DuckDB settings as the engine's target (profiles.yml), and a temp directory beside the file.
        foreach (var (key, value) in engine.Report.Project?.Target.Settings ?? new Dictionary<string, object?>())
        {
            await ExecuteAsync(connection, $"set {key} = '{value}'");
        }

        await ExecuteAsync(connection, $"set temp_directory = '{path}.tmp'");
        await ExecuteAsync(connection, $"attach '{path}' as {Relation.Quote(database)}; use {Relation.Quote(database)}");
        var models = WarehouseModels.ByName;
        var vars = new Dictionary<string, object?>(StringComparer.Ordinal) { ["as_of_date"] = "2026-01-01" };
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            var node = result.Node;
            var nodeClock = Stopwatch.StartNew();
            if (node.ResourceType == ResourceType.Seed)
            {
                var seed = Path.Combine(engine.Report.Project!.ProjectDir, node.OriginalFilePath);
                await ExecuteAsync(connection, $"create table {node.Relation} as select * from read_csv('{seed}', header = true)");
            }
            else if (node.ResourceType == ResourceType.Model && models.TryGetValue(node.Name, out var model))
            {
                await model.ExecuteAsync(
                    new CSharpModelContext
                    {
                        Storage = ModelStorage.ForDuckDb(connection),
                        Node = node,
                        Target = node.Relation,
                        Ref = name => new Relation(node.Database, node.Schema, name),
                        Vars = vars,
                    },
                    CancellationToken.None);
            }
            else if (node.ResourceType == ResourceType.Model && result.CompiledCode is { } sql)
            {
                var kind = node.Config.Materialized == "view" ? "view" : "table";
                await ExecuteAsync(connection, $"create {kind} {node.Relation} as\n{sql}");
            }
            else if (node.ResourceType == ResourceType.Test && result.CompiledCode is { } test)
            {
                await ExecuteAsync(connection, $"select count(*) from (\n{test}\n) as failures");
            }

            seconds[node.UniqueId] = nodeClock.Elapsed.TotalSeconds;
        }

        // The engine's time includes closing its database, which checkpoints it; the replay does the same work here.
        await ExecuteAsync(connection, $"checkpoint {Relation.Quote(database)}");
        return new DirectRun(clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, seconds);
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The engine's build: its report, wall time and the process's CPU time (user + system) during it, and the
/// process's CPU time during each node (by unique id; the node's own when the engine runs one node at a time).</summary>
internal sealed record EngineRun(DbtRunReport Report, double Seconds, double CpuSeconds, IReadOnlyDictionary<string, double> NodeCpuSeconds);

/// <summary>The direct replay's wall time and CPU time, and the wall time per node (by unique id).</summary>
internal sealed record DirectRun(double Seconds, double CpuSeconds, IReadOnlyDictionary<string, double> NodeSeconds);
