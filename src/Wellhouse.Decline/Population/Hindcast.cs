namespace Wellhouse.Decline;

/// <summary>One hindcast forecast: a well at an as-of date, a model, a horizon, what it said and what happened.</summary>
/// <param name="AsOf">The as-of date (first of a month).</param>
/// <param name="Id">The well.</param>
/// <param name="Cohort">The well's age cohort at the as-of date.</param>
/// <param name="AgeMonths">Months from its first production to the as-of date.</param>
/// <param name="Model">population (type curve + own fit, calibrated band) or per-well-arps (own fit, bootstrap band).</param>
/// <param name="Horizon">Months after the as-of date.</param>
/// <param name="Actual">The volume produced in those months.</param>
/// <param name="P10">High estimate of that volume.</param>
/// <param name="P50">Median estimate.</param>
/// <param name="P90">Low estimate.</param>
public sealed record HindcastForecast(
    DateOnly AsOf, string Id, string Cohort, int AgeMonths, string Model, int Horizon, double Actual, double P10, double P50, double P90)
{
    /// <summary>|P50 - actual| / actual.</summary>
    public double AbsolutePercentError => Math.Abs(P50 - Actual) / Actual;

    /// <summary>True when the actual lies in [P90, P10].</summary>
    public bool Covered => Actual >= P90 && Actual <= P10;

    /// <summary>The population model's method for the well's cohort at that date (blend, flat, own-fit; <see
    /// cref="PopulationForecaster.MethodName"/>); null for the per-well fit.</summary>
    public string? Method { get; init; }
}

/// <summary>The figures of one model, cohort and horizon over all as-of dates.</summary>
/// <param name="Model">The model.</param>
/// <param name="Cohort">The age cohort.</param>
/// <param name="Horizon">Months after the as-of date.</param>
/// <param name="Forecasts">Forecasts compared.</param>
/// <param name="MedianApe">Median absolute percent error of the P50 volume (0.2 = 20 %).</param>
/// <param name="MedianBias">Median of (P50 - actual) / actual: above 0 over-forecasts.</param>
/// <param name="Coverage">Fraction of actuals inside [P90, P10] (0.8 for a calibrated 80 % band).</param>
public sealed record HindcastSummary(string Model, string Cohort, int Horizon, int Forecasts, double MedianApe, double MedianBias, double Coverage);

/// <summary>
/// As-of hindcasts: for each as-of date, forecast every well from the data before it (the population method and a
/// per-well Arps fit), and compare the volume of the next months with what the well produced. The wells compared at
/// an as-of date are those the population method learns from there (all wells with history before it, or its
/// deterministic sample of <see cref="PopulationForecastOptions.SampleWells"/>); a well counts when the data run
/// through the horizon (the population's last month) and it produced in that time.
/// </summary>
public static class Hindcast
{
    /// <summary>The model names of the rows.</summary>
    public const string PopulationModel = "population";

    /// <summary>The per-well fit's name.</summary>
    public const string PerWellModel = "per-well-arps";

    /// <summary>Runs the hindcast; the forecast horizon of <paramref name="options"/> must cover the largest horizon.</summary>
    public static IReadOnlyList<HindcastForecast> Run(
        IReadOnlyList<MonthlyHistory> population, IReadOnlyList<DateOnly> asOfDates, IReadOnlyList<int> horizons,
        PopulationForecastOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(asOfDates);
        ArgumentNullException.ThrowIfNull(horizons);
        options ??= PopulationForecastOptions.Default;
        var longest = horizons.Max();
        if (longest > options.Months)
        {
            throw new ArgumentException($"horizon {longest} exceeds the forecast's {options.Months} months", nameof(horizons));
        }

        // Every horizon compared is learned from the past (not extended from the last learned one).
        return Run(new PopulationForecaster(population, options with { LearnedMonths = Math.Max(options.LearnedMonths, longest) }),
            asOfDates, horizons);
    }

