namespace Wellhouse.Decline.Tests;

/// <summary>DeclineFitter: bad input gives typed reasons, segments, peak, model choice, thread safety.</summary>
public sealed class DeclineFitterTests
{
    private static double[] Days(int n) => [.. Enumerable.Range(0, n).Select(i => (double)i)];

    private static double[] Hyperbolic(int n, double qi = 1000, double d = 0.003, double b = 0.8) =>
        [.. Enumerable.Range(0, n).Select(i => new ArpsModel(qi, d, b).Rate(i + 0.5))];

    [Fact]
    public void Fit_EmptySeries_CannotFitEmpty()
    {
        var result = DeclineFitter.Fit(ProductionSeries.FromDays([], []));

        Assert.False(result.Succeeded);
        Assert.Equal(CannotFitReason.EmptySeries, result.Reason);
    }

    [Fact]
    public void Fit_SinglePoint_CannotFitTooFewPoints()
    {
        var result = DeclineFitter.Fit(ProductionSeries.FromDays([0], [100]));

        Assert.Equal(CannotFitReason.TooFewPoints, result.Reason);
        Assert.Contains("at least 6", result.Message);
    }

    [Fact]
    public void Fit_AllZeros_CannotFitNoProduction()
    {
        var result = DeclineFitter.Fit(ProductionSeries.FromDays(Days(30), new double[30]));

        Assert.Equal(CannotFitReason.NoProduction, result.Reason);
    }

    [Fact]
    public void Fit_AllNaN_CannotFitNoProduction()
    {
        var rates = Enumerable.Repeat(double.NaN, 30).ToArray();

        Assert.Equal(CannotFitReason.NoProduction, DeclineFitter.Fit(ProductionSeries.FromDays(Days(30), rates)).Reason);
    }

    [Fact]
    public void Fit_NegativeRate_IsNettedIntoTheCumulativeAndCounted()
    {
        var rates = Hyperbolic(30);
        var clean = DeclineFitter.Fit(ProductionSeries.FromDays(Days(30), rates)).Fit!;
        var removed = rates[7];
        rates[7] = -1;

        var fit = DeclineFitter.Fit(ProductionSeries.FromDays(Days(30), rates)).Fit;

        Assert.NotNull(fit);
        Assert.Equal(1, fit.NegativePeriods);
        Assert.Equal(clean.HistoryCumulative - removed - 1, fit.HistoryCumulative, 1e-9);
        Assert.Contains(fit.Warnings, w => w.Contains("negative rate", StringComparison.Ordinal));
        Assert.Equal(0, clean.NegativePeriods);
        Assert.Empty(clean.Warnings);
    }

    [Fact]
    public void Fit_NegativeDaysOn_CannotFitWithTheRow()
    {
        var daysOn = Enumerable.Repeat(1.0, 30).ToArray();
        daysOn[7] = -1;

        var result = DeclineFitter.Fit(ProductionSeries.FromDays(Days(30), Hyperbolic(30), daysOn));

        Assert.Equal(CannotFitReason.NegativeValue, result.Reason);
        Assert.Equal(7, result.Row);
        Assert.Contains("period 7", result.Message);
    }

    [Fact]
    public void Fit_HyperbolicAtItsBound_Warns()
    {
        var t = Enumerable.Range(0, 48).Select(i => 30.4 * i).ToArray();
        var steep = t.Select(x => new ArpsModel(1000, 0.01, 3).Rate(x + 15)).ToArray();
        var transient = t.Select(x => new ArpsModel(1000, 0.01, 1.4).Rate(x + 15)).ToArray();
        var boundary = t.Select(x => new ArpsModel(1000, 0.01, 0.6).Rate(x + 15)).ToArray();
        var options = FitOptions.Default with { Model = ModelSelection.Hyperbolic };

        var atBound = DeclineFitter.Fit(ProductionSeries.FromDays(t, steep, periodDays: 30.4), options).Fit!;
        var aboveOne = DeclineFitter.Fit(ProductionSeries.FromDays(t, transient, periodDays: 30.4), options).Fit!;
        var belowOne = DeclineFitter.Fit(ProductionSeries.FromDays(t, boundary, periodDays: 30.4), options).Fit!;

        Assert.Equal(2, atBound.B!.Value, 1e-6);
        Assert.Contains(atBound.Warnings, w => w.Contains("at its bound", StringComparison.Ordinal));
        Assert.Equal(1.4, aboveOne.B!.Value, 1e-3);
        Assert.Contains(aboveOne.Warnings, w => w.Contains("> 1", StringComparison.Ordinal));
        Assert.Empty(belowOne.Warnings);
    }

