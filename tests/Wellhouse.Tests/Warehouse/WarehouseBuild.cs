using System.Globalization;
using DuckDB.NET.Data;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;
using Wellhouse.Warehouse;

namespace Wellhouse.Tests.Warehouse;

/// <summary>
/// One <c>build</c> of warehouse/ by the engine (<see cref="DbtRunner"/>, as src/Wellhouse/Refresh/DbtWarehouseBuilder.cs
/// runs it) into a temporary folder: the run's results per node, and the built database opened read-only afterwards.
/// The raw rows come from the var <c>raw_location</c>; the process environment is not read (no inherited
/// WELLHOUSE_RAW_LOCATION), only <see cref="WarehouseBuildOptions.Environment"/>.
/// </summary>
internal sealed class WarehouseBuild : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<string> log;
    private DuckDBConnection? connection;

    private WarehouseBuild(string directory, string database, DbtRunReport report, List<string> log)
    {
        Directory = directory;
        DatabasePath = database;
        Report = report;
        this.log = log;
    }

    /// <summary>The temporary folder holding the database and the artifacts (deleted on dispose).</summary>
    public string Directory { get; }

    /// <summary>The database file the build wrote.</summary>
    public string DatabasePath { get; }

    public DbtRunReport Report { get; }

    public IReadOnlyList<NodeResult> Results => Report.Outcome?.Results ?? [];

    /// <summary>The progress lines of the run and its problems, for assertion messages.</summary>
    public string Log => string.Join("\n", log.Concat(Report.FormatProblems()));

    public static async Task<WarehouseBuild> RunAsync(WarehouseBuildOptions options)
    {
        var directory = Path.Combine(Path.GetTempPath(), "wellhouse-build-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        // The profile database's file stem (target/<target>.duckdb; prod: WELLHOUSE_SNAPSHOT_PATH), see DatabasePath.
        var database = Path.Combine(directory, options.Target + ".duckdb");
        var environment = new Dictionary<string, string>(options.Environment, StringComparer.Ordinal)
        {
            ["WELLHOUSE_SNAPSHOT_PATH"] = database,
        };
        var vars = new List<string> { "as_of_date: " + Yaml(options.AsOfDate) };
        if (options.RawLocation is not null)
        {
            vars.Add("raw_location: " + Yaml(options.RawLocation));
        }

        var log = new List<string>();
        var report = await DbtRunner.RunAsync(new DbtRunOptions
        {
            ProjectDir = RepoPaths.Warehouse,
            ProfilesDir = RepoPaths.Warehouse,
            Command = DbtCommandKind.Build,
            Target = options.Target,
            DatabasePath = database,
            TargetPath = Path.Combine(directory, "target"),
            VarsYaml = "{" + string.Join(", ", vars) + "}",
            CSharpModels = WarehouseModels.ByName,
            Environment = environment,
            Log = line => { lock (log) { log.Add(line); } },
        }, CancellationToken.None);
        return new WarehouseBuild(directory, database, report, log);
    }

    /// <summary>Throws with the run's log unless every selected node succeeded (warnings are success).</summary>
    public WarehouseBuild EnsureSucceeded()
    {
        if (!Report.Success)
        {
            var failed = Results.Where(result => result.Status.IsFailure()).Select(result => result.ToString());
            throw new InvalidOperationException("the warehouse build failed:\n" + string.Join("\n", failed) + "\n" + Log);
        }

        return this;
    }

    /// <summary>The result of the test named <paramref name="name"/> (a singular test's file name, or a generic test's name).</summary>
    public NodeResult Test(string name)
    {
        var matches = Results.Where(result => result.Node.ResourceType == ResourceType.Test && result.Node.Name == name).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"{matches.Count} test results named '{name}'; tests run: "
                + string.Join(", ", Results.Where(result => result.Node.ResourceType == ResourceType.Test).Select(result => result.Node.Name)));
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        var rows = await QueryAsync(sql);
        var value = Assert.Single(Assert.Single(rows));
        return (T)Convert.ChangeType(value!, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a query on the built database, opened read-only after the build (one connection, one query at a time).</summary>
    public async Task<List<object?[]>> QueryAsync(string sql)
    {
        await gate.WaitAsync();
        try
        {
            if (connection is null)
            {
                connection = new DuckDBConnection($"Data Source={DatabasePath};ACCESS_MODE=READ_ONLY");
                await connection.OpenAsync();
            }

            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = await command.ExecuteReaderAsync();
            var rows = new List<object?[]>();
            while (await reader.ReadAsync())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }

            return rows;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        gate.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    /// <summary>A YAML single-quoted scalar.</summary>
    private static string Yaml(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}

/// <summary>What <see cref="WarehouseBuild.RunAsync"/> builds: a profile target, the raw rows, the build day.</summary>
internal sealed record WarehouseBuildOptions
{
    /// <summary>The profile target (profiles.yml): ci, prod or attach.</summary>
    public string Target { get; init; } = "ci";

    /// <summary>The var raw_location (a file, a glob); null keeps the project's default.</summary>
    public string? RawLocation { get; init; }

    /// <summary>The var as_of_date: rows after it are future periods. Fixed so the tests do not depend on the clock.</summary>
    public string AsOfDate { get; init; } = "2026-01-01";

    /// <summary>The environment env_var() reads (WELLHOUSE_SNAPSHOT_PATH is set to the build's database).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
