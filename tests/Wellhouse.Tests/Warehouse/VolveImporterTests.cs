using System.Globalization;
using Wellhouse.Sample;

namespace Wellhouse.Tests.Warehouse;

public sealed class VolveImporterTests
{
    [Fact]
    public void Read_VolveDaily_EqualsTheBundledSample()
    {
        var rows = VolveImporter.Read(RepoPaths.VolveDaily).ToList();
        var sample = File.ReadAllLines(RepoPaths.Sample).Skip(1).Select(line => line.Split(',')).ToList();

        Assert.Equal(15_634, rows.Count);
        Assert.Equal(sample.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var cells = sample[i];
            Assert.Equal(int.Parse(cells[2], CultureInfo.InvariantCulture), row.WellCode);
            Assert.Equal(cells[5], row.ProductionPeriod.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            AssertSame(cells[6], row.DaysOnProduction);
            AssertSame(cells[7], row.OilProductionKbd);
            AssertSame(cells[8], row.GasProductionMmcfd);
            AssertSame(cells[10], row.WaterProductionKbd);
            Assert.Equal(cells[11], row.DataSource);
        }
    }

    [Fact]
    public void Read_TwentyFiveHourDay_CapsDaysOnProductionAtOne()
    {
        var row = VolveImporter.Read(RepoPaths.VolveDaily)
            .Single(r => r.WellCode == 5599 && r.ProductionPeriod == new DateOnly(2008, 10, 26));

        Assert.Equal(1.0, row.DaysOnProduction);
        Assert.Equal(3836.99 * 6.289811 / 1000, row.OilProductionKbd!.Value, 12);
        Assert.Equal(547535.29 * 35.31467 / 1e6, row.GasProductionMmcfd!.Value, 12);
    }

    [Fact]
    public void Read_BadNumber_NamesFileLineAndColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), "volve-bad-" + Guid.NewGuid().ToString("N") + ".csv");
        var lines = File.ReadLines(RepoPaths.VolveDaily).Take(3).ToList();
        var cells = lines[2].Split(',');
        cells[18] = "lots";
        lines[2] = string.Join(',', cells);
        File.WriteAllLines(path, lines);
        try
        {
            var error = Assert.Throws<VolveImportException>(() => VolveImporter.Read(path).ToList());

            Assert.Contains(path + "(3,19)", error.Message);
            Assert.Contains("BORE_OIL_VOL = 'lots' is not a number", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_NotVolve_SaysWhichColumnIsMissing()
    {
        var path = Path.Combine(Path.GetTempPath(), "volve-other-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, "date,rate\n2020-01-01,1\n");
        try
        {
            var error = Assert.Throws<VolveImportException>(() => VolveImporter.Read(path).ToList());

            Assert.Contains("missing column DATEPRD", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_MissingFile_SaysSo()
    {
        var error = Assert.Throws<VolveImportException>(() => VolveImporter.Read("no-such-volve.csv"));

        Assert.Contains("file not found", error.Message);
    }

    private static void AssertSame(string cell, double? value)
    {
        if (cell.Length == 0)
        {
            Assert.Null(value);
        }
        else
        {
            Assert.Equal(double.Parse(cell, CultureInfo.InvariantCulture), value!.Value, 12);
        }
    }
}