    [Fact]
    public void Fit_DuplicateTime_CannotFitWithTheRow()
    {
        var days = Days(30);
        days[10] = days[9];

        var result = DeclineFitter.Fit(ProductionSeries.FromDays(days, Hyperbolic(30)));

        Assert.Equal(CannotFitReason.UnsortedOrDuplicateTimes, result.Reason);
        Assert.Equal(10, result.Row);
        Assert.Contains("duplicates", result.Message);
    }

    [Fact]
    public void Fit_UnsortedDates_CannotFit()
    {
        var dates = Enumerable.Range(0, 30).Select(i => new DateOnly(2020, 1, 1).AddMonths(i)).ToArray();
        (dates[3], dates[4]) = (dates[4], dates[3]);

        var result = DeclineFitter.Fit(ProductionSeries.FromDates(dates, Hyperbolic(30)));

        Assert.Equal(CannotFitReason.UnsortedOrDuplicateTimes, result.Reason);
        Assert.Equal(4, result.Row);
    }

    [Fact]
    public void Fit_MismatchedLengths_CannotFitInvalidInput()
    {
        var result = DeclineFitter.Fit(ProductionSeries.FromDays(Days(5), Hyperbolic(6)));

        Assert.Equal(CannotFitReason.InvalidInput, result.Reason);
        Assert.Contains("5 times but 6 rates", result.Message);
    }

    [Fact]
    public void Fit_RisingRate_CannotFitNoDecline()
    {
        var rates = Enumerable.Range(0, 40).Select(i => 100.0 + i + (i % 2)).ToArray();

        var result = DeclineFitter.Fit(ProductionSeries.FromDays(Days(40), rates), FitOptions.Default with { StartAtPeak = false });

        Assert.Equal(CannotFitReason.NoDecline, result.Reason);
    }

    [Fact]
    public void Fit_BadOptions_CannotFitInvalidInput()
    {
        var result = DeclineFitter.Fit(ProductionSeries.FromDays(Days(30), Hyperbolic(30)), FitOptions.Default with { MaxB = -1 });

        Assert.Equal(CannotFitReason.InvalidInput, result.Reason);
    }

    [Fact]
    public void Fit_BuildUpBeforePeak_StartsAtThePeak()
    {
        var rates = new[] { 100.0, 300, 600 }.Concat(Hyperbolic(60).Select(q => q * 2)).ToArray();

        var fit = DeclineFitter.Fit(ProductionSeries.FromDays(Days(rates.Length), rates),
            FitOptions.Default with { Model = ModelSelection.Hyperbolic }).Fit!;

        Assert.Equal(3, fit.StartDay);
        Assert.Equal(2000, fit.Qi, 1e-6);
        Assert.Equal(0.8, fit.B!.Value, 1e-6);
    }

    [Fact]
    public void Fit_ShutInAndZeroPeriods_AreIgnored()
    {
        var rates = Hyperbolic(60);
        var daysOn = Enumerable.Repeat(1.0, 60).ToArray();
        foreach (var i in new[] { 5, 20, 21, 22, 40 })
        {
            rates[i] = 0;
            daysOn[i] = 0;
        }

        rates[30] *= 0.5; // half a day on: the producing-day rate is unchanged
        daysOn[30] = 0.5;

        var fit = DeclineFitter.Fit(ProductionSeries.FromDays(Days(60), rates, daysOn),
            FitOptions.Default with { Model = ModelSelection.Hyperbolic }).Fit!;

        Assert.Equal(55, fit.Quality.PointsUsed);
        Assert.Equal(1000, fit.Qi, 1e-6);
        Assert.Equal(0.003 * 365.25, fit.DiNominalPerYear!.Value, 1e-6);
    }

