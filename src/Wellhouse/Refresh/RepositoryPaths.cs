namespace Wellhouse.Refresh;

/// <summary>
/// Finds the files the application ships beside its source (the warehouse/ dbt project, the bundled sample) by walking
/// up from the application and the working directory, so <c>dotnet run --project src/Wellhouse</c> finds them.
/// </summary>
internal static class RepositoryPaths
{
    public static string? Find(string relativePath)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, relativePath);
                if (File.Exists(candidate) || Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The warehouse dbt project: the configured folder (Wellhouse:Warehouse:ProjectDir), else the repository's
    /// warehouse/ found by walking up; null when it holds no dbt_project.yml.</summary>
    public static string? WarehouseProject(string? configured)
    {
        var projectDir = configured
            ?? (Find(Path.Combine("warehouse", "dbt_project.yml")) is { } file ? Path.GetDirectoryName(file) : null);
        return projectDir is not null && File.Exists(Path.Combine(projectDir, "dbt_project.yml")) ? projectDir : null;
    }
}
