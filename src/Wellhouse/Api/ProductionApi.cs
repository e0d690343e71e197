using System.ComponentModel;
using Wellhouse.Api.Responses;
using Wellhouse.Hosting;
using Wellhouse.Serving;

namespace Wellhouse.Api;

/// <summary>
/// A well's series from the published snapshot: production (daily, monthly, yearly), cumulative, moving averages,
/// decline curve and forecast (P10/P50/P90), trendline with outlier flags, and revenue. <c>Accept: text/csv</c> gives CSV.
/// </summary>
internal static class ProductionApi
{
    private static readonly string[] Streams = ["oil", "gas", "water"];

    private const string FieldsHelp = "Only these columns, comma-separated (e.g. production_period,oil_rate_kbd): each item (and CSV line) "
        + "holds the named columns in the series' own order, the other properties left out even where the schema requires them; "
        + "a name that is not a column of the series is a 400 listing its columns. Without it, every column.";

    public static void MapProduction(this IEndpointRouteBuilder endpoints)
    {
        var well = endpoints.MapGroup("/api/wells/{wellCode:int}").WithTags("Production").WithMetadata(SnapshotRead.Cached);
        Series(well.MapGet("/production", Production).WithName("GetProduction")
            .ProducesOneOf("granularity", ("monthly", typeof(MonthlyProductionResponse)), ("daily", typeof(DailyProductionResponse)),
                ("yearly", typeof(YearlyProductionResponse)))
            .WithSummary("Production by day (as reported), month or year: volumes (kbbl, MMcf), calendar-day rates, producing days."));
        Series<CumulativeResponse>(well.MapGet("/cumulative", Cumulative).WithName("GetCumulative")
            .WithSummary("Cumulative oil, gas, water and producing days by period."));
        Series<MovingAveragesResponse>(well.MapGet("/moving-averages", MovingAverages).WithName("GetMovingAverages")
            .WithSummary("Trailing moving averages of rates: windows of days (30d, 90d, 180d) for daily wells, of months (3m, 6m, 12m) for monthly ones; another window is a 400 naming the well's."));
        Series<DeclineCurveResponse>(well.MapGet("/decline", Decline).WithName("GetDeclineCurve")
            .WithSummary("Decline curve of a stream: actual producing-day rates, fitted P50, P10 and P90, history and forecast."));
        Series<ForecastResponse>(well.MapGet("/forecast", Forecast).WithName("GetForecast")
            .WithSummary("Monthly forecast of a stream: rates P10/P50/P90, P50 volume and cumulative."));
        Series<TrendlineResponse>(well.MapGet("/trendline", Trendline).WithName("GetTrendline")
            .WithSummary("Robust trendline of producing-day rates with residuals and outlier flags."));
        Series<RevenueResponse>(well.MapGet("/revenue", Revenue).WithName("GetRevenue")
            .WithSummary("Monthly revenue in USD and local currency (NULL where a price or rate is missing)."));
    }

    private static RouteHandlerBuilder Series(RouteHandlerBuilder route) =>
        route.ProducesCsv().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesSnapshotReadProblems();

    private static RouteHandlerBuilder Series<TResponse>(RouteHandlerBuilder route) => Series(route.Produces<TResponse>());

    private static Task<IResult> Production(HttpContext context, int wellCode, string? granularity, string? from, string? to, [Description(FieldsHelp)] string? fields)
    {
        var args = new ApiArgs();
        var columns = args.Fields(fields);
        var grain = args.OneOf(granularity, "granularity", "monthly", "daily", "monthly", "yearly");
        var (start, end) = args.Range(from, to);
        var series = grain switch
        {
            "daily" => new SeriesQuery("mart_production_daily", "well_code", wellCode, "production_period").Where("period_type", "day"),
            "yearly" => new SeriesQuery("mart_production_yearly", "well_code", wellCode, "year"),
            _ => new SeriesQuery("mart_production_monthly", "well_code", wellCode, "month"),
        };
        Func<ServeStore, SeriesTable?>? daily = grain == "daily" ? store => ServeViews.Daily(store, wellCode, "day", start, end) : null;
        return RunAsync(context, args, wellCode, series, start, end, new() { ["well_code"] = wellCode, ["granularity"] = grain }, columns, compute: daily,
            preEncoded: grain == "monthly" ? AnswerCache.MonthlyProduction : null);
    }

    private static Task<IResult> Cumulative(HttpContext context, int wellCode, string? from, string? to, [Description(FieldsHelp)] string? fields)
    {
        var args = new ApiArgs();
        var columns = args.Fields(fields);
        var (start, end) = args.Range(from, to);
        var series = new SeriesQuery(ServeCumulative.Relation, "well_code", wellCode, "production_period");
        return RunAsync(context, args, wellCode, series, start, end, new() { ["well_code"] = wellCode }, columns,
            compute: store => ServeCumulative.Compute(store, wellCode, start, end));
    }

