using System.Globalization;

namespace Wellhouse.Generate;

/// <summary>
/// Writes a synthetic data set to a folder: the raw rows as <c>well_production_partNNNN.parquet</c> (or .csv), one
/// file per <see cref="WellsPerFile"/> wells, the truth per well (<c>truth.csv</c>) and the outlier periods
/// (<c>truth_outliers.csv</c>).
/// </summary>
internal static class GeneratedDataset
{
    public const int WellsPerFile = 1000;

    /// <summary>Writes the data set; returns the number of raw rows written.</summary>
    public static long Write(SyntheticWellOptions options, string directory, bool parquet)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(directory);
        using var writer = new RawRowWriter();
        using var truth = new StreamWriter(Path.Combine(directory, "truth.csv"));
        using var outliers = new StreamWriter(Path.Combine(directory, "truth_outliers.csv"));
        truth.WriteLine(WellTruth.CsvHeader);
        outliers.WriteLine("well_code,production_period");
        long rows = 0;
        for (var first = 0; first < options.Wells; first += WellsPerFile)
        {
            var count = Math.Min(WellsPerFile, options.Wells - first);
            var wells = Enumerable.Range(first, count)
                .AsParallel()
                .AsOrdered()
                .Select(index => (Truth: SyntheticWells.Truth(options, index), Data: SyntheticWells.Rows(options, index)))
                .ToList();
            foreach (var (wellTruth, data) in wells)
            {
                truth.WriteLine(wellTruth.ToCsv());
                foreach (var period in data.Outliers)
                {
                    outliers.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{wellTruth.WellCode},{period:yyyy-MM-dd}"));
                }

                rows += data.Rows.Count;
            }

            var part = (first / WellsPerFile) + 1;
            var name = string.Create(CultureInfo.InvariantCulture, $"well_production_part{part:D4}.{(parquet ? "parquet" : "csv")}");
            writer.Write(wells.SelectMany(well => well.Data.Rows), Path.Combine(directory, name));
        }

        return rows;
    }
}
