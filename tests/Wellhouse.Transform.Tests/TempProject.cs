using Wellhouse.Testing;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests;

/// <summary>
/// A dbt project in a temp folder (copied from a fixture, or written file by file by the test), run with
/// <see cref="DbtRunner"/> and queried on its built database file; deleted on dispose.
/// </summary>
internal class TempProject : IDisposable
{
    public TempProject(string prefix = "wellhouse-project-", string projectSubfolder = "")
    {
        Root = Directory.CreateTempSubdirectory(prefix).FullName;
        ProjectDir = projectSubfolder.Length == 0 ? Root : Path.Combine(Root, projectSubfolder);
        Directory.CreateDirectory(ProjectDir);
    }

    /// <summary>The temp folder (the project, or the folder holding it).</summary>
    public string Root { get; }

    public string ProjectDir { get; }

    /// <summary>The progress lines of every run, in order.</summary>
    public List<string> Log { get; } = [];

    /// <summary>The database the fixtures' profiles build (<c>target/dev.duckdb</c>).</summary>
    public string DatabasePath => Path.Combine(ProjectDir, "target", "dev.duckdb");

    public static void CopyTree(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            if (file.Contains(Path.DirectorySeparatorChar + "target" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }

    /// <summary>Writes a file of the project (path relative to the project directory).</summary>
    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(ProjectDir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Writes dbt_project.yml (with <paramref name="extra"/> YAML appended) and a DuckDB profiles.yml
    /// building target/dev.duckdb.</summary>
    public void WriteProject(string name, string extra = "")
    {
        Write("dbt_project.yml", $"name: {name}\nprofile: {name}\n" + extra);
        Write("profiles.yml", $"{name}:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/dev.duckdb\n      threads: 1\n");
    }

    public Task<DbtRunReport> RunAsync(DbtCommandKind command = DbtCommandKind.Build, string? vars = null, int? threads = null, IReadOnlyList<string>? select = null, bool storeFailures = false, string? target = null, bool fullRefresh = false, IReadOnlyDictionary<string, ICSharpModel>? csharp = null) =>
        DbtRunner.RunAsync(
            new DbtRunOptions
            {
                ProjectDir = ProjectDir,
                ProfilesDir = ProjectDir,
                Target = target,
                FullRefresh = fullRefresh,
                CSharpModels = csharp ?? new Dictionary<string, ICSharpModel>(),
                Command = command,
                VarsYaml = vars,
                Threads = threads,
                Select = select ?? [],
                StoreFailures = storeFailures,
                Log = line =>
                {
                    lock (Log)
                    {
                        Log.Add(line);
                    }
                },
            },
            TestContext.Current.CancellationToken);

    /// <summary>The rows of a query on the built database (read-only), each row's values in select order.</summary>
    public virtual List<object?[]> Query(string sql) => DuckDbReader.Query(DatabasePath, sql);

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
