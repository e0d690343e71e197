using System.Globalization;
using Wellhouse.Testing;

namespace Wellhouse.Decline.Tests;

/// <summary>
/// The decline defects of issue 15 on the real data that showed them: NPD's negative correction months (LILLE-FRIGG,
/// NLOD: its rows are in tests/fixtures/real-data) and degenerate Duong fits on North Dakota (no licence: read from
/// ../shared at run time through SharedData, never copied).
/// </summary>
public sealed class RealDataDefectTests(ITestOutputHelper output)
{
    private static string LilleFrigg => Path.Combine(SharedData.RepoRoot(), "tests", "fixtures", "real-data",
        "sodir_field_production_monthly_lille_frigg.csv");

    [Fact]
    public void Fit_LilleFriggWithANegativeCorrectionMonth_NetsItAndNeverEndsNegative()
    {
        // NPD monthly net production, million Sm3 per month; LILLE-FRIGG's last month (2001-05) is -0.00012.
        var rows = File.ReadLines(LilleFrigg).Skip(1)
            .Select(line => line.Split(','))
            .Where(f => f[0] == "LILLE-FRIGG")
            .Select(f => (Date: new DateOnly(int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), 1),
                Oil: double.Parse(f[3], CultureInfo.InvariantCulture)))
            .OrderBy(r => r.Date)
            .ToArray();
        Assert.Contains(rows, r => r.Oil < 0);
        var rates = rows.Select(r => r.Oil / DateTime.DaysInMonth(r.Date.Year, r.Date.Month)).ToArray();

        var result = DeclineFitter.Fit(ProductionSeries.FromDates(rows.Select(r => r.Date).ToArray(), rates));

        Assert.NotEqual(CannotFitReason.NegativeValue, result.Reason);
        var fit = Assert.IsType<DeclineFit>(result.Fit);
        Assert.Equal(rows.Count(r => r.Oil < 0), fit.NegativePeriods);
        Assert.Equal(rows.Sum(r => r.Oil), fit.HistoryCumulative, 1e-9);
        Assert.Contains(fit.Warnings, w => w.Contains("negative rate", StringComparison.Ordinal));
        var forecast = fit.Forecast(ForecastOptions.Default with { Periods = 12, BootstrapSamples = 0 });
        Assert.All(forecast.Points, p => Assert.True(p.Rate >= 0));
    }

    [Fact]
    public void Fit_BakkenDuong_NeverRisesAtT0()
    {
        var wells = NorthDakotaOil();
        var duongOnly = FitOptions.Default with { Model = ModelSelection.Duong };

        var auto = wells.AsParallel().Select(w => DeclineFitter.Fit(w)).ToArray();
        var duong = wells.AsParallel().Select(w => DeclineFitter.Fit(w, duongOnly)).ToArray();

        var chosen = auto.Where(r => r.Fit is { Kind: DeclineModelKind.Duong }).Select(r => r.Fit!).ToArray();
        var accepted = duong.Where(r => r.Succeeded).Select(r => r.Fit!).ToArray();
        var rejected = duong.Count(r => r.Reason == CannotFitReason.ModelRejected);
        output.WriteLine($"auto chose Duong for {chosen.Length} wells; Duong alone: {accepted.Length} accepted, {rejected} refused (rise at t0 or a at its bound)");
        Assert.True(rejected > 0, "the Bakken wells showed degenerate Duong fits; none was refused");
        Assert.All(chosen.Concat(accepted), fit =>
        {
            Assert.True(fit.DuongA <= fit.DuongM, $"a = {fit.DuongA} > m = {fit.DuongM}");
            Assert.True(fit.Model.Decline(0) >= 0);
            Assert.True(fit.DiNominalPerYear >= 0);
            Assert.True(fit.Qi > 1e-6, $"qi {fit.Qi}");
        });
    }

    private static ProductionSeries[] NorthDakotaOil() =>
        File.ReadLines(SharedData.Require(NorthDakotaWellsTests.BakkenProduction)).Skip(1).Select(line => line.Split(','))
            .GroupBy(f => f[1])
            .Select(g => g.Select(f => (Date: DateOnly.ParseExact(f[2], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Oil: double.Parse(f[4], CultureInfo.InvariantCulture),
                    Days: double.Parse(f[7], CultureInfo.InvariantCulture)))
                .OrderBy(r => r.Date).ToArray())
            .Select(rows => ProductionSeries.FromDates(rows.Select(r => r.Date).ToArray(),
                rows.Select(r => r.Oil / DateTime.DaysInMonth(r.Date.Year, r.Date.Month)).ToArray(),
                rows.Select(r => r.Days).ToArray()))
            .ToArray();
}
