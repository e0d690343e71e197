using Microsoft.AspNetCore.Mvc;
using Wellhouse.Api.Responses;
using Wellhouse.Decline;
using Wellhouse.Hosting;

namespace Wellhouse.Api;

/// <summary>
/// <c>POST /api/decline/fit</c>: the real-time path's on-demand fit of a posted series with the Wellhouse.Decline
/// library (model chosen by BIC, robust weights, start at peak; see docs/domain.md), with a forecast and P10/P50/P90 from a
/// seeded residual bootstrap. Rate-limited like the writes, since it costs CPU.
/// </summary>
internal static class DeclineApi
{
    public const int MaxPoints = 20_000;

    /// <summary>
    /// The largest rate (in absolute value) a posted point may have: far above any well in any unit (bbl/d, Mcf/d),
    /// and small enough that volumes, cumulatives and EURs over the longest forecast stay finite numbers.
    /// </summary>
    public const double MaxRate = 1e12;

    public static void MapDecline(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/decline/fit", Fit).WithTags("Real-time").WithName("FitDecline")
            .WithSummary("Fit a decline curve to a posted rate series and forecast it (P10/P50/P90).")
            .RequireRateLimiting(WellhouseWebHost.WritesPolicy)
            .Produces<FitResponse>().ProducesValidationProblem()
            .Produces<CannotFitProblem>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
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
        else if (Enumerable.Range(0, points.Count).FirstOrDefault(i => Math.Abs(points[i].Rate) > MaxRate, -1) is >= 0 and var index)
        {
            args.Fail($"points[{index}].rate", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{points[index].Rate:G6} is beyond the limit of {MaxRate:G0} in absolute value"));
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
            return CannotFit(result.Reason, result.Row, result.Message);
        }

        var forecast = fit.Forecast(new ForecastOptions
        {
            Periods = periods,
            Frequency = seriesFrequency == SeriesFrequency.Daily ? SeriesFrequency.Daily : SeriesFrequency.Monthly,
            EconomicLimitRate = Math.Max(request.EconomicLimitRate ?? 0, 0),
        });
        var response = new FitResponse(
            Warehouse.DeclineModelNames.Name(fit.Kind), fit.Qi, fit.DiNominalPerYear, fit.B, fit.DminNominalPerYear, fit.StartDate,
            fit.Quality.RmseLogRate, fit.Quality.RSquared, fit.Quality.PointsUsed,
            forecast.Eur, forecast.EurP10, forecast.EurP50, forecast.EurP90,
            forecast.Points.Select(p => new FitForecastPoint(p.Date, p.Rate, p.RateP10, p.RateP50, p.RateP90, p.Volume, p.Cumulative)).ToList());
        return IsFinite(response) ? TypedResults.Ok(response) : CannotFit(CannotFitReason.InvalidInput, null,
            "the fit or its forecast is not a finite number (JSON has no Infinity or NaN); check the rates' scale");
    }

    private static IResult CannotFit(CannotFitReason? reason, int? row, string? message)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Cannot fit",
            Detail = message,
        };
        problem.Extensions["reason"] = reason?.ToString();
        problem.Extensions["row"] = row;
        return TypedResults.Problem(problem);
    }

    /// <summary>Whether every number of the answer can be written as JSON (a safety net behind the rate limit).</summary>
    private static bool IsFinite(FitResponse fit) =>
        new double?[] { fit.Qi, fit.DiNominalPerYear, fit.B, fit.DminNominalPerYear, fit.RmseLogRate, fit.RSquared, fit.Eur, fit.EurP10, fit.EurP50, fit.EurP90 }
            .All(value => value is not { } v || double.IsFinite(v))
        && fit.Forecast.All(p => double.IsFinite(p.Rate) && double.IsFinite(p.RateP10) && double.IsFinite(p.RateP50)
            && double.IsFinite(p.RateP90) && double.IsFinite(p.Volume) && double.IsFinite(p.Cumulative));
}

