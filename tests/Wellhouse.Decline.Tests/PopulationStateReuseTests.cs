namespace Wellhouse.Decline.Tests;

/// <summary>
/// The population forecast reusing what an earlier build computed (<see cref="PopulationCache"/>): the forecast is
/// the same as one computed from nothing, and only what a changed history reaches is computed again.
/// </summary>
public sealed class PopulationStateReuseTests
{
    private static readonly DateOnly AsOf = new(2024, 7, 1);

    private static readonly PopulationForecastOptions Options = PopulationForecastOptions.Default with { Months = 36, SampleWells = 60 };

    /// <summary>90 wells starting over six years, hyperbolic declines with noise and downtime (deterministic).</summary>
    private static MonthlyHistory[] Population(Func<int, int, int, double>? change = null)
    {
        var random = new Random(7);
        return [.. Enumerable.Range(0, 90).Select(well =>
        {
            var first = new DateOnly(2018, 1, 1).AddMonths(well * 70 / 90);
            var months = ((AsOf.Year - first.Year) * 12) + AsOf.Month - first.Month;
            var qi = 2 + (well % 7);
            var di = 0.05 + (0.01 * (well % 5));
            var volumes = new double[months];
            var days = new double[months];
            for (var m = 0; m < months; m++)
            {
                var rate = qi * Math.Pow(1 + (0.8 * di * m), -1 / 0.8) * (1 + (0.1 * (random.NextDouble() - 0.5)));
                days[m] = random.NextDouble() < 0.1 ? 15 : 30;
                volumes[m] = (change?.Invoke(well, m, months) ?? 1) * rate * days[m];
            }

            return new MonthlyHistory($"W{well}", first, volumes, days);
        })];
    }

