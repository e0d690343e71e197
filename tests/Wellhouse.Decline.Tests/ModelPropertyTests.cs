namespace Wellhouse.Decline.Tests;

/// <summary>Properties every decline model must have: q(0) = qi, Np(0) = 0, dNp/dt = q, Np increasing, D = -dlnq/dt.</summary>
public sealed class ModelPropertyTests
{
    public static TheoryData<string> Models => new()
    {
        "exponential", "hyperbolic-0.3", "harmonic", "hyperbolic-1.8", "modified-hyperbolic", "modified-early-switch",
        "duong", "stretched-0.5", "stretched-0.3",
    };

    internal static IDeclineModel Create(string name) => name switch
    {
        "exponential" => new ArpsModel(1000, 0.002, 0),
        "hyperbolic-0.3" => new ArpsModel(1000, 0.004, 0.3),
        "harmonic" => new ArpsModel(1000, 0.003, 1),
        "hyperbolic-1.8" => new ArpsModel(1000, 0.01, 1.8),
        "modified-hyperbolic" => new ModifiedHyperbolicModel(1000, 0.01, 1.2, DeclineConversions.TerminalDeclinePerDay(0.06)),
        "modified-early-switch" => new ModifiedHyperbolicModel(1000, 0.002, 0.9, DeclineConversions.TerminalDeclinePerDay(0.4)),
        "duong" => new DuongModel(1000, 0.9, 1.15),
        "stretched-0.5" => new StretchedExponentialModel(1000, 200, 0.5),
        _ => new StretchedExponentialModel(1000, 50, 0.3),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void RateAtZero_IsQi_AndCumulativeAtZero_IsZero(string name)
    {
        var model = Create(name);

        Assert.Equal(model.InitialRate, model.Rate(0), 1e-9);
        Assert.Equal(0, model.Cumulative(0));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void CumulativeDerivative_IsRate(string name)
    {
        var model = Create(name);
        foreach (var t in new[] { 5.0, 50, 500, 3000, 12000 })
        {
            const double h = 1e-3;
            var derivative = (model.Cumulative(t + h) - model.Cumulative(t - h)) / (2 * h);

            Assert.Equal(model.Rate(t), derivative, 1e-5 * model.Rate(t) + 1e-7);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Cumulative_IsIncreasing_AndRate_IsDecreasing(string name)
    {
        var model = Create(name);
        var previous = 0.0;
        var previousRate = double.PositiveInfinity;
        for (var t = 1.0; t < 20000; t *= 1.3)
        {
            var np = model.Cumulative(t);
            Assert.True(np > previous, $"Np({t}) = {np} <= {previous}");
            Assert.True(model.Rate(t) < previousRate);
            previous = np;
            previousRate = model.Rate(t);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Decline_IsMinusLogRateDerivative(string name)
    {
        var model = Create(name);
        foreach (var t in new[] { 10.0, 300, 4000 })
        {
            const double h = 1e-3;
            var derivative = -(Math.Log(model.Rate(t + h)) - Math.Log(model.Rate(t - h))) / (2 * h);

            Assert.Equal(model.Decline(t), derivative, 1e-6 * model.Decline(t) + 1e-10);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void TimeToRate_InvertsRate(string name)
    {
        var model = Create(name);
        var target = model.Rate(777);

        Assert.Equal(777, model.TimeToRate(target), 1e-5 * 777);
    }
}
