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
        return best.Kind switch
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