/// <summary>A series to fit: calendar-day average rates (volume per day) by period start, optional producing days.</summary>
/// <param name="Points">The series, dates strictly ascending, 1 to 20,000 points.</param>
/// <param name="Frequency">auto (default: from the dates' spacing), daily or monthly.</param>
/// <param name="ForecastPeriods">Periods to forecast (days or months), 0 to 1200; default 120.</param>
/// <param name="EconomicLimitRate">Rate (the posted rate's unit, e.g. bbl/d) below which the forecast stops; default 0.</param>
internal sealed record FitRequest(IReadOnlyList<FitPoint>? Points, string? Frequency, int? ForecastPeriods, double? EconomicLimitRate);

/// <summary>One period of the posted series.</summary>
/// <param name="Date">First day of the period (yyyy-MM-dd).</param>
/// <param name="Rate">Calendar-day average rate of the period, in the caller's unit (e.g. bbl/d, Mcf/d).</param>
/// <param name="DaysOn">Producing days in the period, days; when every point has it, the fit uses producing-day rates.</param>
internal sealed record FitPoint(DateOnly Date, double Rate, double? DaysOn);

/// <summary>The fit (nominal declines per year, t0 = start date) and its forecast; volumes in the posted rate's unit x days.</summary>
/// <param name="Model">Decline model chosen by BIC, named as in the marts and the CLI: exponential, hyperbolic, harmonic, modified_hyperbolic, duong or stretched_exponential.</param>
/// <param name="Qi">Initial rate at the start date, the posted rate's unit (e.g. bbl/d).</param>
/// <param name="DiNominalPerYear">Initial nominal decline, per year; null for models without one.</param>
/// <param name="B">Arps b exponent (0 exponential, 1 harmonic); null for non-Arps models.</param>
/// <param name="DminNominalPerYear">Terminal nominal decline of a modified hyperbolic fit, per year; null otherwise.</param>
/// <param name="StartDate">Start of the fitted segment (t0: the peak, or the restart after a workover).</param>
/// <param name="RmseLogRate">Root mean square error of ln(rate) over the points used (dimensionless).</param>
/// <param name="RSquared">Coefficient of determination of ln(rate) (dimensionless).</param>
/// <param name="PointsUsed">Points the fit used (after the start and outlier weights).</param>
/// <param name="Eur">Estimated ultimate recovery (P50) from the start date, the rate's unit x days (e.g. bbl).</param>
/// <param name="EurP10">EUR high estimate (P10), the rate's unit x days.</param>
/// <param name="EurP50">EUR P50 of the bootstrap, the rate's unit x days.</param>
/// <param name="EurP90">EUR low estimate (P90), the rate's unit x days.</param>
/// <param name="Forecast">Forecast periods after the last point.</param>
internal sealed record FitResponse(string Model, double Qi, double? DiNominalPerYear, double? B, double? DminNominalPerYear,
    DateOnly? StartDate, double RmseLogRate, double RSquared, int PointsUsed, double Eur, double EurP10, double EurP50,
    double EurP90, IReadOnlyList<FitForecastPoint> Forecast);

/// <summary>A forecast period.</summary>
/// <param name="Date">First day of the forecast period.</param>
/// <param name="Rate">Fitted rate, the posted rate's unit (e.g. bbl/d).</param>
/// <param name="RateP10">High estimate (P10) of the rate, the posted rate's unit.</param>
/// <param name="RateP50">P50 of the rate, the posted rate's unit.</param>
/// <param name="RateP90">Low estimate (P90) of the rate, the posted rate's unit.</param>
/// <param name="Volume">Volume of the period, the rate's unit x days (e.g. bbl).</param>
/// <param name="Cumulative">Cumulative volume from the start date to the end of the period, the rate's unit x days.</param>
internal sealed record FitForecastPoint(DateOnly? Date, double Rate, double RateP10, double RateP50, double RateP90, double Volume,
    double Cumulative);
