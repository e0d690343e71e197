namespace Wellhouse.Decline.Tests;

/// <summary>Forecasts: periods, volumes and cumulatives, economic limit, bootstrap percentiles, determinism.</summary>
public sealed class ForecastTests
{
    private static DeclineFit NoisyFit(int index = 1) =>
        DeclineFitter.Fit(SyntheticWellGenerator.Generate(index, new SyntheticWellOptions()).Series,
            FitOptions.Default with { Model = ModelSelection.Hyperbolic }).Fit!;

    [Fact]
    public void Forecast_Monthly_StartsTheMonthAfterTheHistory()
    {
        var fit = NoisyFit();

        var forecast = fit.Forecast(ForecastOptions.Default with { Periods = 24, BootstrapSamples = 0 });

        Assert.Equal(24, forecast.Points.Count);
        Assert.Equal(new DateOnly(2025, 1, 1), forecast.Points[0].Date);
        Assert.Equal(new DateOnly(2025, 2, 1), forecast.Points[1].Date);
        Assert.Equal(31, forecast.Points[0].Days);
        Assert.Equal(28, forecast.Points[1].Days);
    }

    [Fact]
    public void Forecast_VolumesAndCumulatives_FollowTheModel()
    {
        var fit = NoisyFit();

        var forecast = fit.Forecast(ForecastOptions.Default with { Periods = 12, BootstrapSamples = 0 });

        var cumulative = fit.HistoryCumulative;
        foreach (var point in forecast.Points)
        {
            var t = point.StartDay - fit.StartDay;
            var volume = fit.Model.Cumulative(t + point.Days) - fit.Model.Cumulative(t);
            cumulative += volume;
            Assert.Equal(volume, point.Volume, 1e-9 * volume);
            Assert.Equal(volume / point.Days, point.Rate, 1e-9 * point.Rate);
            Assert.Equal(cumulative, point.Cumulative, 1e-9 * cumulative);
        }
    }

    [Fact]
    public void Forecast_Daily_HasOneDayPeriods()
    {
        var forecast = NoisyFit().Forecast(ForecastOptions.Default with { Frequency = SeriesFrequency.Daily, Periods = 10, BootstrapSamples = 0 });

        Assert.All(forecast.Points, p => Assert.Equal(1, p.Days));
        Assert.Equal(1, forecast.Points[1].StartDay - forecast.Points[0].StartDay);
    }

    [Fact]
    public void Forecast_EconomicLimit_StopsWhenTheRateFallsBelowIt()
    {
        var fit = NoisyFit();
        var limit = fit.Model.Rate(fit.HistoryEndDay + 400);

        var forecast = fit.Forecast(ForecastOptions.Default with { Periods = 1000, EconomicLimitRate = limit, BootstrapSamples = 0 });

        Assert.InRange(forecast.Points.Count, 12, 15);
        Assert.All(forecast.Points, p => Assert.True(fit.Model.Rate(p.StartDay - fit.StartDay) >= limit));
    }

    [Fact]
    public void Forecast_Bootstrap_OrdersP90BelowP50BelowP10()
    {
        var forecast = NoisyFit().Forecast(ForecastOptions.Default with { Periods = 60, BootstrapSamples = 100 });

        Assert.Equal(100, forecast.BootstrapSamples);
        Assert.All(forecast.Points, p => Assert.True(p.RateP90 <= p.RateP50 && p.RateP50 <= p.RateP10));
        Assert.True(forecast.Points[^1].RateP10 > forecast.Points[^1].RateP90 * 1.001);
        Assert.True(forecast.EurP90 < forecast.EurP10);
        Assert.InRange(forecast.Eur, forecast.EurP90 * 0.98, forecast.EurP10 * 1.02);
    }

    [Fact]
    public void Forecast_SameSeed_GivesTheSamePercentiles()
    {
        var fit = NoisyFit();
        var options = ForecastOptions.Default with { Periods = 12, BootstrapSamples = 40, Seed = 7 };

        var first = fit.Forecast(options);
        var second = fit.Forecast(options);

        Assert.Equal(first.Points.Select(p => p.RateP10), second.Points.Select(p => p.RateP10));
        Assert.Equal(first.EurP50, second.EurP50);
    }

    [Fact]
    public void Forecast_BadOptions_Throws()
    {
        Assert.Throws<ArgumentException>(() => NoisyFit().Forecast(ForecastOptions.Default with { Periods = -1 }));
    }

    [Fact]
    public void Eur_IsHistoryPlusRemainingModelVolume()
    {
        var fit = NoisyFit();
        var end = Math.Min(fit.Model.TimeToRate(5), 30 * 365.25);

        var eur = fit.Eur(5, 30 * 365.25);

        Assert.Equal(fit.HistoryCumulative + fit.Model.Cumulative(end) - fit.Model.Cumulative(fit.HistoryEndDay), eur, 1e-6 * eur);
    }

    [Fact]
    public void Forecast_LimitForEurOnly_ListsEveryPeriodAndEurRunsPastThem()
    {
        var fit = NoisyFit();
        var limit = fit.Model.Rate(fit.HistoryEndDay + 400);
        var options = ForecastOptions.Default with { Periods = 6, EconomicLimitRate = limit, BootstrapSamples = 0, StopAtEconomicLimit = false };

        var forecast = fit.Forecast(options with { Periods = 100 });
        var shortHorizon = fit.Forecast(options);

        Assert.Equal(100, forecast.Points.Count);
        Assert.InRange(fit.EurEndDay(limit, options.TimeCapDays), fit.HistoryEndDay + 399, fit.HistoryEndDay + 401);
        Assert.Equal(fit.Eur(limit, options.TimeCapDays), shortHorizon.Eur, 1e-9 * shortHorizon.Eur);
        Assert.True(shortHorizon.Eur > shortHorizon.Points[^1].Cumulative, "EUR stopped at the forecast horizon");
    }
}
