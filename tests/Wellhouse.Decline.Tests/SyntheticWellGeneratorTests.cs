namespace Wellhouse.Decline.Tests;

/// <summary>The synthetic well generator: deterministic, and drawn from its truth.</summary>
public sealed class SyntheticWellGeneratorTests
{
    [Fact]
    public void Generate_SameSeedAndIndex_GivesTheSameWell()
    {
        var options = new SyntheticWellOptions { Seed = 9 };

        var a = SyntheticWellGenerator.Generate(17, options);
        var b = SyntheticWellGenerator.Generate(17, options);

        Assert.Equal(a.Rates, b.Rates);
        Assert.Equal(a.Qi, b.Qi);
        Assert.NotEqual(a.Rates, SyntheticWellGenerator.Generate(18, options).Rates);
    }

    [Fact]
    public void Generate_NoiseFree_RatesAreTheTruthAtMidPeriod()
    {
        var well = SyntheticWellGenerator.Generate(2, new SyntheticWellOptions().NoiseFree());

        Assert.Equal(well.Truth.Rate(15.5), well.Rates[0], 1e-9);
        Assert.All(well.DaysOn, (d, i) => Assert.Equal(DateTime.DaysInMonth(well.Dates[i].Year, well.Dates[i].Month), d));
    }

    [Fact]
    public void Generate_Defaults_HaveDowntimeAndOutliersNearTheirProbabilities()
    {
        var wells = SyntheticWellGenerator.GenerateMany(200, new SyntheticWellOptions()).ToArray();
        var periods = wells.Sum(w => w.Rates.Count);

        var shutIn = wells.Sum(w => w.DaysOn.Count(d => d == 0)) / (double)periods;
        var outliers = wells.Sum(w => w.Outliers.Count(o => o)) / (double)periods;

        Assert.InRange(shutIn, 0.04, 0.06);
        Assert.InRange(outliers, 0.005, 0.015);
        Assert.All(wells, w => Assert.InRange(w.B, 0.1, 1.5));
    }
}
