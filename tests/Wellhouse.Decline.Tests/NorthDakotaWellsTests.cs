using System.Globalization;
using Wellhouse.Testing;

namespace Wellhouse.Decline.Tests;

/// <summary>
/// Real messy data: the 636 North Dakota Bakken wells of <c>../shared/data/raw/nd-bakken</c> (no licence: read at run
/// time through <see cref="SharedData"/>, never copied). Every well must end in a fit or a typed reason, never an exception.
/// </summary>
public sealed class NorthDakotaWellsTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_EveryBakkenWell_FitsOrSaysWhy()
    {
        var wells = File.ReadLines(SharedData.Require(BakkenProduction)).Skip(1).Select(line => line.Split(','))
            .GroupBy(f => f[1])
            .Select(g => g.Select(f => (Date: DateOnly.ParseExact(f[2], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Oil: double.Parse(f[4], CultureInfo.InvariantCulture),
                    Days: double.Parse(f[7], CultureInfo.InvariantCulture)))
                .OrderBy(r => r.Date).ToArray())
            .ToArray();

        var results = wells.AsParallel().Select(rows =>
        {
            var rates = rows.Select(r => r.Oil / DateTime.DaysInMonth(r.Date.Year, r.Date.Month)).ToArray();
            var series = ProductionSeries.FromDates(rows.Select(r => r.Date).ToArray(), rates, rows.Select(r => r.Days).ToArray());
            return DeclineFitter.Fit(series);
        }).ToArray();

        var fitted = results.Count(r => r.Succeeded);
        var reasons = results.Where(r => !r.Succeeded).GroupBy(r => r.Reason).Select(g => $"{g.Key}={g.Count()}");
        var kinds = results.Where(r => r.Succeeded).GroupBy(r => r.Fit!.Kind).Select(g => $"{g.Key}={g.Count()}");
        var medianR2 = results.Where(r => r.Succeeded).Select(r => r.Fit!.Quality.RSquared).Order().ElementAt(fitted / 2);
        output.WriteLine($"wells={wells.Length} fitted={fitted} median R2={medianR2:F3}; {string.Join(" ", reasons)}; {string.Join(" ", kinds)}");

        Assert.True(wells.Length > 600);
        Assert.True(fitted > 0.9 * wells.Length, $"only {fitted} of {wells.Length} wells fit");
        Assert.All(results.Where(r => r.Succeeded), r => Assert.True(double.IsFinite(r.Fit!.Qi) && r.Fit.Qi > 0));
    }

    /// <summary>The North Dakota production file under ../shared (no licence: never copied into the repository).</summary>
    internal const string BakkenProduction = "data/raw/nd-bakken/ND_PRODUCTION_DATA.csv";
}
