using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests;

/// <summary>Finds the fixture projects (tests/fixtures/parse) from the repository root (the folder holding Wellhouse.slnx).</summary>
internal static class Fixtures
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Parse(string name) => Path.Combine(RepoRoot, "tests", "fixtures", "parse", name);

    public static ProjectLoadResult Load(string name, string? target = null, string? vars = null, IReadOnlyDictionary<string, ICSharpModel>? csharp = null, IReadOnlyDictionary<string, string>? environment = null) =>
        ProjectLoader.Load(new ProjectLoadOptions
        {
            ProjectDir = Parse(name),
            ProfilesDir = Parse(name),
            Target = target,
            VarsYaml = vars,
            CSharpModels = csharp ?? new Dictionary<string, ICSharpModel>(),
            Environment = environment ?? new Dictionary<string, string>(),
        });

    public static LoadedProject LoadOk(string name, string? target = null, string? vars = null, IReadOnlyDictionary<string, ICSharpModel>? csharp = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = Load(name, target, vars, csharp, environment);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Format(Parse(name)))));
        return result.Project!;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Wellhouse.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Wellhouse.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary folder deleted at dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("wellhouse-front-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Copies a fixture project here and returns its folder.</summary>
    public string CopyFixture(string name)
    {
        var source = Fixtures.Parse(name);
        var target = System.IO.Path.Combine(Path, name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
