namespace Wellhouse.Serving;

/// <summary>
/// What the serving store holds: each entry is one ordered scan of a snapshot relation (rows by well code, then in the
/// order the API serves them). The marts that are tables are stored as they are; the views that are a per-well
/// computation (mart_production_daily, int_moving_averages, int_declining_curves) are computed by
/// <see cref="ServeViews"/> from stg_well_production, int_wells and int_decline_fits with the views' arithmetic; the
/// table int_production_cumsum is computed too when the build finds the computation equal to it (<see cref="ServeCumulative"/>).
/// </summary>
internal static class ServeRelations
{
    /// <summary>The forecast rows of int_declining_curves: mart_decline_forecast's months (the well's one forecast, from
    /// the data's as-of month, none for an abandoned well) as producing-day rates (rate / uptime). (The name is older
    /// than the population forecast, when these came from int_decline_fits' lists.)</summary>
    public const string DeclineForecastPoints = "int_decline_fits__forecast";

    public static readonly IReadOnlyList<(string Name, string Sql)> Scans =
    [
        ("mart_production_monthly", "select * from mart_production_monthly order by well_code, month"),
        ("mart_production_yearly", "select * from mart_production_yearly order by well_code, year"),
        ("int_production_cumsum", "select * from int_production_cumsum order by well_code, production_period"),
        ("mart_revenue", "select * from mart_revenue order by well_code, month"),
        ("mart_well_summary", "select * from mart_well_summary order by well_code"),
        ("mart_decline_forecast", "select * from mart_decline_forecast order by well_code, stream, month"),
        // A view over ml_predictions_raw joined with int_ml_trendlines_input's rates (one row per well and period):
        // one ordered scan costs about what the table alone did (0.42 against 0.40 CPU-s at 1 M rows).
        ("int_ml_trendlines_output", "select * from int_ml_trendlines_output order by well_code, stream, production_period"),
        ("stg_well_production", "select * from stg_well_production order by well_code, production_period"),
        ("int_wells", "select * from int_wells order by well_code"),
        ("int_decline_fits",
            "select * exclude (forecast_months, forecast_p50, forecast_p10, forecast_p90) from int_decline_fits order by well_code, stream"),
        (DeclineForecastPoints,
            "select well_code, stream, month as production_period, rate_p50 / uptime as fitted_rate, rate_p10 / uptime as rate_p10, "
            + "rate_p90 / uptime as rate_p90 from mart_decline_forecast order by well_code, stream, month"),
    ];
}
