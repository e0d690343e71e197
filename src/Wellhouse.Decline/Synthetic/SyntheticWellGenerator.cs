namespace Wellhouse.Decline;

/// <summary>
/// Draws synthetic wells from known decline parameters, deterministically: well i of a population depends only on
/// the options (seed included) and i, so populations can be generated in parallel and reproduced anywhere.
/// </summary>
public static class SyntheticWellGenerator
{
    /// <summary>Wells 0 .. count-1 of the population.</summary>
    public static IEnumerable<SyntheticWell> GenerateMany(int count, SyntheticWellOptions options)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Generate(i, options);
        }
    }

    /// <summary>Well <paramref name="index"/> of the population.</summary>
    public static SyntheticWell Generate(int index, SyntheticWellOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(unchecked((options.Seed * 1_000_003) + index));
        var qi = options.QiMedian * Math.Exp(options.QiLogSd * Normal(random));
        var diYear = options.DiMinPerYear + ((options.DiMaxPerYear - options.DiMinPerYear) * random.NextDouble());
        var b = options.Kind switch
        {
            DeclineModelKind.Exponential => 0,
            DeclineModelKind.Harmonic => 1,
            _ => options.BMin + ((options.BMax - options.BMin) * random.NextDouble()),
        };
        var di = DeclineConversions.PerYearToPerDay(diYear);
        IDeclineModel truth = options.Kind == DeclineModelKind.ModifiedHyperbolic
            ? new ModifiedHyperbolicModel(qi, di, b, DeclineConversions.TerminalDeclinePerDay(options.DminEffectivePerYear))
            : new ArpsModel(qi, di, b);

        var monthly = options.Frequency == SeriesFrequency.Monthly;
        var n = options.Periods;
        var dates = new DateOnly[n];
        var rates = new double[n];
        var daysOn = new double[n];
        var outliers = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var date = monthly ? options.StartDate.AddMonths(i) : options.StartDate.AddDays(i);
            var period = monthly ? DateTime.DaysInMonth(date.Year, date.Month) : 1.0;
            var t = date.DayNumber - options.StartDate.DayNumber + (period / 2);
            var rate = truth.Rate(t) * Math.Exp(options.NoiseSigma * Normal(random));
            var uptime = 1.0;
            var u = random.NextDouble();
            var first = i == 0;
            if (!first && u < options.ShutInProbability)
            {
                uptime = 0;
            }
            else if (!first && u < options.ShutInProbability + options.PartialUptimeProbability)
            {
                uptime = 0.3 + (0.7 * random.NextDouble());
            }

            if (!first && uptime > 0 && random.NextDouble() < options.OutlierProbability)
            {
                outliers[i] = true;
                rate *= random.NextDouble() < 0.5 ? 3 : 1.0 / 3;
            }

            dates[i] = date;
            daysOn[i] = uptime * period;
            rates[i] = rate * uptime;
        }

        return new SyntheticWell(index, truth, diYear, b, dates, rates, daysOn, outliers,
            monthly ? SeriesFrequency.Monthly : SeriesFrequency.Daily);
    }

    /// <summary>A standard normal draw (Box and Muller 1958).</summary>
    private static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
