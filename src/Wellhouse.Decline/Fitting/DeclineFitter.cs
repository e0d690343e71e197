namespace Wellhouse.Decline;

/// <summary>
/// Fits decline curves to a well's production history. Thread-safe and stateless: call it from many threads at
/// once. Data problems never throw: they come back as a <see cref="FitResult"/> with a <see cref="CannotFitReason"/>.
/// </summary>
/// <example>
/// <code>
/// var series = ProductionSeries.FromDates(dates, rates, daysOn);
/// var result = DeclineFitter.Fit(series, FitOptions.Default with { Model = ModelSelection.Hyperbolic });
/// if (result.Fit is { } fit) { var eur = fit.Eur(economicLimitRate: 5, timeCapDays: 30 * 365.25); }
/// </code>
/// </example>
public static partial class DeclineFitter
{
    /// <summary>Fits <paramref name="series"/> with the default options.</summary>
    public static FitResult Fit(ProductionSeries series) => Fit(series, FitOptions.Default);

    /// <summary>Fits <paramref name="series"/>.</summary>
    public static FitResult Fit(ProductionSeries series, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } optionError)
        {
            return FitResult.CannotFit(CannotFitReason.InvalidInput, optionError);
        }

        var prepared = Prepare(series, options, out var failure);
        if (prepared is null)
        {
            return failure!;
        }

        var data = prepared.Data;
        if (!ExponentialGuess(data, out var d0, out _) || !(d0 > 1e-9))
        {
            return FitResult.CannotFit(CannotFitReason.NoDecline,
                "the producing-day rate does not decline after the peak", null);
        }

        var best = default(Candidate);
        var ic = double.PositiveInfinity;
        foreach (var kind in Candidates(options.Model))
        {
            var candidate = FitModel(kind, data, d0, options, best);
            if (candidate is null)
            {
                continue;
            }

            var value = Criterion(candidate, data.Count, options.Criterion);
            if (value < ic)
            {
                ic = value;
                best = candidate;
            }
        }

        if (best is null && options.Model == ModelSelection.Duong)
        {
            return FitResult.CannotFit(CannotFitReason.ModelRejected,
                "the Duong fit is degenerate (it rises at t0, a > m, or a is at its bound); fit another model");
        }

        if (best is null || !double.IsFinite(best.LogQi))
        {
            return FitResult.CannotFit(CannotFitReason.DidNotConverge, "no model reached a finite fit");
        }

        if (best.Kind is DeclineModelKind.Exponential or DeclineModelKind.Hyperbolic or DeclineModelKind.Harmonic
            or DeclineModelKind.ModifiedHyperbolic && !(best.Parameters[0] > 1e-9))
        {
            return FitResult.CannotFit(CannotFitReason.NoDecline, "the fitted decline is zero");
        }

        return FitResult.Success(DeclineFit.Create(series, prepared, best, options));
    }

    private static DeclineModelKind[] Candidates(ModelSelection selection) => selection switch
    {
        ModelSelection.Auto =>
        [
            DeclineModelKind.Exponential, DeclineModelKind.Harmonic, DeclineModelKind.Hyperbolic,
            DeclineModelKind.ModifiedHyperbolic, DeclineModelKind.Duong, DeclineModelKind.StretchedExponential,
        ],
        ModelSelection.Arps => [DeclineModelKind.Exponential, DeclineModelKind.Harmonic, DeclineModelKind.Hyperbolic],
        ModelSelection.Exponential => [DeclineModelKind.Exponential],
        ModelSelection.Harmonic => [DeclineModelKind.Harmonic],
        ModelSelection.Hyperbolic => [DeclineModelKind.Hyperbolic],
        ModelSelection.ModifiedHyperbolic => [DeclineModelKind.ModifiedHyperbolic],
        ModelSelection.Duong => [DeclineModelKind.Duong],
        ModelSelection.StretchedExponential => [DeclineModelKind.StretchedExponential],
        _ => [DeclineModelKind.Hyperbolic],
    };

    /// <summary>n ln(SSE/n) + penalty (Akaike 1974; Schwarz 1978), on uptime-weighted log residuals.</summary>
    internal static double Criterion(Candidate c, int n, InformationCriterion criterion)
    {
        var sse = Math.Max(c.Sse, 1e-300 * n);
        var penalty = criterion == InformationCriterion.Aic ? 2.0 * c.ParameterCount : c.ParameterCount * Math.Log(n);
        return (n * Math.Log(sse / n)) + penalty;
    }
}