    private static void AssertSame(IReadOnlyList<WellPopulationForecast> expected, IReadOnlyList<WellPopulationForecast> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Id, actual[i].Id);
            Assert.Equal(expected[i].Reason, actual[i].Reason);
            Assert.Equal(expected[i].Cohort, actual[i].Cohort);
            Assert.Equal(expected[i].Months, actual[i].Months);
            Assert.Equal(expected[i].Tail, actual[i].Tail);
        }
    }

    private static PopulationCache Reloaded(PopulationCache used)
    {
        var cache = new PopulationCache();
        foreach (var (key, state) in used.Used)
        {
            cache.Add(key, state);
        }

        return cache;
    }

    /// <summary>An as-of date inside a month reads the months before it and forecasts from the next month: the
    /// forecast from the month's first day, one month longer, its first month left out (volumes as they are, the P50's
    /// cumulative less its first month); what the wells report inside the month (their histories one month longer)
    /// changes nothing, and no state of the month's own is fitted again from a cache of the first forecast.</summary>
    [Fact]
    public void Forecast_AsOfInsideAMonth_IsTheForecastFromTheMonthsFirstDayWithoutItsFirstMonth()
    {
        var wells = Population();
        var inside = AsOf.AddDays(11);
        var fromFirst = new PopulationForecaster(wells, Options with { Months = Options.Months + 1 }).Forecast(AsOf);
        var cache = new PopulationCache();
        var mid = new PopulationForecaster(wells, Options, cache).Forecast(inside);
        // The same wells with 11 days of the as-of month reported (a month more of history, partly produced).
        var longer = wells.Select(w => new MonthlyHistory(w.Id, MonthIndex.Date(w.FirstMonth), [.. w.Volumes, 11 * w.Volumes[^1] / 30], [.. w.DaysOn, 11])).ToArray();
        var reloaded = Reloaded(cache);
        var later = new PopulationForecaster(longer, Options, reloaded).Forecast(inside.AddDays(1));

        Assert.Contains(mid, f => f.Reason is null);
        AssertSame(mid, later);
        Assert.Equal(0, reloaded.StateMisses + reloaded.TypeCurveMisses + reloaded.CalibrationMisses);
        for (var i = 0; i < mid.Count; i++)
        {
            Assert.Equal(fromFirst[i].Reason, mid[i].Reason);
            if (mid[i].Reason is not null)
            {
                continue;
            }

            Assert.Equal(Options.Months, mid[i].Months.Count);
            Assert.Equal(AsOf.AddMonths(1), mid[i].Months[0].Month);
            var skipped = fromFirst[i].Months[0];
            for (var h = 0; h < Options.Months; h++)
            {
                var (m, f) = (mid[i].Months[h], fromFirst[i].Months[h + 1]);
                Assert.Equal((f.Month, f.VolumeP10, f.VolumeP50, f.VolumeP90), (m.Month, m.VolumeP10, m.VolumeP50, m.VolumeP90));
                Assert.Equal(f.CumP50 - skipped.CumP50, m.CumP50);
                Assert.True(m.CumP90 <= m.CumP50 && m.CumP50 <= m.CumP10 && m.CumP90 >= 0);
                Assert.True(h == 0 || (m.CumP10 >= mid[i].Months[h - 1].CumP10 && m.CumP90 >= mid[i].Months[h - 1].CumP90));
            }
        }
    }

    [Fact]
    public void Forecast_FromStoredStates_IsTheForecastComputedFromNothing()
    {
        var wells = Population();
        var plain = new PopulationForecaster(wells, Options).Forecast(AsOf);
        var first = new PopulationCache();
        var computed = new PopulationForecaster(wells, Options, first).Forecast(AsOf);
        var second = Reloaded(first);

        var reused = new PopulationForecaster(wells, Options, second).Forecast(AsOf);

        Assert.Contains(plain, f => f.Reason is null);
        AssertSame(plain, computed);
        AssertSame(plain, reused);
        Assert.Equal(0, first.StateHits + first.TypeCurveHits + first.CalibrationHits);
        Assert.True(first.StateMisses > 90, $"{first.StateMisses} states");
        Assert.True(first.TypeCurveMisses > 12, $"{first.TypeCurveMisses} dates");
        Assert.True(first.CalibrationMisses > 12, $"{first.CalibrationMisses} calibrations");
        Assert.Equal(0, second.StateMisses + second.TypeCurveMisses + second.CalibrationMisses);
        Assert.Equal(first.TypeCurveMisses, second.TypeCurveHits);
        Assert.Equal(first.CalibrationMisses, second.CalibrationHits);
        // Every state the first build asked for is asked for again (learning's too, though the type curves are read),
        // so the second build stores the same ones.
        Assert.Equal(first.StateMisses + first.StateHits, second.StateHits);
        // The next build stores the same states.
        Assert.Equal(first.Used.Select(e => e.Key), second.Used.Select(e => e.Key));
        Assert.All(first.Used.Zip(second.Used), pair => Assert.Equal(pair.First.Value, pair.Second.Value));
    }

    [Fact]
    public void Forecast_AfterOneWellsLastMonthChanged_RecomputesOnlyWhatThatMonthReaches()
    {
        var first = new PopulationCache();
        _ = new PopulationForecaster(Population(), Options, first).Forecast(AsOf);
        // A new day for well 3: its last month (the one before the as-of date) grows.
        var changed = Population((well, m, months) => well == 3 && m == months - 1 ? 1.05 : 1);
        Assert.NotEqual(Population()[3].Volumes[^1], changed[3].Volumes[^1]);
        var cache = Reloaded(first);

        var reused = new PopulationForecaster(changed, Options, cache).Forecast(AsOf);

        AssertSame(new PopulationForecaster(changed, Options).Forecast(AsOf), reused);
        // Only well 3's state at the as-of date reads its last month (the past dates' states read the months before
        // them), and, where well 3 is sampled, the type curves learned at the as-of date and its first calibration.
        Assert.Equal(1, cache.StateMisses);
        Assert.InRange(cache.TypeCurveMisses, 0, 1);
        Assert.InRange(cache.CalibrationMisses, 0, 1);
        Assert.Equal(first.TypeCurveMisses, cache.TypeCurveHits + cache.TypeCurveMisses);
        Assert.Equal(first.CalibrationMisses, cache.CalibrationHits + cache.CalibrationMisses);
    }
}
