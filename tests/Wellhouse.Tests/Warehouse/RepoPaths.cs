namespace Wellhouse.Tests.Warehouse;

/// <summary>Finds the repository root (the folder holding Wellhouse.slnx) and the shared data folder beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Warehouse => Path.Combine(Root, "warehouse");

    public static string Sample => Path.Combine(Root, "data", "sample", "volve_well_production.csv");

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string VolveDaily => Path.Combine(Shared, "data", "raw", "volve", "derived", "Daily_Production_Data.csv");

    public static string VolveMonthly => Path.Combine(Shared, "data", "raw", "volve", "derived", "Monthly_Production_Data.csv");

    private static string FindRoot()
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
