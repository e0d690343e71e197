using Wellhouse.Decline;
using Wellhouse.Warehouse;

namespace Wellhouse.Serving;

/// <summary>
/// The views the warehouse computes per well when read, computed from the stored inputs with the views' arithmetic
/// (warehouse/models): mart_production_daily (stg_well_production beside int_wells), int_declining_curves (the fit of
/// int_decline_fits evaluated at the middle of each period, its P10/P90 band and forecast months) and
/// int_moving_averages (trailing windows over the well's rows). Each returns null when the store does not compute the
/// view (its shape was not the expected one at build), so the caller asks SQL. Tests compare all three with the views.
/// </summary>
internal static class ServeViews
{
    /// <summary>mart_production_daily for a well: its staged rows (of one period type when asked), with int_wells' attributes.</summary>
    public static SeriesTable? Daily(ServeStore store, int wellCode, string? periodType, DateOnly? from, DateOnly? to)
    {
        if (store.Computed(ServeViewCheck.Daily) is not { } columns
            || store.Relation("stg_well_production") is not { } production || store.Relation("int_wells") is not { } wells)
        {
            return null;
        }

        var (wellStart, wellEnd) = wells.Range(wellCode);
        if (wellEnd - wellStart > 1)
        {
            return null; // a left join would repeat the rows; let SQL answer exactly that
        }

        int? wellRow = wellEnd > wellStart ? wellStart : null;
        var rows = Rows(production, wellCode, periodType, from, to);
        var table = new SeriesTable(rows.Length);
        foreach (var column in columns)
        {
            table.Add(ServeViewCheck.WellAttributes.Contains(column.Name)
                ? new ConstantColumn(wells[column.Name], wellRow)
                : new StoredColumn(production[column.Name], rows));
        }

        return table;
    }

    private static int[] Rows(ServeRelation production, int wellCode, string? periodType, DateOnly? from, DateOnly? to)
    {
        var (start, end) = production.Range(wellCode);
        var period = production["production_period"];
        var type = production["period_type"];
        var (low, high) = ServeSeries.Bounds(ServeKind.Date, from, to);
        var rows = new List<int>(end - start);
        for (var row = start; row < end; row++)
        {
            if ((periodType is null || type.String(row) == periodType) && ServeSeries.InRange(period, row, low, high))
            {
                rows.Add(row);
            }
        }

        return [.. rows];
    }

    /// <summary>
    /// mart_decline_forecast for a well and stream, months in a date range: int_decline_forecast's rows as they are, but
    /// forecast_cum_p50 made cum_p50 by adding the well's cumulative to date of the stream (the view's
    /// <c>case when stream = 'oil' then cum_oil_kbbl else cum_gas_mmcf end + forecast_cum_p50</c>, one IEEE addition).
    /// The cumulative is the view's CTE to_date, <c>sum(coalesce(oil_volume_kbbl, 0) order by month)</c> over the well's
    /// rows of mart_production_monthly: added here as the ordered sum adds, from 0, month after month (the store holds
    /// the well's months in month order), so the answer is the view's to the bit; no rows for a well without months (the
    /// view's inner join). Stored thus, a well's forecast rows do not change with its new days, so an incremental build
    /// copies them from the parent's store; the few months of a well are added when read (a scan of the sums, with the
    /// ordered aggregate, cost 1.4 CPU-s at 10 M rows, against 0.06 for the plain sum, which adds in the order the
    /// threads read the rows and gave one well's cumulative another last bit in two scans of one snapshot).
    /// </summary>
    public static SeriesTable? DeclineForecast(ServeStore store, int wellCode, string stream, DateOnly? from, DateOnly? to)
    {
        if (store.Computed(ServeViewCheck.DeclineForecast) is not { } columns
            || store.Relation(ServeRelations.DeclineForecast) is not { } forecast
            || store.Relation("mart_production_monthly") is not { } monthly)
        {
            return null;
        }

        var (monthStart, monthEnd) = monthly.Range(wellCode);
        var rows = new List<int>();
        if (monthEnd > monthStart)
        {
            var (start, end) = forecast.Range(wellCode);
            var month = forecast["month"];
            var streams = forecast["stream"];
            var streamId = streams.IdOf(stream);
            var (low, high) = ServeSeries.Bounds(ServeKind.Date, from, to);
            for (var row = start; row < end && streamId is not null; row++)
            {
                if (!streams.IsNull(row) && streams.Long(row) == streamId && ServeSeries.InRange(month, row, low, high))
                {
                    rows.Add(row);
                }
            }
        }

        var selected = rows.ToArray();
        var cumulative = new double[selected.Length];
        var nulls = new bool[selected.Length];
        forecast["forecast_cum_p50"].Numbers(selected, cumulative, nulls);
        if (selected.Length > 0)
        {
            // The stream is the one asked on every row: oil adds the oil cumulative, any other the gas one.
            var volumes = monthly[stream == "oil" ? "oil_volume_kbbl" : "gas_volume_mmcf"];
            var toDate = 0.0;
            for (var row = monthStart; row < monthEnd; row++)
            {
                toDate += volumes.IsNull(row) ? 0 : volumes.Double(row);
            }

            for (var i = 0; i < selected.Length; i++)
            {
                if (nulls[i])
                {
                    cumulative[i] = 0;
                }
                else
                {
                    cumulative[i] = toDate + cumulative[i];
                }
            }
        }

        var table = new SeriesTable(selected.Length);
        foreach (var column in columns)
        {
            table.Add(column.Name == "cum_p50" ? ValuesColumn.Doubles("cum_p50", cumulative, nulls) : new StoredColumn(forecast[column.Name], selected));
        }

        return table;
    }

