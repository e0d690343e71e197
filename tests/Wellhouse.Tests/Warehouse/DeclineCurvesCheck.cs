using Wellhouse.Decline;
using Wellhouse.Warehouse;

namespace Wellhouse.Tests.Warehouse;

/// <summary>
/// Recomputes the fitted rates of the view int_declining_curves in C#: for every historical row from t0_date on,
/// Wellhouse.Decline's own model (built from the parameters int_decline_fits stores) at the middle of the period
/// (days from t0 to the period's start + period_days / 2), and the P10/P90 band from the fit's log_sigma.
/// </summary>
internal static class DeclineCurvesCheck
{
    /// <summary>Relative tolerance: the SQL macro follows the library's floating-point steps with the same parameters,
    /// so only a different libm (exp, ln, pow) could make a difference in the last bits.</summary>
    private const double Tolerance = 1e-12;

    /// <summary>The rows compared per model name, and the rows whose fitted rate or band differs from the library's.</summary>
    public static async Task<(Dictionary<string, int> Compared, List<string> Mismatches)> CompareAsync(WarehouseBuild build)
    {
        var rows = await build.QueryAsync("""
            select curves.fitted_rate, curves.rate_p10, curves.rate_p90,
                fits.model, fits.qi, fits.di_per_day, fits.b, fits.dlim_per_day,
                fits.duong_a_per_day, fits.duong_m, fits.tau_days, fits.stretch_n, fits.log_sigma,
                (production.production_period - fits.t0_date) + production.period_days / 2 as t_days,
                curves.well_code, curves.stream, curves.production_period
            from int_declining_curves as curves
            inner join int_decline_fits as fits
                on curves.well_code = fits.well_code and curves.stream = fits.stream
            inner join stg_well_production as production
                on curves.well_code = production.well_code and curves.production_period = production.production_period
            where not curves.is_forecast and fits.model is not null and curves.production_period >= fits.t0_date
            """);
        var compared = new Dictionary<string, int>(StringComparer.Ordinal);
        var mismatches = new List<string>();
        foreach (var row in rows)
        {
            var model = (string)row[3]!;
            var expected = Model(model, Number(row[4])!.Value, Number(row[5]), Number(row[6]), Number(row[7]), (Number(row[8]), Number(row[9])), (Number(row[10]), Number(row[11])))
                .Rate(Number(row[13])!.Value);
            var sigma = Number(row[12])!.Value;
            compared[model] = compared.GetValueOrDefault(model) + 1;
            if (!Close(Number(row[0]), expected)
                || !Close(Number(row[1]), expected * Math.Exp(WellDeclineFit.Z90 * sigma))
                || !Close(Number(row[2]), expected * Math.Exp(-WellDeclineFit.Z90 * sigma)))
            {
                mismatches.Add($"{row[14]} {row[15]} {row[16]} {model}: SQL {row[0]}, Wellhouse.Decline {expected}");
            }
        }

        return (compared, mismatches);
    }

    /// <summary>Wellhouse.Decline's curve for a model name and the stored parameters (declines per day).</summary>
    public static IDeclineModel Model(string model, double qi, double? diPerDay, double? b, double? dlimPerDay, (double? A, double? M) duong, (double? Tau, double? N) stretched) => model switch
    {
        "exponential" or "hyperbolic" or "harmonic" => new ArpsModel(qi, diPerDay!.Value, b!.Value),
        "modified_hyperbolic" => new ModifiedHyperbolicModel(qi, diPerDay!.Value, b!.Value, dlimPerDay!.Value),
        "duong" => new DuongModel(qi, duong.A!.Value, duong.M!.Value),
        "stretched_exponential" => new StretchedExponentialModel(qi, stretched.Tau!.Value, stretched.N!.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "unknown decline model"),
    };

    public static bool Close(double? actual, double expected) =>
        actual is { } value && (value == expected || Math.Abs(value - expected) <= Tolerance * Math.Max(Math.Abs(value), Math.Abs(expected)));

    private static double? Number(object? value) => value is null ? null : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
}