    /// <summary>Runs the hindcast with <paramref name="forecaster"/> (its population and options; it may already hold
    /// the fits and calibrations of an earlier forecast of the same population): every horizon must be one it learns
    /// from the past.</summary>
    internal static IReadOnlyList<HindcastForecast> Run(
        PopulationForecaster forecaster, IReadOnlyList<DateOnly> asOfDates, IReadOnlyList<int> horizons)
    {
        var longest = horizons.Max();
        if (longest > forecaster.LearnedMonths)
        {
            throw new ArgumentException($"horizon {longest} exceeds the {forecaster.LearnedMonths} months the forecaster learns", nameof(horizons));
        }

        var population = forecaster.Population;
        var dataEnd = population.Max(h => h.LastMonth);
        var rows = new List<HindcastForecast>();
        foreach (var asOf in asOfDates)
        {
            var anchor = MonthIndex.Of(asOf);
            if (anchor + longest - 1 > dataEnd)
            {
                continue;
            }

            var forecasts = forecaster.ForecastSample(asOf);
            var perWell = new List<HindcastForecast>[forecasts.Count];
            Parallel.For(0, forecasts.Count, k =>
            {
                var (well, forecast) = forecasts[k];
                perWell[k] = Compare(forecaster, population[well], well, forecast, anchor, horizons, forecaster.Options);
            });
            rows.AddRange(perWell.SelectMany(r => r));
        }

        return rows;
    }

    /// <summary>
    /// As-of dates counted back from a forecast's as-of month: every 6 months back from <paramref name="longest"/>
    /// months before <paramref name="asOfMonth"/> (the first month after the data; then the longest horizon's outcome is
    /// in the data) to 24 months after the population's first month, oldest first. They fall on the past dates a
    /// forecast from <paramref name="asOfMonth"/> calibrates on (every <see cref="PopulationForecastOptions.AnchorStepMonths"/>
    /// = 3 months back), so the forecaster that made that forecast has most of their work done.
    /// </summary>
    public static IReadOnlyList<DateOnly> AsOfDatesBefore(IReadOnlyList<MonthlyHistory> population, DateOnly asOfMonth, int longest)
    {
        ArgumentNullException.ThrowIfNull(population);
        var dates = new List<DateOnly>();
        if (population.Count > 0)
        {
            var start = population.Min(h => h.FirstMonth) + 24;
            for (var m = MonthIndex.Of(asOfMonth) - longest; m >= start; m -= 6)
            {
                dates.Add(MonthIndex.Date(m));
            }
        }

        dates.Reverse();
        return dates;
    }

    /// <summary>The figures per model, cohort and horizon (cohorts in order of age, then "all").</summary>
    public static IReadOnlyList<HindcastSummary> Summarize(IReadOnlyList<HindcastForecast> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var groups = rows.GroupBy(r => (r.Model, r.Cohort, r.Horizon))
            .Concat(rows.GroupBy(r => (r.Model, Cohort: "all", r.Horizon)));
        return [.. groups
            .Select(g =>
            {
                var ape = g.Select(r => r.AbsolutePercentError).Order().ToArray();
                var bias = g.Select(r => (r.P50 - r.Actual) / r.Actual).Order().ToArray();
                return new HindcastSummary(g.Key.Model, g.Key.Cohort, g.Key.Horizon, ape.Length,
                    HorizonErrorModel.Quantile(ape, 0.5), HorizonErrorModel.Quantile(bias, 0.5),
                    g.Count(r => r.Covered) / (double)ape.Length);
            })
            .OrderBy(s => s.Model, StringComparer.Ordinal)
            .ThenBy(s => s.Cohort == "all" ? int.MaxValue : CohortStart(s.Cohort))
            .ThenBy(s => s.Horizon)];
    }