    /// <summary>int_declining_curves for a well and stream (oil or gas; other streams have no rows): the history, then
    /// the forecast months, by period.</summary>
    public static SeriesTable? DeclineCurve(ServeStore store, int wellCode, string stream, DateOnly? from, DateOnly? to)
    {
        if (store.Computed(ServeViewCheck.DeclineCurves) is null || store.Relation("stg_well_production") is not { } production
            || store.Relation("int_decline_fits") is not { } fits || store.Relation(ServeRelations.DeclineForecastPoints) is not { } forecast)
        {
            return null;
        }

        var history = stream is "oil" or "gas" ? Rows(production, wellCode, null, from, to) : [];
        var fit = FitRow(fits, wellCode, stream);
        var curve = Curve(fits, fit);
        var (low, high) = ServeSeries.Bounds(ServeKind.Date, from, to);
        var (forecastStart, forecastEnd) = forecast.Range(wellCode);
        var forecastRows = new List<int>(forecastEnd - forecastStart);
        var forecastPeriod = forecast["production_period"];
        var forecastStream = forecast["stream"];
        var streamId = forecastStream.IdOf(stream);
        for (var row = forecastStart; row < forecastEnd && streamId is not null; row++)
        {
            if (!forecastStream.IsNull(row) && forecastStream.Long(row) == streamId && ServeSeries.InRange(forecastPeriod, row, low, high))
            {
                forecastRows.Add(row);
            }
        }

        var count = history.Length + forecastRows.Count;
        var periods = new long[count];
        var isForecast = new long[count];
        var actual = new double[count];
        var actualNulls = new bool[count];
        var fitted = new double[count];
        var fittedNulls = new bool[count];
        var p10 = new double[count];
        var p10Nulls = new bool[count];
        var p90 = new double[count];
        var p90Nulls = new bool[count];
        var h = history.Length;
        FittedRates(production, history, fits, fit, curve, fitted.AsSpan(0, h), fittedNulls.AsSpan(0, h));
        // The producing-day rate (a derived column: volume over producing days), a column at a time; a non-finite one is NULL.
        production[stream == "oil" ? "oil_producing_rate_kbd" : "gas_producing_rate_mmcfd"].Numbers(history, actual.AsSpan(0, h), actualNulls.AsSpan(0, h));
        var sigma = fit is { } f && !fits["log_sigma"].IsNull(f) ? fits["log_sigma"].Double(f) : (double?)null;
        // The view's rate * exp(+-z * sigma): the factors are the same on every row.
        var (up, down) = sigma is { } s ? (Math.Exp(WellDeclineFit.Z90 * s), Math.Exp(-WellDeclineFit.Z90 * s)) : (0, 0);
        var period = production["production_period"];
        for (var i = 0; i < h; i++)
        {
            periods[i] = period.Long(history[i]);
            if (!double.IsFinite(actual[i]))
            {
                actualNulls[i] = true;
            }

            if (fittedNulls[i] || sigma is null)
            {
                p10Nulls[i] = p90Nulls[i] = true;
            }
            else
            {
                p10[i] = fitted[i] * up;
                p90[i] = fitted[i] * down;
            }
        }

        var forecastSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(forecastRows);
        forecast["fitted_rate"].Numbers(forecastSpan, fitted.AsSpan(h), fittedNulls.AsSpan(h));
        forecast["rate_p10"].Numbers(forecastSpan, p10.AsSpan(h), p10Nulls.AsSpan(h));
        forecast["rate_p90"].Numbers(forecastSpan, p90.AsSpan(h), p90Nulls.AsSpan(h));
        actualNulls.AsSpan(h).Fill(true);
        for (var j = 0; j < forecastSpan.Length; j++)
        {
            periods[h + j] = forecastPeriod.Long(forecastSpan[j]);
            isForecast[h + j] = 1;
        }

        // The union ordered by period (history periods precede the forecast months; a stable sort keeps that on ties),
        // usually in that order already: the history by period, then the forecast's later months.
        if (!Ordered(periods))
        {
            var order = Enumerable.Range(0, count).OrderBy(i => periods[i]).ToArray();
            T[] Sorted<T>(T[] values) => order.Select(i => values[i]).ToArray();
            (periods, isForecast, actual, actualNulls, fitted, fittedNulls) = (Sorted(periods), Sorted(isForecast), Sorted(actual), Sorted(actualNulls), Sorted(fitted), Sorted(fittedNulls));
            (p10, p10Nulls, p90, p90Nulls) = (Sorted(p10), Sorted(p10Nulls), Sorted(p90), Sorted(p90Nulls));
        }

        var table = new SeriesTable(count)
            .Add(new LiteralColumn("well_code", production["well_code"].Kind, wellCode))
            .Add(new LiteralColumn("stream", ServeKind.String, 0, stream))
            .Add(ValuesColumn.Longs("production_period", ServeKind.Date, periods))
            .Add(ValuesColumn.Longs("is_forecast", ServeKind.Bool, isForecast))
            .Add(ValuesColumn.Doubles("actual_rate", actual, actualNulls))
            .Add(ValuesColumn.Doubles("fitted_rate", fitted, fittedNulls))
            .Add(ValuesColumn.Doubles("rate_p10", p10, p10Nulls))
            .Add(ValuesColumn.Doubles("rate_p90", p90, p90Nulls));
        foreach (var name in ServeViewCheck.DeclineCurveColumns.Skip(8))
        {
            table.Add(new ConstantColumn(fits[name], fit));
        }

        return table;
    }

