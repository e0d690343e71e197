namespace Wellhouse.Decline;

/// <summary>
/// What a well's history says at one date (the anchor, a month index; only months before it are read): whether and
/// since when it produces, its current producing-day rate level and uptime, and its own Arps fit's forecast. The
/// population forecast compares the same state of other wells at earlier anchors with what they then produced.
/// </summary>
internal sealed class AnchorState
{
    /// <summary>Producing months the level is the geometric mean of.</summary>
    private const int LevelMonths = 3;

    /// <summary>Months the uptime is measured over.</summary>
    private const int UptimeMonths = 12;

    /// <summary>Most producing months before a gap of <c>restartMonths</c> for the production after it to be a restart
    /// (<see cref="PopulationForecastOptions.RestartMonths"/>).</summary>
    internal const int TestMonths = 3;

    /// <summary>The least uptime a forecast assumes (a well that produced a few days of the last year).</summary>
    internal const double MinUptime = 0.05;

    /// <summary>Calendar days from the anchor through month h (index h - 1), shared by the states of one anchor
    /// (<see cref="CumulativeDays"/>).</summary>
    private readonly double[] _days;

    /// <summary>The own fit's curve, from which <see cref="FitCumulative"/> was computed (null without a fit).</summary>
    private readonly OwnCurve? _curve;

    private AnchorState(int anchor, int firstProducing, int lastProducing, int producingMonths, double level, double uptime,
        OwnCurve? curve, double[]? fitCumulative, string? reason, double[] days)
    {
        _curve = curve;
        Anchor = anchor;
        FirstProducing = firstProducing;
        LastProducing = lastProducing;
        ProducingMonths = producingMonths;
        Level = level;
        Uptime = uptime;
        FitCumulative = fitCumulative;
        FitB = fitCumulative is null ? null : curve?.B;
        Reason = reason;
        _days = days;
    }

    /// <summary>The anchor month (index); the state uses months before it.</summary>
    public int Anchor { get; }

    public int FirstProducing { get; }

    public int LastProducing { get; }

    /// <summary>Months from the first producing month to the anchor (the well's age).</summary>
    public int AgeMonths => Anchor - FirstProducing;

    public int ProducingMonths { get; }

    /// <summary>Geometric mean of the producing-day rate (volume / producing day) of the last producing months.</summary>
    public double Level { get; }

    /// <summary>Producing days / calendar days over the last year (or since first production).</summary>
    public double Uptime { get; }

    /// <summary>The own fit's volume at full uptime from the anchor through month h (index h - 1); null when the
    /// history could not be fit.</summary>
    public double[]? FitCumulative { get; }

    /// <summary>The own fit's Arps exponent b (0 for an exponential), null without a fit: the decline's shape past the
    /// forecast (<see cref="PopulationReserves"/>).</summary>
    public double? FitB { get; }

    /// <summary>Why the well cannot be forecast at this anchor (no production, shut in or abandoned), or null.</summary>
    public string? Reason { get; }

    /// <summary>The flat forecast through month h: level x uptime x calendar days from the anchor.</summary>
    public double Flat(int h) => Level * Math.Max(Uptime, MinUptime) * Days(h);

    /// <summary>Calendar days from the anchor through month h (read from <see cref="_days"/> within the horizon).</summary>
    private double Days(int h)
    {
        if (h <= _days.Length)
        {
            return h > 0 ? _days[h - 1] : 0;
        }

        var days = 0.0;
        for (var m = 0; m < h; m++)
        {
            days += MonthIndex.Days(Anchor + m);
        }

        return days;
    }

    /// <summary>ln(own fit / (level x calendar days)) through month h: how much the well's own curve declines over
    /// the horizon relative to holding its current rate; null without a fit.</summary>
    public double? FitRatio(int h)
    {
        if (FitCumulative is null || h > FitCumulative.Length)
        {
            return null;
        }

        var flat = Flat(h) / Math.Max(Uptime, MinUptime);
        var fit = FitCumulative[h - 1];
        return fit > 0 && flat > 0 ? Math.Log(fit / flat) : null;
    }

    /// <summary>The state's values (not its anchor and days, which the reader knows) as bytes, for
    /// <see cref="PopulationCache"/>: exactly the doubles computed, the own fit as its curve's parameters (an Arps or
    /// modified hyperbolic curve; another curve's volumes as they are), so <see cref="Read"/> gives the same state.</summary>
    internal byte[] ToBytes()
    {
        using var stream = new MemoryStream(80);
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(FirstProducing);
            writer.Write(LastProducing);
            writer.Write(ProducingMonths);
            writer.Write(Level);
            writer.Write(Uptime);
            writer.Write(Reason is not null);
            if (Reason is not null)
            {
                writer.Write(Reason);
            }

            OwnCurve.Write(writer, _curve, FitCumulative);
        }

