using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.UnitTesting;

/// <summary>A copy of a tests/fixtures/unit_tests project in a temp folder (deleted on dispose), run with <see cref="DbtRunner"/>.</summary>
internal sealed class UnitTestProject : IDisposable
{
    public UnitTestProject(string name)
    {
        var source = Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "unit_tests", name);
        Directory = Path.Combine(Path.GetTempPath(), "wellhouse-unit-" + Guid.NewGuid().ToString("N"), name);
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            if (Path.GetRelativePath(source, file).StartsWith("target", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(Directory, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    public string Directory { get; }

    public List<string> Log { get; } = [];

    public string Output => string.Join("\n", Log);

    /// <summary>Replaces (or adds) a file of the project.</summary>
    public void Write(string relative, string text) => File.WriteAllText(Path.Combine(Directory, relative), text);

    public string Read(string relative) => File.ReadAllText(Path.Combine(Directory, relative));

    public Task<DbtRunReport> RunAsync(DbtCommandKind command, IReadOnlyList<string>? select = null, IReadOnlyList<string>? exclude = null)
    {
        Log.Clear();
        return DbtRunner.RunAsync(
            new DbtRunOptions
            {
                ProjectDir = Directory,
                ProfilesDir = Directory,
                Command = command,
                Select = select ?? [],
                Exclude = exclude ?? [],
                Log = Log.Add,
                Environment = new Dictionary<string, string>(),
            },
            TestContext.Current.CancellationToken);
    }

    public ProjectLoadResult Load() => ProjectLoader.Load(new ProjectLoadOptions
    {
        ProjectDir = Directory,
        ProfilesDir = Directory,
        Environment = new Dictionary<string, string>(),
    });

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path.GetDirectoryName(Directory)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