    /// <summary>The P50 fitted rate of history rows: the curve at the middle of the period (days from t0 to the
    /// period's start + period_days / 2), from t0_date on; NULL (flagged in <paramref name="nulls"/>) before t0,
    /// without a fit, or for an unknown model.</summary>
    private static void FittedRates(ServeRelation production, int[] rows, ServeRelation fits, int? fit, IDeclineModel? curve,
        Span<double> rates, Span<bool> nulls)
    {
        nulls.Fill(true);
        if (fit is not { } f || curve is null || fits["t0_date"].IsNull(f))
        {
            return;
        }

        var t0 = fits["t0_date"].Long(f);
        var period = production["production_period"];
        var days = production["period_days"];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            var start = period.Long(row);
            if (start >= t0 && !days.IsNull(row))
            {
                rates[i] = curve.Rate((start - t0) + (days.Long(row) / 2.0));
                nulls[i] = false;
            }
        }
    }

    private static int? FitRow(ServeRelation fits, int wellCode, string stream)
    {
        var (start, end) = fits.Range(wellCode);
        var streams = fits["stream"];
        for (var row = start; row < end; row++)
        {
            if (streams.String(row) == stream)
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>Wellhouse.Decline's curve for the stored parameters (the macro decline_rate evaluates the same
    /// equations), or null for no fit, an unknown model or missing parameters (the macro's NULL).</summary>
    private static IDeclineModel? Curve(ServeRelation fits, int? fit)
    {
        if (fit is not { } row || fits["model"].String(row) is not { } model || Nullable(fits["qi"], row) is not { } qi)
        {
            return null;
        }

        double? P(string name) => Nullable(fits[name], row);
        try
        {
            return model switch
            {
                "exponential" or "hyperbolic" or "harmonic" when P("di_per_day") is { } di && P("b") is { } b => new ArpsModel(qi, di, b),
                "modified_hyperbolic" when P("di_per_day") is { } di && P("b") is { } b && P("dlim_per_day") is { } dlim =>
                    new ModifiedHyperbolicModel(qi, di, b, dlim),
                "duong" when P("duong_a_per_day") is { } a && P("duong_m") is { } m => new DuongModel(qi, a, m),
                "stretched_exponential" when P("tau_days") is { } tau && P("stretch_n") is { } n => new StretchedExponentialModel(qi, tau, n),
                _ => null,
            };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static double? Nullable(ServeColumn column, int row) => column.IsNull(row) ? null : column.Double(row);

    /// <summary>Whether the periods never decrease.</summary>
    private static bool Ordered(long[] periods)
    {
        for (var i = 1; i < periods.Length; i++)
        {
            if (periods[i] < periods[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The names of the windows int_moving_averages has for a well: those of its rows' period types (none for an
    /// unknown well); null when the store does not compute the view.</summary>
    public static IEnumerable<string>? WellWindows(ServeStore store, int wellCode)
    {
        if (store.Computed(ServeViewCheck.MovingAverages) is null || store.Relation("stg_well_production") is not { } production)
        {
            return null;
        }

        var type = production["period_type"];
        var types = Rows(production, wellCode, null, null, null).Select(row => type.String(row)).ToHashSet(StringComparer.Ordinal);
        return store.Footer.Windows.Where(w => types.Contains(w.PeriodType)).Select(w => w.Name);
    }

    /// <summary>int_moving_averages for a well (one window when asked): for every staged row, each window of the row's
    /// period type over the well's last N rows (of any type, as the view's frame): summed volumes (missing = 0) over
    /// summed calendar days, and the mean of the oil fit's P50 rate where it has one. Ordered by period, then window.</summary>
    public static SeriesTable? MovingAverages(ServeStore store, int wellCode, string? window, DateOnly? from, DateOnly? to)
    {
        if (store.Computed(ServeViewCheck.MovingAverages) is null || store.Relation("stg_well_production") is not { } production
            || store.Relation("int_decline_fits") is not { } fits)
        {
            return null;
        }

        var windows = store.Footer.Windows.Where(w => window is null || w.Name == window)
            .OrderBy(w => w.Name, StringComparer.Ordinal).ToList();
        var rows = Rows(production, wellCode, null, null, null);
        var fit = FitRow(fits, wellCode, "oil");
        var fittedRates = new double[rows.Length];
        var fittedNulls = new bool[rows.Length];
        FittedRates(production, rows, fits, fit, Curve(fits, fit), fittedRates, fittedNulls);
        var period = production["production_period"];
        var type = production["period_type"];
        var days = production["period_days"];
        double Volume(ServeColumn column, int row) => column.IsNull(row) ? 0 : column.Double(row);
        var volumes = new[] { production["oil_volume_kbbl"], production["gas_volume_mmcf"], production["water_volume_kbbl"] }
            .Select(column => rows.Select(row => Volume(column, row)).ToArray()).ToArray();
        var (low, high) = ServeSeries.Bounds(ServeKind.Date, from, to);
        var outPeriods = new List<long?>();
        var outTypes = new List<string?>();
        var outWindows = new List<string?>();
        var outRates = new[] { new List<double?>(), new List<double?>(), new List<double?>() };
        var outFitted = new List<double?>();
        for (var i = 0; i < rows.Length; i++)
        {
            var rowType = type.String(rows[i]);
            if (!ServeSeries.InRange(period, rows[i], low, high))
            {
                continue;
            }

            foreach (var w in windows)
            {
                if (w.PeriodType != rowType)
                {
                    continue;
                }

                var first = Math.Max(0, i - w.Length + 1);
                long daySum = 0;
                var dayCount = 0;
                double fittedSum = 0;
                var fittedCount = 0;
                for (var j = first; j <= i; j++)
                {
                    if (!days.IsNull(rows[j]))
                    {
                        daySum += days.Long(rows[j]);
                        dayCount++;
                    }

                    if (!fittedNulls[j])
                    {
                        fittedSum += fittedRates[j];
                        fittedCount++;
                    }
                }

                for (var m = 0; m < 3; m++)
                {
                    double sum = 0;
                    for (var j = first; j <= i; j++)
                    {
                        sum += volumes[m][j];
                    }

                    outRates[m].Add(dayCount == 0 ? null : sum / daySum);
                }

                outFitted.Add(fittedCount == 0 ? null : fittedSum / fittedCount);
                outPeriods.Add(period.Long(rows[i]));
                outTypes.Add(rowType);
                outWindows.Add(w.Name);
            }
        }

        var count = outPeriods.Count;
        return new SeriesTable(count)
            .Add(ArrayColumn.Longs("well_code", production["well_code"].Kind, Enumerable.Repeat((long?)wellCode, count).ToArray()))
            .Add(ArrayColumn.Longs("production_period", ServeKind.Date, [.. outPeriods]))
            .Add(ArrayColumn.Strings("period_type", [.. outTypes]))
            .Add(ArrayColumn.Strings("window", [.. outWindows]))
            .Add(ArrayColumn.Doubles("oil_rate_avg_kbd", [.. outRates[0]]))
            .Add(ArrayColumn.Doubles("gas_rate_avg_mmcfd", [.. outRates[1]]))
            .Add(ArrayColumn.Doubles("water_rate_avg_kbd", [.. outRates[2]]))
            .Add(ArrayColumn.Doubles("oil_fitted_rate_avg_kbd", [.. outFitted]));
    }
}
