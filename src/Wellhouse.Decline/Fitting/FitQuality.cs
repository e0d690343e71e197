namespace Wellhouse.Decline;

/// <summary>How well a fit matches its points.</summary>
/// <param name="RmseLogRate">Root mean square of ln(fitted / actual) producing-day rate, uptime-weighted.</param>
/// <param name="RSquared">1 - SSE/SST of ln rate, uptime-weighted.</param>
/// <param name="PointsUsed">Producing periods in the fitted segment.</param>
/// <param name="Iterations">Levenberg-Marquardt iterations of the chosen model, all robust rounds together.</param>
/// <param name="Converged">Whether the optimizer met its tolerance.</param>
/// <param name="Aic">Akaike information criterion of the chosen model.</param>
/// <param name="Bic">Bayesian information criterion of the chosen model.</param>
public sealed record FitQuality(
    double RmseLogRate, double RSquared, int PointsUsed, int Iterations, bool Converged, double Aic, double Bic);
