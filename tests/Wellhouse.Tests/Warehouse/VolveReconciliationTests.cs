using System.Globalization;

namespace Wellhouse.Tests.Warehouse;

/// <summary>The marts built from the bundled sample reproduce Equinor's own figures for Volve.</summary>
[Collection(VolveBuildCollection.Name)]
public sealed class VolveReconciliationTests(VolveBuildFixture fixture)
{
    /// <summary>docs/domain.md: 1 m3 = 6.289811 bbl; 1 Sm3 of gas = 35.31467 scf.</summary>
    private const double BblPerSm3 = 6.289811;
    private const double ScfPerSm3 = 35.31467;

    [Fact]
    public async Task FieldTotalOil_EqualsEquinorTotal()
    {
        var kbbl = await fixture.Build.ScalarAsync<double>("select sum(oil_volume_kbbl) from mart_field_production_yearly");

        Assert.Equal(10_037_081, kbbl * 1000 / BblPerSm3, 0.5);
        Assert.Equal(63.13, Math.Round(kbbl / 1000, 2));
    }

    [Fact]
    public async Task EveryWellMonth_EqualsEquinorMonthlySheet()
    {
        var marts = (await fixture.Build.QueryAsync("""
            select well_code, year, month(month), producing_days, oil_volume_kbbl, gas_volume_mmcf, water_volume_kbbl
            from mart_production_monthly
            """)).ToDictionary(row => (Convert.ToInt32(row[0]), Convert.ToInt32(row[1]), Convert.ToInt32(row[2])));
        var sheet = File.ReadAllLines(RepoPaths.VolveMonthly).Skip(2).Select(line => line.Split(',')).ToList();

        Assert.Equal(526, sheet.Count);
        Assert.Equal(526, marts.Count);
        foreach (var cells in sheet)
        {
            var key = (int.Parse(cells[1]), int.Parse(cells[2]), int.Parse(cells[3]));
            var row = marts[key];
            AssertClose(Sheet(cells[4]), Value(row[3]) * 24, key, "on-stream hours");
            AssertClose(Sheet(cells[5]), Value(row[4]) * 1000 / BblPerSm3, key, "oil Sm3");
            AssertClose(Sheet(cells[6]), Value(row[5]) * 1e6 / ScfPerSm3, key, "gas Sm3");
            AssertClose(Sheet(cells[7]), Value(row[6]) * 1000 / BblPerSm3, key, "water Sm3");
        }
    }

    private static double Sheet(string cell) => cell is "" or "NULL" ? 0 : double.Parse(cell, CultureInfo.InvariantCulture);

    private static double Value(object? cell) => cell is null ? 0 : Convert.ToDouble(cell, CultureInfo.InvariantCulture);

    /// <summary>Within rounding: 1 unit (Sm3 or hour; Equinor's sheet has whole hours where days ran 25 h) or 1e-6.</summary>
    private static void AssertClose(double expected, double actual, (int, int, int) key, string what)
    {
        var tolerance = Math.Max(1.0 + 1e-6, Math.Abs(expected) * 1e-6);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{key} {what}: sheet {expected}, mart {actual}");
    }
}