    private static async Task<IResult> MovingAverages(HttpContext context, int wellCode, string? window, string? from, string? to, [Description(FieldsHelp)] string? fields)
    {
        var args = new ApiArgs();
        var columns = args.Fields(fields);
        var (start, end) = args.Range(from, to);
        var name = args.Text(window, "window", 10);
        if (name is not null && !name.All(char.IsAsciiLetterOrDigit))
        {
            args.Fail("window", "expected a window name such as 30d or 3m");
        }
        else if (name is not null)
        {
            var windows = await MovingAverageWindows.OfWellAsync(context, wellCode);
            if (windows.Count > 0 && !windows.Contains(name, StringComparer.Ordinal))
            {
                args.Fail("window", MovingAverageWindows.Why(name, wellCode, windows));
            }
        }

        var series = new SeriesQuery("int_moving_averages", "well_code", wellCode, "production_period").Where("\"window\"", name);
        return await RunAsync(context, args, wellCode, series, start, end, new() { ["well_code"] = wellCode, ["window"] = name }, columns,
            "production_period, \"window\"", store => ServeViews.MovingAverages(store, wellCode, name, start, end));
    }

    private static Task<IResult> Decline(HttpContext context, int wellCode, string? stream, string? from, string? to, [Description(FieldsHelp)] string? fields) =>
        StreamSeries(context, wellCode, stream, from, to, fields, "int_declining_curves", "production_period");

    private static Task<IResult> Forecast(HttpContext context, int wellCode, string? stream, string? from, string? to, [Description(FieldsHelp)] string? fields) =>
        StreamSeries(context, wellCode, stream, from, to, fields, "mart_decline_forecast", "month");

    private static Task<IResult> Trendline(HttpContext context, int wellCode, string? stream, string? from, string? to, [Description(FieldsHelp)] string? fields) =>
        StreamSeries(context, wellCode, stream, from, to, fields, "int_ml_trendlines_output", "production_period");

    private static Task<IResult> Revenue(HttpContext context, int wellCode, string? from, string? to, [Description(FieldsHelp)] string? fields)
    {
        var args = new ApiArgs();
        var columns = args.Fields(fields);
        var (start, end) = args.Range(from, to);
        var series = new SeriesQuery("mart_revenue", "well_code", wellCode, "month");
        return RunAsync(context, args, wellCode, series, start, end, new() { ["well_code"] = wellCode }, columns);
    }

    private static Task<IResult> StreamSeries(HttpContext context, int wellCode, string? stream, string? from, string? to, string? fields,
        string relation, string dateColumn)
    {
        var args = new ApiArgs();
        var columns = args.Fields(fields);
        var name = args.OneOf(stream, "stream", "oil", Streams);
        var (start, end) = args.Range(from, to);
        var series = new SeriesQuery(relation, "well_code", wellCode, dateColumn).Where("stream", name);
        // The views the store computes (else, or in a store of an older build that holds the view's rows, the relation's rows).
        Func<ServeStore, SeriesTable?>? view = name is null ? null : relation switch
        {
            ServeViewCheck.DeclineCurves => store => ServeViews.DeclineCurve(store, wellCode, name, start, end),
            ServeViewCheck.DeclineForecast => store => ServeViews.DeclineForecast(store, wellCode, name, start, end),
            _ => null,
        };
        return RunAsync(context, args, wellCode, series, start, end, new() { ["well_code"] = wellCode, ["stream"] = name }, columns, compute: view);
    }

    /// <summary>The series from the serving store (<paramref name="compute"/> for a relation it computes, else the stored
    /// relation), or from SQL when the store does not hold it; only the columns in <paramref name="fields"/> when given
    /// (<see cref="SeriesFields"/>). A series named <paramref name="preEncoded"/> is, read whole in JSON with every
    /// column, kept as bytes after its first answer (<see cref="AnswerCache"/>).</summary>
    private static async Task<IResult> RunAsync(HttpContext context, ApiArgs args, int wellCode, SeriesQuery series,
        DateOnly? from, DateOnly? to, Dictionary<string, object?> envelope, IReadOnlyList<string>? fields, string? orderBy = null,
        Func<ServeStore, SeriesTable?>? compute = null, string? preEncoded = null)
    {
        if (!args.IsValid)
        {
            return args.Problem();
        }

        var store = SnapshotQuery.Pinned(context).Serve;
        if (store is not null && WellsApi.InStore(store, wellCode) is { } known)
        {
            if (!known)
            {
                return WellsApi.WellNotFound(wellCode);
            }

            KeepAnswer? keep = null;
            if (preEncoded is not null && from is null && to is null && fields is null && !SeriesFormat.WantsCsv(context.Request)
                && store.Relation("mart_well_summary") is { } wells)
            {
                var answers = context.RequestServices.GetRequiredService<AnswerCache>();
                var index = wells.IndexOf(wellCode);
                if (answers.Get(store, preEncoded, index) is { } body)
                {
                    return new EncodedResult(body);
                }

                keep = body => answers.Keep(store, preEncoded, index, (int)wells.Info.Wells, body);
            }

            var table = compute?.Invoke(store) ?? ServeSeries.Stored(store, series.Relation, wellCode, series.DateColumn, series.Filters, from, to);
            if (table is not null)
            {
                var ordinals = SeriesFields.Select(fields, [.. table.Columns.Select(column => column.Name)], out var problem);
                return ordinals is null ? problem! : new SeriesResult(table.Select(ordinals), envelope, keep: keep);
            }
        }
        else if (!await WellsApi.ExistsAsync(context, wellCode))
        {
            return WellsApi.WellNotFound(wellCode);
        }

        return new RowsResult(series.Build(from, to, orderBy ?? series.DateColumn), envelope, fields: fields);
    }
}
