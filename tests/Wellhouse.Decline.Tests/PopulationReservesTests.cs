namespace Wellhouse.Decline.Tests;

/// <summary>
/// A population forecast's remaining volume to the economic limit or the time cap (<see cref="PopulationReserves"/>):
/// by hand on a forecast whose tail has a closed form, and on the North Dakota Bakken wells (../shared, read at run
/// time through SharedData; skipped where absent, failed in CI).
/// </summary>
public sealed class PopulationReservesTests(ITestOutputHelper output)
{
    private const double Limit = 0.01;

    [Fact]
    public void Of_AnExponentialForecast_AddsTheExponentialTailToTheLimit()
    {
        // 12 months at 1 kbd producing-day rate declining 50 %/year nominal, uptime 0.8, b = 0: the tail is exponential
        // at the same decline (above Dlim) from the last month's rate until it reaches the limit.
        const double perDay = 0.5 / 365.25;
        const double uptime = 0.8;
        var start = new DateOnly(2020, 1, 1);
        var months = new List<PopulationForecastMonth>();
        var cum = 0.0;
        for (var h = 0; h < 12; h++)
        {
            var month = start.AddMonths(h);
            var days = DateTime.DaysInMonth(month.Year, month.Month);
            var volume = Math.Exp(-perDay * (month.DayNumber - start.DayNumber)) * days * uptime;
            cum += volume;
            months.Add(new PopulationForecastMonth(month, 1.2 * volume, volume, 0.8 * volume, 1.2 * cum, cum, 0.8 * cum));
        }

        var forecast = new WellPopulationForecast("w", null, "25+", 40, months) { Tail = new PopulationTail(uptime, 0) };
        var reserves = PopulationReserves.Of(forecast, Limit, 30, 0.08)!;

        var last = months[^1];
        var lastRate = last.VolumeP50 / 31 / uptime;
        // The decline measured from the monthly rates (calendar-day volumes / days) between month 1 and 12.
        var measured = Math.Log((months[0].VolumeP50 / 31) / (last.VolumeP50 / 31)) / (last.Month.DayNumber - start.DayNumber);
        var toLimit = Math.Log(lastRate / Limit) / measured;
        var tail = lastRate / measured * (1 - (Limit / lastRate)) * uptime;
        Assert.Equal(perDay, measured, 1e-12);
        Assert.Equal(cum + tail, reserves.P50, 1e-9 * reserves.P50);
        Assert.Equal(tail, reserves.TailP50, 1e-9 * tail);
        Assert.Equal("economic_limit", reserves.LimitedBy);
        Assert.Equal(new DateOnly(2021, 1, 1).AddDays((int)Math.Round(toLimit)), reserves.EndDate);
        Assert.True(reserves.P90 < reserves.P50 && reserves.P50 < reserves.P10);

        // A cap inside the tail stops it there; a cap inside the months stops at that month; a limit above the first
        // month's rate leaves nothing.
        var capped = PopulationReserves.Of(forecast, Limit, 6.5, 0.08)!;
        Assert.Equal(("time_cap", start.AddDays(2374)), (capped.LimitedBy, capped.EndDate));
        Assert.True(capped.P50 < reserves.P50 && capped.P50 > cum);
        var early = PopulationReserves.Of(forecast, Limit, 0.25, 0.08)!;
        Assert.Equal(("time_cap", new DateOnly(2020, 4, 1)), (early.LimitedBy, early.EndDate));
        Assert.Equal(months.Where(m => m.Month < early.EndDate).Sum(m => m.VolumeP50), early.P50, 1e-12);
        var none = PopulationReserves.Of(forecast, 2, 30, 0.08)!;
        Assert.Equal((0.0, "economic_limit", start), (none.P50, none.LimitedBy, none.EndDate));
    }

