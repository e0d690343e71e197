using Wellhouse.Transform.Artifacts;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.State;

/// <summary>A copy of tests/fixtures/state/&lt;name&gt; in a temp folder (deleted at dispose), with helpers to edit it and save its manifest as a previous state.</summary>
internal sealed class StateProject : IDisposable
{
    public StateProject(string name)
    {
        Directory = Path.Combine(Path.GetTempPath(), "wellhouse-state-" + Guid.NewGuid().ToString("N"));
        Copy(Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "state", name), Directory);
    }

    public string Directory { get; }

    public LoadedProject Load()
    {
        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = Directory, ProfilesDir = Directory, Environment = new Dictionary<string, string>() });
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Format(Directory))));
        return result.Project!;
    }

    /// <summary>Writes the current project's manifest.json into <c>&lt;copy&gt;/&lt;folder&gt;</c> and returns that folder.</summary>
    public string SaveState(string folder = "prod")
    {
        var path = Path.Combine(Directory, folder);
        ManifestWriter.Write(Load(), Path.Combine(path, "manifest.json"));
        return path;
    }

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Replace(string relativePath, string oldText, string newText)
    {
        var path = Path.Combine(Directory, relativePath);
        var text = File.ReadAllText(path);
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    /// <summary>The names of the selected models and seeds (tests left out), sorted.</summary>
    public List<string> SelectNames(string selector, string stateFolder)
    {
        var project = Load();
        var state = PreviousState.TryLoad(stateFolder, Directory, out var error);
        Assert.True(state is not null, error?.Format(Directory));
        return [.. NodeSelector.Select(project.Manifest, project.Graph, [selector], [], state: state)
            .Select(id => project.Manifest.Nodes[id])
            .Where(n => n.ResourceType != ResourceType.Test)
            .Select(n => n.Name)
            .Order(StringComparer.Ordinal)];
    }

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

    private static void Copy(string source, string destination)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("target", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(destination, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
