namespace Wellhouse.Tests.Warehouse;

/// <summary>The repository root (the folder holding Wellhouse.slnx) and the bundled data under it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Warehouse => Path.Combine(Root, "warehouse");

    public static string Sample => Path.Combine(Root, "data", "sample", "volve_well_production.csv");

    /// <summary>Equinor's daily sheet as CSV (data/sample/volve-sheets, Equinor Open Data Licence, attribution beside it).</summary>
    public static string VolveDaily => Path.Combine(Root, "data", "sample", "volve-sheets", "Daily_Production_Data.csv");

    /// <summary>Equinor's monthly sheet as CSV, beside the daily one.</summary>
    public static string VolveMonthly => Path.Combine(Root, "data", "sample", "volve-sheets", "Monthly_Production_Data.csv");

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
