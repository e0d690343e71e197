using DuckDB.NET.Data;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.RunQuery;

/// <summary>A copy of a fixture project (tests/fixtures/run_query unless named) in a temp folder, built with
/// <see cref="DbtRunner"/>; deleted on dispose.</summary>
internal sealed class RunQueryProject : IDisposable
{
    private readonly string projectName;

    public RunQueryProject(string fixture = "run_query", string projectName = "compile_queries")
    {
        this.projectName = projectName;
        var source = Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", fixture);
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            if (file.Contains(Path.DirectorySeparatorChar + "target" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(Directory, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("wellhouse-runquery-").FullName;

    public List<string> Log { get; } = [];

    public string DatabasePath => Path.Combine(Directory, "target", "dev.duckdb");

    public Task<DbtRunReport> RunAsync(DbtCommandKind command = DbtCommandKind.Build, string? vars = null, int? threads = null, IReadOnlyList<string>? select = null) =>
        DbtRunner.RunAsync(
            new DbtRunOptions
            {
                ProjectDir = Directory,
                ProfilesDir = Directory,
                Command = command,
                VarsYaml = vars,
                Threads = threads,
                Select = select ?? [],
                Log = line =>
                {
                    lock (Log)
                    {
                        Log.Add(line);
                    }
                },
            },
            TestContext.Current.CancellationToken);

    /// <summary>The rows of a query on the built database, each row's values in select order.</summary>
    public List<object?[]> Query(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={DatabasePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
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

    public string Compiled(string model) => File.ReadAllText(Path.Combine(Directory, "target", "compiled", projectName, "models", model + ".sql"));

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
}