    [Fact]
    public void Fit_Workover_ReportsTwoSegmentsAndFitsTheLast()
    {
        var first = Hyperbolic(200, 1000, 0.01, 0.5);
        var second = Hyperbolic(150, 800, 0.004, 1.2);
        var rates = first.Concat(second).ToArray();

        var fit = DeclineFitter.Fit(ProductionSeries.FromDays(Days(rates.Length), rates),
            FitOptions.Default with { Model = ModelSelection.Hyperbolic }).Fit!;

        Assert.Equal(2, fit.Segments.Count);
        Assert.Equal(1, fit.FittedSegment);
        Assert.Equal(200, fit.StartDay);
        Assert.Equal(800, fit.Qi, 1e-6);
        Assert.Equal(1.2, fit.B!.Value, 1e-6);
    }

    [Fact]
    public void Fit_Outliers_DoNotMoveTheRobustFit()
    {
        var rates = Hyperbolic(120);
        foreach (var i in new[] { 10, 50, 51, 90 })
        {
            rates[i] *= 4;
        }

        var options = FitOptions.Default with { Model = ModelSelection.Hyperbolic };
        var series = ProductionSeries.FromDays(Days(120), rates);

        var fit = DeclineFitter.Fit(series, options).Fit!;
        var leastSquares = DeclineFitter.Fit(series, options with { RobustIterations = 0 }).Fit!;

        Assert.Equal(1000, fit.Qi, 1000 * 0.01);
        Assert.Equal(0.8, fit.B!.Value, 0.05);
        Assert.True(Math.Abs(leastSquares.B!.Value - 0.8) > 4 * Math.Abs(fit.B!.Value - 0.8));
    }

    [Fact]
    public void Fit_Auto_ChoosesExponentialForExponentialData()
    {
        var noise = new Random(3);
        var rates = Enumerable.Range(0, 120).Select(i => 500 * Math.Exp(-0.002 * (i + 0.5)) * Math.Exp(0.05 * (noise.NextDouble() - 0.5))).ToArray();

        var fit = DeclineFitter.Fit(ProductionSeries.FromDays(Days(120), rates), FitOptions.Default with { Model = ModelSelection.Arps }).Fit!;

        Assert.Equal(DeclineModelKind.Exponential, fit.Kind);
    }

    [Fact]
    public void Fit_Auto_PrefersAHyperbolicFamilyModelForHyperbolicData()
    {
        var well = SyntheticWellGenerator.Generate(3, new SyntheticWellOptions { BMin = 0.6 });

        var fit = DeclineFitter.Fit(well.Series).Fit!;

        Assert.Contains(fit.Kind, new[] { DeclineModelKind.Hyperbolic, DeclineModelKind.ModifiedHyperbolic });
        Assert.True(fit.Quality.RSquared > 0.9);
        Assert.True(fit.Quality.Bic < fit.Quality.Aic + (3 * Math.Log(fit.Quality.PointsUsed)));
    }

    [Theory]
    [InlineData(ModelSelection.Duong)]
    [InlineData(ModelSelection.StretchedExponential)]
    [InlineData(ModelSelection.ModifiedHyperbolic)]
    [InlineData(ModelSelection.Harmonic)]
    public void Fit_NoiseFreeDataOfEachModel_RecoversTheCurve(ModelSelection selection)
    {
        IDeclineModel truth = selection switch
        {
            ModelSelection.Duong => new DuongModel(800, 0.5, 1.2),
            ModelSelection.StretchedExponential => new StretchedExponentialModel(800, 150, 0.45),
            ModelSelection.ModifiedHyperbolic => new ModifiedHyperbolicModel(800, 3 / 365.25, 1.3, DeclineConversions.TerminalDeclinePerDay(0.06)),
            _ => new ArpsModel(800, 0.004, 1),
        };
        var start = Enumerable.Range(0, 2000).Select(i => (double)i).ToArray();
        var rates = start.Select(t => truth.Rate(t + 0.5)).ToArray();

        var fit = DeclineFitter.Fit(ProductionSeries.FromDays(start, rates), FitOptions.Default with { Model = selection }).Fit!;

        Assert.True(fit.Quality.Converged);
        foreach (var t in new[] { 0.0, 100, 1000, 5000 })
        {
            Assert.Equal(truth.Rate(t), fit.Model.Rate(t), 1e-6 * truth.Rate(t));
        }
    }

