using DuckDB.NET.Data;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Packages;

/// <summary>
/// A copy of tests/fixtures/packages (the root project and its package) in a temp folder, deleted on dispose. The
/// package is installed by copying it into project/dbt_packages/ unless a test installs it with deps.
/// </summary>
internal sealed class PackageFixture : IDisposable
{
    public PackageFixture(bool install = true)
    {
        CopyTree(Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "packages"), Root);
        if (install)
        {
            CopyTree(Path.Combine(Root, "helper_pkg"), Path.Combine(ProjectDir, "dbt_packages", "helper_pkg"));
        }
    }

    /// <summary>The temp folder holding project/ and helper_pkg/.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("wellhouse-packages-").FullName;

    public string ProjectDir => Path.Combine(Root, "project");

    public List<string> Log { get; } = [];

    public string DatabasePath => Path.Combine(ProjectDir, "target", "dev.duckdb");

    public static void CopyTree(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }

    public Task<DbtRunReport> RunAsync(DbtCommandKind command = DbtCommandKind.Build) =>
        DbtRunner.RunAsync(
            new DbtRunOptions
            {
                ProjectDir = ProjectDir,
                ProfilesDir = ProjectDir,
                Command = command,
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

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
