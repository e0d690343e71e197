using System.Globalization;
using Wellhouse.Ingest;

namespace Wellhouse.Generate;

/// <summary>One period of a synthetic well.</summary>
internal static partial class SyntheticWells
{
    private static (RawProductionRow Row, bool IsOutlier) Row(
        SyntheticWellOptions options, WellTruth truth, Random random, DateOnly period, int periodDays, double lifeFraction)
    {
        // Producing days: a full shut-in, a partly down period, or full uptime.
        var draw = random.NextDouble();
        var daysOn = draw < options.ShutInProbability ? 0
            : draw < options.ShutInProbability + 0.10 ? periodDays * (0.2 + (0.75 * random.NextDouble()))
            : periodDays;

        // The producing-day rate at the middle of the period (days since the start of production), with noise.
        var middle = period.DayNumber + (periodDays / 2.0) - truth.Start.DayNumber;
        var producing = truth.OilRateKbd(Math.Max(middle, 0)) * Math.Exp(Normal(random, 0, options.NoiseSigma));
        var isOutlier = daysOn > 0 && random.NextDouble() < options.OutlierProbability;
        if (isOutlier)
        {
            producing *= random.NextDouble() < 0.5 ? 3.0 : 1 / 3.0;
        }

        // Calendar-day averages over the period (docs/domain.md): volume / calendar days = producing rate x uptime.
        var oil = producing * daysOn / periodDays;
        var waterCut = truth.WaterCutStart + ((truth.WaterCutEnd - truth.WaterCutStart) * Math.Clamp(lifeFraction, 0, 1));
        var row = new RawProductionRow
        {
            FieldCode = truth.FieldCode,
            FieldName = "Synthetic field " + truth.FieldCode.ToString(CultureInfo.InvariantCulture),
            WellCode = truth.WellCode,
            WellReference = "SYN-" + truth.WellCode.ToString(CultureInfo.InvariantCulture),
            WellName = "Synthetic " + truth.WellCode.ToString(CultureInfo.InvariantCulture),
            ProductionPeriod = period,
            DaysOnProduction = daysOn,
            OilProductionKbd = oil,
            GasProductionMmcfd = oil * truth.GorScfPerBbl / 1000,
            LiquidsProductionKbd = oil,
            WaterProductionKbd = oil * waterCut / (1 - waterCut),
            DataSource = options.Monthly ? MonthlySource : DailySource,
            SourceData = "wellhouse generate --seed " + options.Seed.ToString(CultureInfo.InvariantCulture),
            Partition0 = period.Year.ToString(CultureInfo.InvariantCulture),
            CreatedAt = GeneratedAt,
            UpdatedAt = GeneratedAt,
        };
        return (row, isOutlier);
    }

    private static Random WellRandom(SyntheticWellOptions options, int index) =>
        new(unchecked((options.Seed * 1_000_003) + index));

    /// <summary>A normal draw by the Box-Muller transform (Box and Muller 1958).</summary>
    private static double Normal(Random random, double mean, double sigma)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
