namespace Wellhouse.Testing;

/// <summary>
/// Data the tests read from <c>../shared</c> beside the repository because its licence does not let the project copy it
/// (the North Dakota wells: no licence). Where the folder is absent (a fresh clone) such a test is skipped with the
/// missing path and why; with <c>WELLHOUSE_REQUIRE_SHARED=1</c> (set by <c>.ci/run</c>) it fails instead, so CI
/// never skips one silently. Data whose licence allows it lives in the repository and is read from there.
/// </summary>
internal static class SharedData
{
    /// <summary>The environment variable that turns a missing shared file from a skip into a failure.</summary>
    public const string RequireVariable = "WELLHOUSE_REQUIRE_SHARED";

    /// <summary>The full path of <paramref name="relativePath"/> under ../shared; skips or fails the test when absent.</summary>
    public static string Require(string relativePath)
    {
        var lookup = Find(relativePath);
        if (lookup.Failure is not null)
        {
            Assert.Fail(lookup.Failure);
        }

        if (lookup.SkipReason is not null)
        {
            Assert.Skip(lookup.SkipReason);
        }

        return lookup.Path;
    }

    /// <summary>Where <paramref name="relativePath"/> under ../shared is, and when it is missing, why a test skips or
    /// fails (for a fixture, which must not skip by itself: its tests call <see cref="Require"/> or skip with the reason).</summary>
    public static SharedFile Find(string relativePath) =>
        Find(relativePath, Path.Combine(RepoRoot(), "..", "shared"), Environment.GetEnvironmentVariable(RequireVariable) == "1");

    /// <summary>As <see cref="Find(string)"/>, with the folder and the CI flag given.</summary>
    internal static SharedFile Find(string relativePath, string sharedRoot, bool required)
    {
        var path = Path.GetFullPath(Path.Combine(sharedRoot, relativePath));
        if (File.Exists(path))
        {
            return new SharedFile(path, null, null);
        }

        var why = $"needs ../shared/{relativePath} ({path} is missing): that data is not redistributable, so it is not in "
            + "the repository; the test runs where ../shared is present, as in CI";
        return required
            ? new SharedFile(path, null, $"{why}. {RequireVariable}=1 makes its absence a failure.")
            : new SharedFile(path, why, null);
    }

    /// <summary>The repository root: the folder holding Wellhouse.slnx above the test binaries.</summary>
    public static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Wellhouse.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Wellhouse.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A file under ../shared: its path, and when missing the reason to skip or to fail.</summary>
internal sealed record SharedFile(string Path, string? SkipReason, string? Failure);
