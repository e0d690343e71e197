using Wellhouse.Ingest;

namespace Wellhouse.Generate;

/// <summary>What to generate.</summary>
internal sealed record SyntheticWellOptions(int Wells, int Days, bool Monthly, int Seed, DateOnly Start)
{
    /// <summary>Wells per field.</summary>
    public int WellsPerField { get; init; } = 100;

    /// <summary>Log-normal multiplicative noise of the producing-day rate.</summary>
    public double NoiseSigma { get; init; } = 0.1;

    /// <summary>Probability that a producing period is an outlier (rate x 3 or x 1/3).</summary>
    public double OutlierProbability { get; init; } = 0.01;

    /// <summary>Probability that a period is a full shut-in (no production).</summary>
    public double ShutInProbability { get; init; } = 0.03;

    /// <summary>Every well reports until the same last day, the latest start's (364 days after <see cref="Start"/>) +
    /// <see cref="Days"/>, as in a production feed where every well reports every day; histories are then 0-364 days
    /// longer than <see cref="Days"/>. Otherwise each well reports <see cref="Days"/> days from its own start.</summary>
    public bool SameEnd { get; init; }
}

/// <summary>
/// Synthetic wells in the raw contract, with known decline parameters, downtime and outliers (issue 4): each well's
/// producing-day oil rate follows its <see cref="WellTruth"/> with log-normal noise; some periods are shut in or
/// partly down (days_on_production below the period's days, so calendar-day rates fall while the producing-day rate
/// does not); a few are outliers. Deterministic for a seed: each well has its own generator seeded by (seed, well).
/// </summary>
internal static partial class SyntheticWells
{
    public const string DailySource = "generated_daily";

    public const string MonthlySource = "generated_monthly";

    public static readonly DateTime GeneratedAt = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The truth of well <paramref name="index"/> (0-based).</summary>
    public static WellTruth Truth(SyntheticWellOptions options, int index)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = WellRandom(options, index);
        return new WellTruth(
            WellCode: 100_001 + index,
            FieldCode: 1 + (index / options.WellsPerField),
            Start: options.Start.AddDays(random.Next(0, 365)),
            QiKbd: Math.Exp(Normal(random, Math.Log(1.0), 0.6)),
            DiNominalPerYear: 0.2 + (random.NextDouble() * 1.3),
            B: random.NextDouble() * 1.5,
            GorScfPerBbl: 400 + (random.NextDouble() * 2600),
            WaterCutStart: random.NextDouble() * 0.1,
            WaterCutEnd: 0.3 + (random.NextDouble() * 0.5));
    }

    /// <summary>The raw rows of well <paramref name="index"/>, with the periods that are outliers.</summary>
    public static (List<RawProductionRow> Rows, List<DateOnly> Outliers) Rows(SyntheticWellOptions options, int index)
    {
        ArgumentNullException.ThrowIfNull(options);
        var truth = Truth(options, index);
        var random = WellRandom(options, index);

        // Skip past the draws that made the truth, so that the periods' noise is independent of the parameters.
        for (var skip = 0; skip < 9; skip++)
        {
            random.NextDouble();
        }

        var rows = new List<RawProductionRow>();
        var outliers = new List<DateOnly>();
        var end = options.SameEnd ? options.Start.AddDays(364 + options.Days) : truth.Start.AddDays(options.Days);
        var period = options.Monthly ? new DateOnly(truth.Start.Year, truth.Start.Month, 1) : truth.Start;
        while (period < end)
        {
            var periodDays = options.Monthly ? DateTime.DaysInMonth(period.Year, period.Month) : 1;
            var (row, isOutlier) = Row(options, truth, random, period, periodDays, (period.DayNumber - truth.Start.DayNumber) / (double)options.Days);
            rows.Add(row);
            if (isOutlier)
            {
                outliers.Add(period);
            }

            period = options.Monthly ? period.AddMonths(1) : period.AddDays(1);
        }

        return (rows, outliers);
    }
}
