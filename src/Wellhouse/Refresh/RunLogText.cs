using Wellhouse.Hosting;

namespace Wellhouse.Refresh;

/// <summary>
/// A run's log and messages as the API shows them: the server's own folders (data directory, warehouse project,
/// application, home) named instead of spelled out, so a reader learns nothing of the server's file system. The files
/// in runs/ keep them.
/// </summary>
internal static class RunLogText
{
    /// <summary><see cref="ForClients(string, DataDirectory, WellhouseOptions)"/> for many texts.</summary>
    public static Func<string, string> ForClients(DataDirectory data, WellhouseOptions options) =>
        text => ForClients(text, data, options);

    public static string ForClients(string log, DataDirectory data, WellhouseOptions options)
    {
        var warehouse = options.Warehouse.ProjectDir
            ?? (RepositoryPaths.Find(Path.Combine("warehouse", "dbt_project.yml")) is { } file ? Path.GetDirectoryName(file) : null);
        var roots = new List<(string Path, string Name)>
        {
            (data.Root, "<data>"),
            (AppContext.BaseDirectory, "<app>/"),
            (Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "~"),
        };
        if (warehouse is not null)
        {
            roots.Add((Path.GetFullPath(warehouse), "<warehouse>"));
        }

        foreach (var (root, name) in roots.Where(r => r.Path.TrimEnd('/', '\\').Length > 1).OrderByDescending(r => r.Path.Length))
        {
            log = log.Replace(root, name, StringComparison.Ordinal);
        }

        return log;
    }
}