    [Theory]
    [InlineData(1003)] // SIMD lanes plus a scalar tail
    [InlineData(7)]
    public void Fit_ModifiedHyperbolicSwitchingInsideTheData_RecoversTheCurve(int points)
    {
        var dlim = DeclineConversions.TerminalDeclinePerDay(0.3);
        var truth = new ModifiedHyperbolicModel(800, 3 / 365.25, 1.3, points > 100 ? dlim : DeclineConversions.TerminalDeclinePerDay(0.945));
        var step = points > 100 ? 2.0 : 1.0;
        var start = Enumerable.Range(0, points).Select(i => i * step).ToArray();
        var rates = start.Select(t => truth.Rate(t + 0.5)).ToArray();
        var options = FitOptions.Default with
        {
            Model = ModelSelection.ModifiedHyperbolic,
            DminEffectivePerYear = points > 100 ? 0.3 : 0.945,
        };

        var fit = DeclineFitter.Fit(ProductionSeries.FromDays(start, rates), options).Fit!;

        Assert.True(truth.SwitchTime < start[^1]);
        Assert.Equal(800, fit.Qi, 800 * 1e-6);
        Assert.Equal(1.3, fit.B!.Value, 1e-6);
        Assert.Equal(truth.SwitchTime, fit.SwitchDay!.Value, 1e-6 * truth.SwitchTime);
    }

    [Fact]
    public void Fit_MonthlyDates_UsesProducingDayRatesAndMidMonthTimes()
    {
        var well = SyntheticWellGenerator.Generate(0, new SyntheticWellOptions().NoiseFree() with { PartialUptimeProbability = 0.3 });

        var fit = DeclineFitter.Fit(well.Series, FitOptions.Default with { Model = ModelSelection.Hyperbolic }).Fit!;

        Assert.Equal(new DateOnly(2015, 1, 1), fit.StartDate);
        Assert.Equal(well.Qi, fit.Qi, 1e-6 * well.Qi);
        Assert.Equal(well.Rates.Zip(well.Dates, (r, d) => r * DateTime.DaysInMonth(d.Year, d.Month)).Sum(), fit.HistoryCumulative, 1e-6);
    }

    [Fact]
    public void Fit_InParallel_GivesTheSameResultsAsSequential()
    {
        var wells = SyntheticWellGenerator.GenerateMany(64, new SyntheticWellOptions()).ToArray();
        var sequential = wells.Select(w => DeclineFitter.Fit(w.Series).Fit!.Qi).ToArray();
        var parallel = new double[wells.Length];

        Parallel.For(0, wells.Length, i => parallel[i] = DeclineFitter.Fit(wells[i].Series).Fit!.Qi);

        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Fit_RandomGarbage_NeverThrows()
    {
        var random = new Random(2024);
        double[] specials = [double.NaN, 0, -1, 1e-300, 1e300, double.PositiveInfinity, double.NegativeInfinity, 5];
        for (var trial = 0; trial < 2000; trial++)
        {
            var n = random.Next(0, 40);
            var start = new double[n];
            var rates = new double[n];
            var daysOn = new double[n];
            var t = 0.0;
            for (var i = 0; i < n; i++)
            {
                t += random.Next(10) == 0 ? random.Next(-2, 2) : random.NextDouble() * 40;
                start[i] = random.Next(50) == 0 ? double.NaN : t;
                rates[i] = random.Next(4) == 0 ? specials[random.Next(specials.Length)] : 1000 * random.NextDouble();
                daysOn[i] = random.Next(6) == 0 ? specials[random.Next(specials.Length)] : random.NextDouble();
            }

            var options = FitOptions.Default with { Model = (ModelSelection)random.Next(8), MinPoints = 3 };
            var result = DeclineFitter.Fit(ProductionSeries.FromDays(start, rates, random.Next(2) == 0 ? daysOn : null), options);

            Assert.True(result.Succeeded || result.Reason is not null);
            if (result.Fit is { } fit)
            {
                Assert.True(double.IsFinite(fit.Qi));
                _ = fit.Forecast(ForecastOptions.Default with { Periods = 3, BootstrapSamples = 5 });
            }
        }
    }
}
