namespace Wellhouse.Tests.Cli;

/// <summary>A copy of a fixture dbt project (tests/fixtures/...) in a temp folder, deleted on dispose.</summary>
internal sealed class FixtureProject : IDisposable
{
    public FixtureProject(string relativePath)
        : this(Path.Combine(RepoRoot(), "tests", "fixtures", relativePath), isFullPath: true)
    {
    }

    private FixtureProject(string sourceDirectory, bool isFullPath)
    {
        Directory = Path.Combine(Path.GetTempPath(), "wellhouse-cli-" + Guid.NewGuid().ToString("N"));
        Copy(isFullPath ? sourceDirectory : Path.GetFullPath(sourceDirectory), Directory);
    }

    public string Directory { get; }

    /// <summary>A copy of any project folder (e.g. the repository's warehouse/), without its target/ and logs/.</summary>
    public static FixtureProject CopyOf(string projectDirectory) => new(projectDirectory, isFullPath: false);

    public StringWriter Output { get; } = new();

    public StringWriter Error { get; } = new();

    /// <summary>Runs <c>wellhouse verb --project-dir &lt;copy&gt; --profiles-dir &lt;copy&gt; args...</c>.</summary>
    public Task<int> RunAsync(string verb, params string[] args) =>
        Wellhouse.Cli.WellhouseCli.RunAsync([verb, "--project-dir", Directory, "--profiles-dir", Directory, .. args], Output, Error);

    public string DatabasePath(string name) => Path.Combine(Directory, "target", name);

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

    public static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Wellhouse.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Wellhouse.slnx not found above " + AppContext.BaseDirectory);
    }

    private static void Copy(string source, string destination)
    {
        System.IO.Directory.CreateDirectory(destination);
        foreach (var file in System.IO.Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var directory in System.IO.Directory.GetDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (name is not "target" and not "logs")
            {
                Copy(directory, Path.Combine(destination, name));
            }
        }
    }
}