    /// <summary>Per cohort (in order of age), how many of the population model's forecasts at <paramref name="horizon"/>
    /// each method made: the method every cohort chose at each as-of date, by its own past forecasts.</summary>
    public static IReadOnlyList<(string Cohort, IReadOnlyList<(string Method, int Forecasts)> Methods)> MethodsChosen(
        IReadOnlyList<HindcastForecast> rows, int horizon)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return [.. rows.Where(r => r.Model == PopulationModel && r.Horizon == horizon)
            .GroupBy(r => r.Cohort)
            .OrderBy(g => CohortStart(g.Key))
            .Select(g => (g.Key, (IReadOnlyList<(string, int)>)[.. g.GroupBy(r => r.Method ?? "")
                .OrderByDescending(m => m.Count()).ThenBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => (m.Key, m.Count()))]))];
    }

    private static int CohortStart(string cohort) =>
        int.TryParse(cohort.TrimStart('<').Split('-', '+')[0], out var start) ? start : 0;

    private static List<HindcastForecast> Compare(
        PopulationForecaster forecaster, MonthlyHistory history, int well, WellPopulationForecast forecast, int anchor,
        IReadOnlyList<int> horizons, PopulationForecastOptions options)
    {
        var rows = new List<HindcastForecast>();
        if (forecast.Reason is not null)
        {
            return rows;
        }

        var asOf = MonthIndex.Date(anchor);
        var state = forecaster.State(well, anchor);
        var perWell = PerWellBand(history, state, anchor, horizons.Max(), options);
        foreach (var h in horizons)
        {
            var actual = 0.0;
            for (var m = anchor; m < anchor + h; m++)
            {
                actual += history.Volume(m);
            }

            if (!(actual > 0))
            {
                continue;
            }

            var month = forecast.Months[h - 1];
            rows.Add(new HindcastForecast(asOf, history.Id, forecast.Cohort, forecast.AgeMonths, PopulationModel, h, actual,
                month.CumP10, month.CumP50, month.CumP90)
            { Method = forecast.Method });
            if (perWell is not null)
            {
                rows.Add(new HindcastForecast(asOf, history.Id, forecast.Cohort, forecast.AgeMonths, PerWellModel, h, actual,
                    perWell[h - 1].P10, perWell[h - 1].P50, perWell[h - 1].P90));
            }
        }

        return rows;
    }

    /// <summary>The per-well Arps fit's cumulative P10/P50/P90 at full uptime (the residual bootstrap of
    /// <see cref="DeclineFit.Forecast"/>), or null when the history cannot be fit.</summary>
    private static (double P10, double P50, double P90)[]? PerWellBand(
        MonthlyHistory history, AnchorState state, int anchor, int months, PopulationForecastOptions options)
    {
        var n = anchor - state.FirstProducing;
        if (n < 1)
        {
            return null;
        }

        var dates = new DateOnly[n];
        var rates = new double[n];
        var daysOn = new double[n];
        for (var i = 0; i < n; i++)
        {
            var m = state.FirstProducing + i;
            dates[i] = MonthIndex.Date(m);
            rates[i] = history.Volume(m) / MonthIndex.Days(m);
            daysOn[i] = history.ProducingDays(m);
        }

        if (DeclineFitter.Fit(ProductionSeries.FromDates(dates, rates, daysOn, SeriesFrequency.Monthly), options.Fit).Fit is not { } fit)
        {
            return null;
        }

        var points = fit.Forecast(ForecastOptions.Default with { Periods = months, BootstrapSamples = 50 }).Points;
        if (points.Count < months)
        {
            return null;
        }

        var band = new (double, double, double)[months];
        double c10 = 0, c50 = 0, c90 = 0;
        for (var h = 0; h < months; h++)
        {
            var p = points[h];
            c10 += Math.Max(p.RateP10, 0) * p.Days;
            c50 += Math.Max(p.Volume, 0);
            c90 += Math.Max(p.RateP90, 0) * p.Days;
            band[h] = (c10, c50, c90);
        }

        return band;
    }
}
