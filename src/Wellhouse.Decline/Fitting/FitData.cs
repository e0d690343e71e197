namespace Wellhouse.Decline;

/// <summary>
/// The points of the fitted segment in log space, kept with a fit for the bootstrap: t since the segment start
/// (mid-period, days), y = ln(producing-day rate), uptime weights, and the final robust weights.
/// </summary>
internal sealed class FitData(double[] t, double[] y, double[] uptime)
{
    public double[] T { get; } = t;

    public double[] Y { get; } = y;

    public double[] Uptime { get; } = uptime;

    public int Count => T.Length;
}

/// <summary>One candidate model's solution.</summary>
internal sealed record Candidate(
    DeclineModelKind Kind, double[] Parameters, double LogQi, double[] Weights, int Iterations, bool Converged)
{
    /// <summary>Uptime-weighted sum of squared log residuals.</summary>
    public double Sse { get; set; }

    /// <summary>Number of free parameters including qi.</summary>
    public int ParameterCount { get; init; }
}