    [Fact]
    public void Of_BakkenForecasts_RunPastTheHorizonToTheLimitOrTheCap()
    {
        var wells = PopulationHindcastTests.NorthDakotaOil();
        var asOf = new DateOnly(2016, 1, 1);
        var forecasts = new PopulationForecaster(wells, PopulationForecastOptions.Default with { Months = 120 }).Forecast(asOf)
            .Where(f => f.Reason is null).ToArray();
        int pastHorizon = 0, byCap = 0;
        foreach (var f in forecasts)
        {
            var r = PopulationReserves.Of(f, Limit, 30, 0.08)!;
            Assert.True(r.P90 <= r.P50 && r.P50 <= r.P10, $"{f.Id}: {r}");
            var horizonEnd = f.Months[^1].Month.AddMonths(1);
            if (r.EndDate > horizonEnd)
            {
                pastHorizon++;
                Assert.Equal(f.Months[^1].CumP50 + r.TailP50, r.P50, 1e-9 * r.P50);
                Assert.True(r.TailP50 > 0);
            }

            if (r.LimitedBy == "time_cap")
            {
                byCap++;
                Assert.Equal(asOf.AddDays(10958), r.EndDate);
            }

            // A higher limit or an earlier cap never leaves more; the low estimate reaches the limit no later.
            Assert.True(PopulationReserves.Of(f, 2 * Limit, 30, 0.08)!.P50 <= r.P50);
            Assert.True(PopulationReserves.Of(f, Limit, 5, 0.08)!.P50 <= r.P50);
        }

        output.WriteLine($"{forecasts.Length} wells forecast at {asOf}; EUR past the 120-month horizon: {pastHorizon}; at the 30-year cap: {byCap}");
        Assert.True(forecasts.Length > 350);
        Assert.True(pastHorizon > forecasts.Length / 4, $"{pastHorizon} of {forecasts.Length}");
    }
    [Fact]
    public void Remaining_BakkenHeldOutFourToSixYears_ClosesToTheActualVolumeBetterThanThePerWellFit()
    {
        // The data end in 2018-07: forecast 120 months from three as-of dates and take the remaining volume to the end
        // of the data (the time cap there, no economic limit), against what the wells produced, beside the per-well
        // fit's (the warehouse's: model by BIC, Dmin 8 %, full uptime) volume over the same months. Measured
        // 2026-12-07: population median APE 31.1 / 24.5 / 17.7 %, P10-P90 coverage 61 / 59 / 82 %; per-well fit 41.4 /
        // 34.3 / 23.0 % (both under-forecast the Bakken's long tail; the band, learned on 24 months and kept at its
        // relative width after, is too narrow at 5-6 years).
        var wells = PopulationHindcastTests.NorthDakotaOil();
        var end = new DateOnly(2018, 8, 1);
        foreach (var asOf in new[] { new DateOnly(2012, 7, 1), new DateOnly(2013, 7, 1), new DateOnly(2014, 7, 1) })
        {
            var years = (end.DayNumber - asOf.DayNumber) / DeclineConversions.DaysPerYear;
            var forecasts = new PopulationForecaster(wells, PopulationForecastOptions.Default with { Months = 120 }).Forecast(asOf)
                .Where(f => f.Reason is null).ToDictionary(f => f.Id);
            var population = new List<(double Error, bool Inside)>();
            var perWell = new List<double>();
            foreach (var well in wells.Where(w => forecasts.ContainsKey(w.Id)))
            {
                var actual = Enumerable.Range(MonthIndex.Of(asOf), MonthIndex.Of(end) - MonthIndex.Of(asOf)).Sum(well.Volume);
                if (!(actual > 0))
                {
                    continue;
                }

                var reserves = PopulationReserves.Of(forecasts[well.Id], 0, years, 0.08)!;
                Assert.Equal("time_cap", reserves.LimitedBy);
                population.Add((Math.Abs(reserves.P50 - actual) / actual, actual >= reserves.P90 && actual <= reserves.P10));
                if (PerWellVolume(well, asOf, end) is { } volume)
                {
                    perWell.Add(Math.Abs(volume - actual) / actual);
                }
            }

            var (populationApe, perWellApe) = (Median(population.Select(p => p.Error)), Median(perWell));
            var coverage = population.Count(p => p.Inside) / (double)population.Count;
            output.WriteLine($"{asOf}: population n={population.Count} APE {populationApe:P1}, coverage {coverage:P1}; per-well n={perWell.Count} APE {perWellApe:P1}");
            Assert.True(population.Count > 100 && perWell.Count > 80);
            Assert.True(populationApe < perWellApe, $"{asOf}: population {populationApe:P1}, per-well {perWellApe:P1}");
            Assert.InRange(coverage, 0.5, 0.9);
        }
    }

    private static double? PerWellVolume(MonthlyHistory well, DateOnly asOf, DateOnly end)
    {
        var n = MonthIndex.Of(asOf) - well.FirstMonth;
        if (n < 6)
        {
            return null;
        }

        var months = Enumerable.Range(well.FirstMonth, n).ToArray();
        var series = ProductionSeries.FromDates(
            [.. months.Select(MonthIndex.Date)], [.. months.Select(m => well.Volume(m) / MonthIndex.Days(m))], [.. months.Select(well.ProducingDays)],
            SeriesFrequency.Monthly);
        if (DeclineFitter.Fit(series, FitOptions.Default with { DminEffectivePerYear = 0.08 }).Fit is not { } fit)
        {
            return null;
        }

        var origin = MonthIndex.Date(well.FirstMonth).DayNumber + fit.StartDay;
        return fit.Model.Cumulative(end.DayNumber - origin) - fit.Model.Cumulative(asOf.DayNumber - origin);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
