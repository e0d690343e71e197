using Wellhouse.Decline;
using Wellhouse.Warehouse;

namespace Wellhouse.Tests.Warehouse;

/// <summary>int_population_forecast and mart_decline_hindcast share a forecaster only when histories and options are
/// the same content.</summary>
public sealed class PopulationForecastersTests
{
    private static List<MonthlyHistory> Wells(double lastVolume, string firstId = "w1") =>
    [
        new MonthlyHistory(firstId, new DateOnly(2020, 1, 1), [10.0, 9.0, 8.5, lastVolume], [31, 29, 31, double.NaN]),
        new MonthlyHistory("w2", new DateOnly(2020, 3, 1), [5.0, 4.5], [31, 30]),
    ];

    [Fact]
    public void For_SameContentAndOptions_ReturnsTheKeptForecasterUntilReleased()
    {
        var options = PopulationForecastOptions.Default with { Months = 60, SampleWells = 7 };
        var first = PopulationForecasters.For(Wells(8.0), options);

        Assert.Same(first, PopulationForecasters.For(Wells(8.0), options));
        Assert.NotSame(first, PopulationForecasters.For(Wells(8.0000001), options));
        Assert.NotSame(first, PopulationForecasters.For(Wells(8.0, firstId: "w0"), options));
        Assert.NotSame(first, PopulationForecasters.For(Wells(8.0), options with { AbandonMonths = 6 }));
        Assert.NotSame(first, PopulationForecasters.For([.. Enumerable.Reverse(Wells(8.0))], options));

        PopulationForecasters.Release(first);
        Assert.NotSame(first, PopulationForecasters.For(Wells(8.0), options));
    }

    [Fact]
    public void Fingerprint_ReadsNaNDaysAndTheSplitBetweenIdAndMonth()
    {
        var a = new MonthlyHistory("ab", new DateOnly(2020, 1, 1), [1.0], [double.NaN]);
        var b = new MonthlyHistory("ab", new DateOnly(2020, 1, 1), [1.0], [30]);
        var c = new MonthlyHistory("a", new DateOnly(2020, 1, 1), [1.0], [double.NaN]);

        Assert.NotEqual(PopulationForecasters.Fingerprint([a]), PopulationForecasters.Fingerprint([b]));
        Assert.NotEqual(PopulationForecasters.Fingerprint([a]), PopulationForecasters.Fingerprint([c]));
        Assert.Equal(PopulationForecasters.Fingerprint([a]),
            PopulationForecasters.Fingerprint([new MonthlyHistory("ab", new DateOnly(2020, 1, 1), [1.0], [double.NaN])]));
    }
}
