using System.Text.RegularExpressions;
using Wellhouse.Testing;

namespace Wellhouse.Tests.Repository;

/// <summary>
/// A fresh clone with nothing beside it passes the tests: data whose licence allows it is in the repository, and the
/// tests of data that may not be copied go through <see cref="SharedData"/> (skip with the reason, or fail in CI).
/// </summary>
public sealed partial class CleanCloneTests
{
    [Fact]
    public void TestSources_ReadSharedDataOnlyThroughSharedData()
    {
        var tests = Path.Combine(SharedData.RepoRoot(), "tests");
        var offenders = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(file) != "SharedData.cs")
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line: i + 1, text: line)))
            .Where(l => !l.text.TrimStart().StartsWith("//", StringComparison.Ordinal) && SharedPath().IsMatch(l.text))
            .Select(l => $"{Path.GetRelativePath(tests, l.file)}:{l.line}: {l.text.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "tests that build a path into ../shared themselves (a clean clone fails them; use SharedData.Require):\n"
            + string.Join('\n', offenders));
    }

    [Fact]
    public void Find_MissingFileOutsideCi_SkipsNamingThePathAndWhy()
    {
        var root = Path.Combine(Path.GetTempPath(), "no-shared-" + Guid.NewGuid().ToString("N"));

        var file = SharedData.Find("data/raw/nd-bakken/ND_PRODUCTION_DATA.csv", root, required: false);

        Assert.Null(file.Failure);
        Assert.NotNull(file.SkipReason);
        Assert.Contains(Path.Combine(root, "data", "raw", "nd-bakken", "ND_PRODUCTION_DATA.csv"), file.SkipReason);
        Assert.Contains("not redistributable", file.SkipReason);
        Assert.Contains("runs where ../shared is present, as in CI", file.SkipReason);
    }

    [Fact]
    public void Find_MissingFileWithRequireShared_Fails()
    {
        var root = Path.Combine(Path.GetTempPath(), "no-shared-" + Guid.NewGuid().ToString("N"));

        var file = SharedData.Find("data/raw/x.csv", root, required: true);

        Assert.Null(file.SkipReason);
        Assert.NotNull(file.Failure);
        Assert.Contains("WELLHOUSE_REQUIRE_SHARED=1", file.Failure);
        Assert.Contains(Path.Combine(root, "data", "raw", "x.csv"), file.Failure);
    }

    [Fact]
    public void Find_PresentFile_ReturnsItsPath()
    {
        var root = Path.Combine(Path.GetTempPath(), "shared-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "data"));
        File.WriteAllText(Path.Combine(root, "data", "a.csv"), "x\n");
        try
        {
            Assert.Equal(new SharedFile(Path.Combine(root, "data", "a.csv"), null, null), SharedData.Find("data/a.csv", root, required: true));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void CiRun_RequiresSharedData()
    {
        var run = File.ReadAllText(Path.Combine(SharedData.RepoRoot(), ".ci", "run"));

        Assert.Contains($"export {SharedData.RequireVariable}=1", run);
    }

    [Fact]
    public void Repository_CitesItsOwnDomainDocument()
    {
        var root = SharedData.RepoRoot();
        string[] skipped = [".git", "bin", "obj", "node_modules", "target", "dbt_packages", "logs"];
        string[] extensions = [".md", ".sql", ".yml", ".yaml", ".cs", ".json", ".sh", ".py", ".js", ".html", ".csproj", ".props"];
        var offenders = Files(root, skipped)
            .Where(file => extensions.Contains(Path.GetExtension(file), StringComparer.Ordinal))
            .Where(file => File.ReadAllText(file).Contains(SharedDomainDocument, StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(root, file))
            .ToList();

        Assert.True(offenders.Count == 0, $"files citing {SharedDomainDocument}, which is not in the repository (cite docs/domain.md):\n"
            + string.Join('\n', offenders));
        var domain = File.ReadAllText(Path.Combine(root, "docs", "domain.md"));
        foreach (var model in new[] { "exponential", "hyperbolic", "harmonic", "modified_hyperbolic", "duong", "stretched_exponential" })
        {
            Assert.Contains($"`{model}`", domain);
        }

        foreach (var section in new[] { "## The raw contract", "## Periods, rates and volumes", "## Units and conversions",
                     "## Decline curves", "## EUR and forecasts", "## Revenue", "## Data sets and licences" })
        {
            Assert.Contains(section, domain);
        }
    }

    private static IEnumerable<string> Files(string directory, string[] skipped) =>
        Directory.EnumerateFiles(directory).Concat(Directory.EnumerateDirectories(directory)
            .Where(d => !skipped.Contains(Path.GetFileName(d), StringComparer.Ordinal))
            .SelectMany(d => Files(d, skipped)));

    /// <summary>The design reference beside the repository (../shared), spelled in two parts so this file does not cite it.</summary>
    private const string SharedDomainDocument = "DOMAIN" + ".md";

    [GeneratedRegex("""("\.\.",\s*"shared"|"\.\./shared|"shared",\s*"data")""")]
    private static partial Regex SharedPath();
}