        return stream.ToArray();
    }

    /// <summary>The state at <paramref name="anchor"/> written by <see cref="ToBytes"/>.</summary>
    internal static AnchorState Read(byte[] bytes, int anchor, double[] days)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        var first = reader.ReadInt32();
        var last = reader.ReadInt32();
        var producing = reader.ReadInt32();
        var level = reader.ReadDouble();
        var uptime = reader.ReadDouble();
        var reason = reader.ReadBoolean() ? reader.ReadString() : null;
        var (curve, fit) = OwnCurve.Read(reader, first, anchor);
        return new AnchorState(anchor, first, last, producing, level, uptime, curve, fit, reason, days);
    }

    /// <summary>Calendar days from <paramref name="anchor"/> through each of the next <paramref name="months"/> months.</summary>
    public static double[] CumulativeDays(int anchor, int months)
    {
        var cumulative = new double[months];
        var days = 0.0;
        for (var m = 0; m < months; m++)
        {
            days += MonthIndex.Days(anchor + m);
            cumulative[m] = days;
        }

        return cumulative;
    }

    /// <summary>The state of <paramref name="history"/> at <paramref name="anchor"/>, fitting the own curve for
    /// <paramref name="horizon"/> months; <paramref name="days"/> are the anchor's <see cref="CumulativeDays"/>. After a
    /// restart (production again after at least <paramref name="restartMonths"/> months without it, 0 = never, following
    /// at most <see cref="TestMonths"/> producing months) the level and the uptime read only the months since.</summary>
    public static AnchorState At(MonthlyHistory history, int anchor, int horizon, int abandonMonths, int restartMonths, FitOptions fitOptions, double[] days)
    {
        var end = Math.Min(anchor - 1, history.LastMonth);
        int first = -1, last = -1, producing = 0;
        for (var m = history.FirstMonth; m <= end; m++)
        {
            if (history.Volume(m) > 0)
            {
                first = first < 0 ? m : first;
                last = m;
                producing++;
            }
        }

        if (first < 0)
        {
            return new AnchorState(anchor, anchor, anchor, 0, 0, 0, null, null, "no production before the as-of date", days);
        }

        if (anchor - 1 - last >= abandonMonths)
        {
            return new AnchorState(anchor, first, last, producing, 0, 0, null, null,
                $"abandoned: no production since {MonthIndex.Date(last):yyyy-MM} ({anchor - 1 - last} months before the as-of date)", days);
        }

        // The current run: from the first month after the last gap of restartMonths or more silent months when at most
        // TestMonths producing months came before that gap (a test, or early production before the field came on
        // stream), else from the first producing month.
        var run = first;
        if (restartMonths > 0)
        {
            var silent = 0;
            for (var m = last - 1; m > first; m--)
            {
                silent = history.Volume(m) > 0 ? 0 : silent + 1;
                if (silent >= restartMonths)
                {
                    var before = 0;
                    for (var k = first; k < m && before <= TestMonths; k++)
                    {
                        before += history.Volume(k) > 0 ? 1 : 0;
                    }

                    run = before <= TestMonths ? m + silent : first;
                    break;
                }
            }
        }

        // Level: the geometric mean of the last producing months' producing-day rates, preferring months that produced
        // at least a third of their days (a partial month's rate is noisy).
        var logSum = 0.0;
        var used = 0;
        for (var pass = 0; pass < 2 && used == 0; pass++)
        {
            for (var m = last; m >= run && used < LevelMonths; m--)
            {
                var producingDays = history.ProducingDays(m);
                if (producingDays > 0 && (pass == 1 || producingDays >= MonthIndex.Days(m) / 3.0))
                {
                    logSum += Math.Log(history.Volume(m) / producingDays);
                    used++;
                }
            }
        }

        var level = Math.Exp(logSum / used);
        var from = Math.Max(run, anchor - UptimeMonths);
        double on = 0, calendar = 0;
        for (var m = from; m < anchor; m++)
        {
            on += history.ProducingDays(m);
            calendar += MonthIndex.Days(m);
        }

        var curve = horizon >= 1 ? OwnFit(history, first, anchor, fitOptions) : null;
        var cumulative = curve?.Cumulative(first, anchor, horizon);
        return new AnchorState(anchor, first, last, producing, level, calendar > 0 ? on / calendar : 1,
            cumulative is null ? null : curve, cumulative, null, days);
    }

    /// <summary>The own fit (fitter's defaults on producing-day rates) from the first producing month to the anchor.</summary>
    private static OwnCurve? OwnFit(MonthlyHistory history, int first, int anchor, FitOptions options)
    {
        var n = anchor - first;
        if (n < options.MinPoints)
        {
            return null;
        }

        var dates = new DateOnly[n];
        var rates = new double[n];
        var daysOn = new double[n];
        for (var i = 0; i < n; i++)
        {
            var m = first + i;
            dates[i] = MonthIndex.Date(m);
            rates[i] = history.Volume(m) / MonthIndex.Days(m);
            daysOn[i] = history.ProducingDays(m);
        }

        var result = DeclineFitter.Fit(ProductionSeries.FromDates(dates, rates, daysOn, SeriesFrequency.Monthly), options);
        return result.Fit is { } fit ? new OwnCurve(fit.Model, fit.StartDay, fit.B ?? 0) : null;
    }
}
