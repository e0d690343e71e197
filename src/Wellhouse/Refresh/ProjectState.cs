using System.Security.Cryptography;
using System.Text;
using Wellhouse.Ingest;

namespace Wellhouse.Refresh;

/// <summary>
/// What a snapshot was built from besides raw data, recorded in its <c>SnapshotInfo</c> so the next refresh can tell
/// whether it may build incrementally on it: a SHA-256 of every file of the dbt project (models, macros, seeds, tests,
/// dbt_project.yml with its vars, profiles.yml), the profile target, the vars the application passes beside the raw
/// batch list, the build of the C# models (the application assembly's module version id: a new build of the code
/// counts as a change), and the raw contract (the raw store's column definitions).
/// </summary>
internal sealed record ProjectState
{
    /// <summary>Folders of a dbt project that hold build output, not project definition (installed packages in
    /// dbt_packages/ are part of the project: they are hashed).</summary>
    private static readonly string[] Ignored = ["target", "logs"];

    /// <summary>SHA-256 (hex) of each project file, by path relative to the project directory ('/' separators).</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    public string Target { get; init; } = string.Empty;

    /// <summary>Vars the application passes (YAML), other than the raw batch list and the refresh mode.</summary>
    public string Vars { get; init; } = string.Empty;

    /// <summary>The module version id of the assembly holding the C# models.</summary>
    public string Code { get; init; } = string.Empty;

    /// <summary>SHA-256 of the raw contract (<see cref="BatchWriter.TableDefinition"/>, whitespace collapsed).</summary>
    public string RawContract { get; init; } = string.Empty;

    public static string CurrentRawContract() =>
        Sha256(string.Join(' ', BatchWriter.TableDefinition.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

    public static ProjectState Read(string projectDir, string target, string vars)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var root = Path.GetFullPath(projectDir);
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            var first = relative.Split('/')[0];
            if (Ignored.Contains(first, StringComparer.Ordinal) || relative.Split('/').Any(part => part.StartsWith('.')))
            {
                continue;
            }

            using var stream = File.OpenRead(path);
            files[relative] = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        return new ProjectState
        {
            Files = files,
            Target = target,
            Vars = vars,
            Code = typeof(ProjectState).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
            RawContract = CurrentRawContract(),
        };
    }

    /// <summary>What differs from <paramref name="other"/> (the parent's state), in words; empty when nothing does.</summary>
    public IReadOnlyList<string> Differences(ProjectState other)
    {
        var differences = new List<string>();
        if (RawContract != other.RawContract)
        {
            differences.Add("the raw contract changed");
        }

        foreach (var (path, hash) in Files)
        {
            if (!other.Files.TryGetValue(path, out var before))
            {
                differences.Add($"{path} added");
            }
            else if (before != hash)
            {
                differences.Add($"{path} changed");
            }
        }

        differences.AddRange(other.Files.Keys.Where(path => !Files.ContainsKey(path)).Select(path => $"{path} removed"));
        if (Target != other.Target)
        {
            differences.Add($"target {other.Target} -> {Target}");
        }

        if (Vars != other.Vars)
        {
            differences.Add("vars changed");
        }

        if (Code != other.Code)
        {
            differences.Add("the C# models' build changed");
        }

        return differences;
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
