namespace Wellhouse.Decline;

public sealed partial class DeclineFit
{
    internal static DeclineFit Create(ProductionSeries series, PreparedSeries prepared, Candidate best, FitOptions options)
    {
        var model = BuildModel(best.Kind, Math.Exp(best.LogQi), best.Parameters, options);
        var data = prepared.Data;
        double sw = 0, sy = 0;
        for (var i = 0; i < data.Count; i++)
        {
            sw += data.Uptime[i];
            sy += data.Uptime[i] * data.Y[i];
        }

        var mean = sy / sw;
        var sst = 0.0;
        for (var i = 0; i < data.Count; i++)
        {
            sst += data.Uptime[i] * (data.Y[i] - mean) * (data.Y[i] - mean);
        }

        var quality = new FitQuality(
            Math.Sqrt(best.Sse / sw), sst > 0 ? 1 - (best.Sse / sst) : 1, data.Count, best.Iterations, best.Converged,
            DeclineFitter.Criterion(best, data.Count, InformationCriterion.Aic),
            DeclineFitter.Criterion(best, data.Count, InformationCriterion.Bic));
        var p = best.Parameters;
        var fit = best.Kind switch
        {
            DeclineModelKind.Exponential or DeclineModelKind.Harmonic or DeclineModelKind.Hyperbolic =>
                new DeclineFit(model, prepared, best, quality, series.Origin, options)
                {
                    DiNominalPerYear = DeclineConversions.PerDayToPerYear(p[0]),
                    B = ((ArpsModel)model).B,
                },
            DeclineModelKind.ModifiedHyperbolic => new DeclineFit(model, prepared, best, quality, series.Origin, options)
            {
                DiNominalPerYear = DeclineConversions.PerDayToPerYear(p[0]),
                B = p[1],
                DminNominalPerYear = DeclineConversions.PerDayToPerYear(((ModifiedHyperbolicModel)model).TerminalDeclinePerDay),
                SwitchDay = ((ModifiedHyperbolicModel)model).SwitchTime,
            },
            DeclineModelKind.Duong => new DeclineFit(model, prepared, best, quality, series.Origin, options)
            {
                DiNominalPerYear = DeclineConversions.PerDayToPerYear(model.Decline(0)),
                DuongA = p[0],
                DuongM = p[1],
            },
            _ => new DeclineFit(model, prepared, best, quality, series.Origin, options) { TauDays = p[0], N = p[1] },
        };
        fit.Warnings = WarningsOf(fit, options);
        return fit;
    }

    /// <summary>The warnings of <see cref="Warnings"/>.</summary>
    private static List<string> WarningsOf(DeclineFit fit, FitOptions options)
    {
        var warnings = new List<string>();
        if (fit.NegativePeriods > 0)
        {
            warnings.Add($"{fit.NegativePeriods} period(s) with a negative rate (corrections) were netted into the history cumulative and left out of the fit");
        }

        if (fit.B is { } b && fit.Kind is DeclineModelKind.Hyperbolic or DeclineModelKind.ModifiedHyperbolic)
        {
            if (b >= options.MaxB - 1e-6 || (b <= options.MinB + 1e-6 && options.MinB > 0))
            {
                warnings.Add($"b = {b:G4} is at its bound [{options.MinB}, {options.MaxB}]: the data do not determine b");
            }
            else if (b > 1 && fit.Kind == DeclineModelKind.Hyperbolic)
            {
                warnings.Add($"b = {b:G4} > 1 (transient flow): the hyperbolic's EUR grows without bound, so EUR stops at the time cap; the modified hyperbolic adds a terminal decline");
            }
        }

        return warnings;
    }

    /// <summary>The curve of a model family from its fitted parameters.</summary>
    internal static IDeclineModel BuildModel(DeclineModelKind kind, double qi, ReadOnlySpan<double> p, FitOptions options) =>
        kind switch
        {
            DeclineModelKind.Exponential => new ArpsModel(qi, p[0], 0),
            DeclineModelKind.Harmonic => new ArpsModel(qi, p[0], 1),
            DeclineModelKind.Hyperbolic => new ArpsModel(qi, p[0], p[1]),
            DeclineModelKind.ModifiedHyperbolic => new ModifiedHyperbolicModel(qi, p[0], p[1],
                DeclineConversions.TerminalDeclinePerDay(options.DminEffectivePerYear)),
            DeclineModelKind.Duong => new DuongModel(qi, p[0], p[1]),
            _ => new StretchedExponentialModel(qi, p[0], p[1]),
        };
}
