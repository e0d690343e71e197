using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Bench;

/// <summary>
/// <c>--threads-wide [models] [rows]</c>: a wide DAG of <c>models</c> independent table models (default 16), each
/// aggregating a generated table of <c>rows</c> rows (default 5,000,000) in its own way, built through
/// <see cref="DbtRunner"/> with <c>--threads 1</c> and <c>--threads 2</c>, best of 3 each (interleaved). Two variants:
/// DuckDB's <c>threads</c> setting at 1 per connection (profile <c>settings: {threads: 1}</c>), which isolates the
/// runner's scheduling speed-up, and DuckDB's defaults, where one query already uses every core, so node-level
/// parallelism can only add overlap of the single-threaded parts (planning, commits, the engine's own work).
/// </summary>
internal static class ThreadsWideBenchmark
{
    public static void Run(string[] args)
    {
        var models = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 16;
        var rows = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 5_000_000;
        var repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        Console.WriteLine($"{models} models, each aggregating {rows:N0} rows; best of {repeats}; {Environment.ProcessorCount} cores");
        foreach (var duckDbThreads in new int?[] { 1, null })
        {
            var directory = Directory.CreateTempSubdirectory("wellhouse-threads-").FullName;
            try
            {
                Generate(directory, models, rows, duckDbThreads);
                Build(directory, 1);
                var one = new Measurement(double.MaxValue, 0, 0);
                var two = new Measurement(double.MaxValue, 0, 0);
                for (var i = 0; i < repeats; i++)
                {
                    one = Best(one, Build(directory, 1));
                    two = Best(two, Build(directory, 2));
                }

                var variant = duckDbThreads is null ? "DuckDB default threads" : "DuckDB threads=1 per query";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{variant}: --threads 1 {one}; --threads 2 {two}; speed-up {one.Wall / two.Wall:F2}x"));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static Measurement Best(Measurement best, Measurement next) => next.Wall < best.Wall ? next : best;

    /// <summary>One build of every model (checks that every node succeeded): wall time, process CPU time, and the sum of
    /// the nodes' own execution times (node time / wall time is how many nodes ran at once on average).</summary>
    private static Measurement Build(string directory, int threads)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var report = DbtRunner.RunAsync(new DbtRunOptions { ProjectDir = directory, ProfilesDir = directory, Threads = threads, Command = DbtCommandKind.Run }, CancellationToken.None).GetAwaiter().GetResult();
        var elapsed = watch.Elapsed.TotalSeconds;
        if (!report.Success)
        {
            throw new InvalidOperationException("the benchmark build failed: " + string.Join("\n", report.FormatProblems().Concat(report.Outcome?.Results.Select(r => r.ToString()) ?? [])));
        }

        process.Refresh();
        return new Measurement(elapsed, (process.TotalProcessorTime - cpu).TotalSeconds, report.Outcome!.Results.Sum(r => r.ExecutionTime));
    }

    private sealed record Measurement(double Wall, double Cpu, double NodeTime)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"wall {Wall:F2} s, CPU {Cpu:F2} s, node time / wall {NodeTime / Wall:F2}");
    }

    private static void Generate(string directory, int models, long rows, int? duckDbThreads)
    {
        var settings = duckDbThreads is { } t ? $"\n      settings:\n        threads: {t}" : string.Empty;
        File.WriteAllText(Path.Combine(directory, "dbt_project.yml"), "name: wide\nversion: '1.0.0'\nconfig-version: 2\nprofile: wide\nmodels:\n  wide:\n    +materialized: table\n");
        File.WriteAllText(Path.Combine(directory, "profiles.yml"), $"wide:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: wide.duckdb\n      threads: 1{settings}\n");
        Directory.CreateDirectory(Path.Combine(directory, "models"));
        File.WriteAllText(Path.Combine(directory, "models", "sources.yml"), "version: 2\nsources:\n  - name: gen\n    schema: main\n    tables:\n      - name: readings\n");
        const string source = "{{ source('gen', 'readings') }}";
        for (var i = 1; i <= models; i++)
        {
            // Each model groups by a different key and computes different aggregates, so no two queries are alike.
            var sql = $"""
                select
                    (well_id * {i}) % {100 + (i * 37)} as bucket,
                    count(*) as readings,
                    sum(oil * {i}) as oil,
                    avg(gas / (water + 1)) as gas_water_ratio,
                    max(oil - water * {i % 5}) as peak,
                    count(distinct day % {50 + i}) as days
                from {source}
                group by 1
                """;
            File.WriteAllText(Path.Combine(directory, "models", $"agg_{i:00}.sql"), sql);
        }

        using var connection = new DuckDBConnection($"Data Source={Path.Combine(directory, "wide.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            create table main.readings as
            select range as id, range % 10000 as well_id, range // 10000 as day,
                   ((range * 7919) % 1000) / 10.0 as oil, ((range * 104729) % 5000) / 10.0 as gas, ((range * 1299709) % 300) / 10.0 as water
            from range({rows})
            """;
        command.ExecuteNonQuery();
    }
}
