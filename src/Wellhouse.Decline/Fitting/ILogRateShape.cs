namespace Wellhouse.Decline;

/// <summary>
/// The nonlinear part of a model in log space: ln q(t) = ln qi + f(t; p). The fitter eliminates ln qi exactly
/// (variable projection, Golub and Pereyra 1973) and solves for the parameters p with Levenberg-Marquardt.
/// Implementations are small structs so that the generic fitter is specialized and inlined per model.
/// </summary>
internal interface ILogRateShape
{
    /// <summary>Number of nonlinear parameters (at most <see cref="LevenbergMarquardt.MaxParameters"/>).</summary>
    int Count { get; }

    /// <summary>f(t; p), and its gradient with respect to p in <paramref name="gradient"/>.</summary>
    double Evaluate(double t, ReadOnlySpan<double> p, Span<double> gradient);
}
