using Wellhouse.Cli;
using Wellhouse.Generate;

namespace Wellhouse.Tests.Warehouse;

public sealed class SyntheticWellsTests
{
    private static readonly SyntheticWellOptions Daily = new(Wells: 3, Days: 200, Monthly: false, Seed: 11, Start: new DateOnly(2020, 1, 1));

    [Fact]
    public void Rows_SameSeed_SameData()
    {
        var first = SyntheticWells.Rows(Daily, 2).Rows;
        var second = SyntheticWells.Rows(Daily, 2).Rows;

        Assert.Equal(200, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Rows_NoiseFreeFullUptime_FollowTheTruth()
    {
        var options = Daily with { NoiseSigma = 0, OutlierProbability = 0, ShutInProbability = 0 };
        var truth = SyntheticWells.Truth(options, 0);
        var rows = SyntheticWells.Rows(options, 0).Rows.Where(row => row.DaysOnProduction == 1).ToList();

        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal(
            truth.OilRateKbd(row.ProductionPeriod.DayNumber - truth.Start.DayNumber + 0.5), row.OilProductionKbd!.Value, 12));
    }

    [Fact]
    public void Rows_Downtime_LowersCalendarRateNotProducingRate()
    {
        var options = Daily with { NoiseSigma = 0, OutlierProbability = 0, Days = 1000 };
        var truth = SyntheticWells.Truth(options, 1);
        var partial = SyntheticWells.Rows(options, 1).Rows.First(row => row.DaysOnProduction is > 0 and < 1);
        var t = partial.ProductionPeriod.DayNumber - truth.Start.DayNumber + 0.5;

        Assert.Equal(truth.OilRateKbd(t), partial.OilProductionKbd!.Value / partial.DaysOnProduction!.Value, 12);
    }

    [Fact]
    public async Task GenerateCommand_WritesRowsAndTruth()
    {
        var directory = Path.Combine(Path.GetTempPath(), "wellhouse-generate-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter();
            var exit = await WellhouseCli.RunAsync(
                ["generate", "--wells", "3", "--days", "90", "--period", "month", "--seed", "5", "--output", directory, "--format", "csv"], output);

            Assert.Equal(0, exit);
            Assert.Contains("of 3 wells", output.ToString());
            Assert.Equal(4, File.ReadAllLines(Path.Combine(directory, "truth.csv")).Length);
            Assert.StartsWith("field_code,field_name,well_code", File.ReadLines(Path.Combine(directory, "well_production_part0001.csv")).First());
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task GenerateCommand_BadPeriod_ExitsNonZero()
    {
        var error = new StringWriter();

        var exit = await WellhouseCli.RunAsync(["generate", "--wells", "3", "--days", "90", "--period", "week", "--output", "x"], new StringWriter(), error);

        Assert.NotEqual(0, exit);
        Assert.Contains("week", error.ToString());
    }
}
