namespace Wellhouse.Decline.Tests;

/// <summary>
/// Arps (1945) reference values. The expected numbers were computed independently of this library with Python's
/// math module from Arps' closed forms (q = qi (1 + b Di t)^(-1/b); Np = qi/((1-b) Di) [1 - (1 + b Di t)^(1-1/b)];
/// exponential and harmonic forms for b = 0 and b = 1).
/// </summary>
public sealed class ArpsModelTests
{
    private const double Year = 365.25;

    [Theory]
    [InlineData(1000, 0.5, 0.8, 365.25, 656.6590823035132, 294673.78264098533)]
    [InlineData(1000, 0.5, 0.8, 730.5, 479.6333452058059, 499150.5719444296)]
    [InlineData(500, 0.3, 0.0, 1000, 219.91758494541216, 341000.3403289607)]
    [InlineData(200, 0.9, 1.0, 3000, 23.831661365304623, 172666.04159243027)]
    public void RateAndCumulative_PublishedForms_MatchReferenceValues(
        double qi, double diPerYear, double b, double t, double rate, double cumulative)
    {
        var model = new ArpsModel(qi, diPerYear / Year, b);

        Assert.Equal(rate, model.Rate(t), 1e-10 * rate);
        Assert.Equal(cumulative, model.Cumulative(t), 1e-9 * cumulative);
    }

    [Theory]
    [InlineData(0.0, DeclineModelKind.Exponential)]
    [InlineData(0.5, DeclineModelKind.Hyperbolic)]
    [InlineData(1.0, DeclineModelKind.Harmonic)]
    public void Kind_ByB_NamesTheArpsCase(double b, DeclineModelKind kind) =>
        Assert.Equal(kind, new ArpsModel(100, 0.001, b).Kind);

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void RateAndCumulative_NearTheLimits_AreContinuous(double limit)
    {
        var exact = new ArpsModel(800, 1.2 / Year, limit);
        foreach (var delta in new[] { 1e-3, 1e-6, 1e-9, 1e-12 })
        {
            foreach (var b in new[] { limit + delta, Math.Max(limit - delta, 0) })
            {
                var near = new ArpsModel(800, 1.2 / Year, b);
                foreach (var t in new[] { 1.0, 100, 1000, 10000 })
                {
                    // The derivative in b is bounded, so the difference must shrink with delta.
                    Assert.Equal(exact.Rate(t), near.Rate(t), 10 * delta * exact.Rate(t) * (1 + (t / 100)) + 1e-12);
                    Assert.Equal(exact.Cumulative(t), near.Cumulative(t), 10 * delta * exact.Cumulative(t) * (1 + (t / 100)) + 1e-9);
                }
            }
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(1.7)]
    public void TimeToRate_Inverts_Rate(double b)
    {
        var model = new ArpsModel(1000, 0.8 / Year, b);

        var t = model.TimeToRate(123.4);

        Assert.Equal(123.4, model.Rate(t), 1e-9);
        Assert.Equal(0, model.TimeToRate(2000));
    }

    [Fact]
    public void Decline_Hyperbolic_IsDiOverOnePlusBDiT()
    {
        var model = new ArpsModel(1000, 0.002, 0.5);

        Assert.Equal(0.002 / (1 + (0.5 * 0.002 * 400)), model.Decline(400), 1e-15);
    }

    [Fact]
    public void Eur_ExponentialToEconomicLimit_IsRateDifferenceOverDecline()
    {
        var model = new ArpsModel(500, 0.001, 0);

        var eur = model.Eur(50, double.PositiveInfinity);

        Assert.Equal((500 - 50) / 0.001, eur, 1e-6);
    }

    [Fact]
    public void Eur_HarmonicWithoutLimit_StopsAtTheTimeCap()
    {
        var model = new ArpsModel(500, 0.001, 1);

        var eur = model.Eur(0, 10000);

        Assert.Equal(500 / 0.001 * Math.Log(1 + 10), eur, 1e-6);
    }
}
