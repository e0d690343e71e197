using BenchmarkDotNet.Attributes;
using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Bench;

/// <summary>Parse (load) and compile every node of a generated 1,000-model / 3,000-test project.</summary>
[MemoryDiagnoser]
public class ParseCompileBenchmark
{
    private string directory = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        directory = Directory.CreateTempSubdirectory("wellhouse-bench-").FullName;
        ProjectGenerator.Write(directory, 1000);
        var nodes = ParseAndCompile(directory);
        if (nodes != 1000 + 3000 + 1)
        {
            throw new InvalidOperationException($"expected 4001 nodes, got {nodes}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(directory, recursive: true);

    [Benchmark]
    public int ParseAndCompile() => ParseAndCompile(directory);

    /// <summary>Parse time and compile time of one run.</summary>
    public static (TimeSpan Parse, TimeSpan Compile) Timed(string projectDir)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var project = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = projectDir }).Project!;
        var parse = watch.Elapsed;
        var compiler = new Compiler(project);
        foreach (var node in project.Manifest.Nodes.Values)
        {
            compiler.Compile(node);
        }

        return (parse, watch.Elapsed - parse);
    }

    /// <summary>Loads the project and compiles every node; returns the node count, or throws with the diagnostics.</summary>
    public static int ParseAndCompile(string projectDir)
    {
        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = projectDir });
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join('\n', result.Diagnostics.Select(d => d.Format(projectDir))));
        }

        var project = result.Project!;
        var compiler = new Compiler(project);
        foreach (var node in project.Manifest.Nodes.Values)
        {
            var compiled = compiler.Compile(node);
            if (!compiled.Success)
            {
                throw new InvalidOperationException(string.Join('\n', compiled.Diagnostics.Select(d => d.Format(projectDir))));
            }
        }

        return project.Manifest.Nodes.Count;
    }
}
