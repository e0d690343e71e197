using Microsoft.AspNetCore.Mvc;
using Wellhouse.Decline;
using Wellhouse.Hosting;

namespace Wellhouse.Api;

/// <summary>
/// <c>POST /api/decline/fit</c>: the real-time path's on-demand fit of a posted series with the Wellhouse.Decline
/// library (model chosen by BIC, robust weights, start at peak; see DOMAIN.md), with a forecast and P10/P50/P90 from a
/// seeded residual bootstrap. Rate-limited like the writes, since it costs CPU.
/// </summary>
internal static class DeclineApi
{
    public const int MaxPoints = 20_000;

    public static void MapDecline(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/decline/fit", Fit).WithTags("Real-time").WithName("FitDecline")
            .WithSummary("Fit a decline curve to a posted rate series and forecast it (P10/P50/P90).")
            .RequireRateLimiting(WellhouseWebHost.WritesPolicy)
            .Produces<FitResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static IResult Fit(FitRequest request)
    {
        var args = new ApiArgs();
        var points = request.Points ?? [];
        if (points.Count is 0 or > MaxPoints)
        {
            args.Fail("points", $"expected 1 to {MaxPoints} points");
        }

        for (var i = 1; i < points.Count && args.IsValid; i++)
        {
            if (points[i].Date <= points[i - 1].Date)
            {
                args.Fail($"points[{i}].date", "dates must be strictly ascending");
            }
        }

        if (points.Any(p => !double.IsFinite(p.Rate) || (p.DaysOn is { } d && !double.IsFinite(d))))
        {
            args.Fail("points", "rates and days_on must be finite numbers");
        }

        var frequency = args.OneOf(request.Frequency, "frequency", "auto", "auto", "daily", "monthly");
        var periods = args.Int(request.ForecastPeriods?.ToString(System.Globalization.CultureInfo.InvariantCulture), "forecast_periods", 120, 0, 1200);
        if (!args.IsValid)
        {
            return args.Problem();
        }

        var seriesFrequency = frequency switch { "daily" => SeriesFrequency.Daily, "monthly" => SeriesFrequency.Monthly, _ => SeriesFrequency.Auto };
        var daysOn = points.All(p => p.DaysOn is not null) ? points.Select(p => p.DaysOn!.Value).ToList() : null;
        var series = ProductionSeries.FromDates(points.Select(p => p.Date).ToList(), points.Select(p => p.Rate).ToList(), daysOn, seriesFrequency);
        var result = DeclineFitter.Fit(series);
        if (result.Fit is not { } fit)
        {
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Cannot fit",
                Detail = result.Message,
            };
            problem.Extensions["reason"] = result.Reason?.ToString();
            problem.Extensions["row"] = result.Row;
            return TypedResults.Problem(problem);
        }

        var forecast = fit.Forecast(new ForecastOptions
        {
            Periods = periods,
            Frequency = seriesFrequency == SeriesFrequency.Daily ? SeriesFrequency.Daily : SeriesFrequency.Monthly,
            EconomicLimitRate = Math.Max(request.EconomicLimitRate ?? 0, 0),
        });
        return TypedResults.Ok(new FitResponse(
            fit.Kind.ToString(), fit.Qi, fit.DiNominalPerYear, fit.B, fit.DminNominalPerYear, fit.StartDate,
            fit.Quality.RmseLogRate, fit.Quality.RSquared, fit.Quality.PointsUsed,
            forecast.Eur, forecast.EurP10, forecast.EurP50, forecast.EurP90,
            forecast.Points.Select(p => new FitForecastPoint(p.Date, p.Rate, p.RateP10, p.RateP50, p.RateP90, p.Volume, p.Cumulative)).ToList()));
    }
}

/// <summary>A series to fit: calendar-day average rates (volume per day) by period start, optional producing days.</summary>
internal sealed record FitRequest(IReadOnlyList<FitPoint>? Points, string? Frequency, int? ForecastPeriods, double? EconomicLimitRate);

internal sealed record FitPoint(DateOnly Date, double Rate, double? DaysOn);

/// <summary>The fit (nominal declines per year, t0 = start date) and its forecast; volumes in the posted rate's unit x days.</summary>
internal sealed record FitResponse(string Model, double Qi, double? DiNominalPerYear, double? B, double? DminNominalPerYear,
    DateOnly? StartDate, double RmseLogRate, double RSquared, int PointsUsed, double Eur, double EurP10, double EurP50,
    double EurP90, IReadOnlyList<FitForecastPoint> Forecast);

internal sealed record FitForecastPoint(DateOnly? Date, double Rate, double RateP10, double RateP50, double RateP90, double Volume,
    double Cumulative);
