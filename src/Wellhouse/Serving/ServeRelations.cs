namespace Wellhouse.Serving;

/// <summary>
/// What the serving store holds: each entry is one ordered scan of a snapshot relation (rows by well code, then in the
/// order the API serves them). The marts that are tables are stored as they are; the views that are a per-well
/// computation (mart_production_daily, int_moving_averages, int_declining_curves) are computed by
/// <see cref="ServeViews"/> from stg_well_production, int_wells and int_decline_fits with the views' arithmetic; the
/// view int_production_cumsum is computed too, from stg_well_production's rows (<see cref="ServeCumulative"/>), and the
/// view mart_decline_forecast from int_decline_forecast's rows and mart_production_monthly's volumes to date
/// (<see cref="ServeViews.DeclineForecast"/>).
/// </summary>
internal static class ServeRelations
{
    /// <summary>The forecast rows of int_declining_curves: mart_decline_forecast's months (the well's one forecast, from
    /// the data's as-of month, none for an abandoned well) as producing-day rates (rate / uptime), read from the table
    /// int_decline_forecast under the view (the rates without the view's cumulative, which moves with every new day
    /// while these rows do not). (The name is older than the population forecast, when these came from
    /// int_decline_fits' lists.)</summary>
    public const string DeclineForecastPoints = "int_decline_fits__forecast";

    /// <summary>The table under the view mart_decline_forecast: its rows, with the forecast's own running sum
    /// (forecast_cum_p50), which does not move with a new day, where the view's cum_p50 adds the cumulative to date.</summary>
    public const string DeclineForecast = "int_decline_forecast";

    public static readonly IReadOnlyList<(string Name, string Sql)> Scans =
    [
        ("mart_production_monthly", "select * from mart_production_monthly order by well_code, month"),
        ("mart_production_yearly", "select * from mart_production_yearly order by well_code, year"),
        ("int_production_cumsum", "select * from int_production_cumsum order by well_code, production_period"),
        ("mart_revenue", "select * from mart_revenue order by well_code, month"),
        ("mart_well_summary", "select * from mart_well_summary order by well_code"),
        (DeclineForecast, "select * from int_decline_forecast order by well_code, stream, month"),
        ("stg_well_production", "select * from stg_well_production order by well_code, production_period"),
        // A view over ml_predictions_raw joined with int_ml_trendlines_input's rates (one row per well and period):
        // one ordered scan costs about what the table alone did (0.42 against 0.40 CPU-s at 1 M rows). Its actual_rate
        // is read from stg_well_production, scanned before it (ServeLookups).
        ("int_ml_trendlines_output", "select * from int_ml_trendlines_output order by well_code, stream, production_period"),
        ("int_wells", "select * from int_wells order by well_code"),
        ("int_decline_fits",
            "select * exclude (forecast_months, forecast_p50, forecast_p10, forecast_p90) from int_decline_fits order by well_code, stream"),
        (DeclineForecastPoints,
            "select well_code, stream, month as production_period, rate_p50 / uptime as fitted_rate, rate_p10 / uptime as rate_p10, "
            + "rate_p90 / uptime as rate_p90 from int_decline_forecast order by well_code, stream, month"),
    ];

    /// <summary>
    /// The scans whose rows of a well depend on that well's raw rows and the project alone (the warehouse's incremental
    /// models, docs/warehouse.md, "Incremental refresh", and views over them): in a snapshot built incrementally, the
    /// rows of a well not in int_refresh_wells are the parent's, so the store reuses them from the parent's store
    /// (<see cref="ServeStoreMerge"/>). The forecast's rows are kept by their own rule (<see cref="ForecastRows"/>). The
    /// others depend on every well (the data's as-of date of int_well_status, the population forecast's priors) or change
    /// for every well with a new day) and are scanned whole by every build.
    /// </summary>
    public static readonly IReadOnlySet<string> PerWell = new HashSet<string>(StringComparer.Ordinal)
    {
        "mart_production_monthly", "mart_production_yearly", ServeCumulative.Relation, "mart_revenue", "int_ml_trendlines_output",
        "stg_well_production", "int_wells", "int_decline_fits",
    };

    /// <summary>
    /// The relations whose rows are int_decline_forecast's, which an incremental build keeps for most wells whatever
    /// int_refresh_wells holds (a new day inside the data's as-of month does not move a forecast) and computes again for
    /// others that are not in it (a well that became abandoned): the wells whose rows the build computed are the table
    /// int_decline_forecast_refits that the model's pre-hook writes (macro decline_forecast_refits), and a merge copies
    /// every other well's rows from the parent's store (<see cref="ServeStoreReuse.ChangedFor"/>). Without the table
    /// they are scanned whole.
    /// </summary>
    public static readonly IReadOnlySet<string> ForecastRows = new HashSet<string>(StringComparer.Ordinal)
    {
        DeclineForecast, DeclineForecastPoints,
    };

    /// <summary>
    /// The per-well relations whose rows of a day well (docs/warehouse.md, "New rows only": its new rows all follow its
    /// reported span) are the parent's before a cutoff and new from it, as the warehouse keeps them: a merge copies the
    /// parent's rows before the cutoff and scans the new snapshot's rows from it (<see cref="ServeStoreMerge.Plan"/>).
    /// The cutoff is on <see cref="ServeNewRows.Key"/>, the column the scan orders a well's rows by (within
    /// <see cref="ServeNewRows.Group"/>'s runs when the scan orders by it first). int_wells and int_decline_fits (a row or
    /// two per well, replaced or kept) are scanned whole for a changed well.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, ServeNewRows> NewRowsOnly = new Dictionary<string, ServeNewRows>(StringComparer.Ordinal)
    {
        // The staging tables keep a day well's rows and append them from new_from; the running sums of the periods
        // before it do not change.
        ["stg_well_production"] = new("production_period", null, ServeDayCut.NewFrom),
        [ServeCumulative.Relation] = new("production_period", null, ServeDayCut.NewFrom),
        // The monthly marts and revenue recompute a day well's months from month_from, the yearly mart its years from
        // month_from's year.
        ["mart_production_monthly"] = new("month", null, ServeDayCut.MonthFrom),
        ["mart_revenue"] = new("month", null, ServeDayCut.MonthFrom),
        ["mart_production_yearly"] = new("year", null, ServeDayCut.YearOfMonthFrom),
        // ml_predictions_raw appends the new points of a day well whose new rows lie in the as-of month, per stream.
        ["int_ml_trendlines_output"] = new("production_period", "stream", ServeDayCut.TrendlineNewFrom),
    };

    /// <summary>
    /// Relations whose rows a build counts from a table (a full scan sizes its columns by the count and checks it read
    /// that many rows; an incremental merge checks its rows against it, <see cref="ServeStoreMerge"/>), where counting
    /// the relation itself costs a join of every row: int_ml_trendlines_output is ml_predictions_raw's rows, each joined with its one row of
    /// int_ml_trendlines_input (one row per well and period, the rows the trendlines were fitted on), so it has
    /// ml_predictions_raw's rows (with the count of its 29 M rows through the join, its merge took 7.9 of the store's
    /// 13.6 CPU-s at 10 M rows; the table's count is its metadata).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> RowCounts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["int_ml_trendlines_output"] = "select count(*) from ml_predictions_raw",
    };

    /// <summary>
    /// The scans whose rows a snapshot built whole stores in the scan's order (by well_code, then the date column given):
    /// stg_well_production is a view of stg_well_production_accepted's rows, which the table is written in
    /// (<c>order by well_code, production_period</c>, for the C# models' reads). A store built without a parent's reads
    /// them as stored, checking the order row by row, rather than sorting them again (at 10 M daily rows, a range of
    /// 3.3 M rows under the store's 1 GB cap: sorted 1.3-2.0 CPU-s, read as stored 0.12-0.17); a row out of order (a
    /// table appended to, another project's) has the relation read again sorted.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> StoredInOrder = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["stg_well_production"] = "production_period",
    };

    /// <summary>A scan limited to the wells from <paramref name="from"/> (inclusive) to <paramref name="until"/>
    /// (exclusive), each bound left open when null: <c>where well_code &gt;= from and well_code &lt; until</c> before its
    /// order by, which DuckDB pushes to the tables under a view and checks against each row group's min/max.</summary>
    public static string ForRange(string sql, int? from, int? until)
    {
        var bounds = new List<string>(2);
        if (from is { } low)
        {
            bounds.Add($"well_code >= {low.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        if (until is { } high)
        {
            bounds.Add($"well_code < {high.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        return Filtered(sql, bounds.Count == 0 ? null : string.Join(" and ", bounds));
    }

    /// <summary>The scan with <c>where <paramref name="condition"/></c> before its order by (unchanged for no condition);
    /// only a scan without a where clause of its own takes one.</summary>
    public static string Filtered(string sql, string? condition)
    {
        var order = sql.LastIndexOf(" order by ", StringComparison.Ordinal);
        if (order < 0 || sql.Contains(" where ", StringComparison.Ordinal))
        {
            throw new ArgumentException($"not a scan a well filter can be added to: {sql}", nameof(sql));
        }

        return condition is null ? sql : $"{sql[..order]} where {condition}{sql[order..]}";
    }

    /// <summary>The scan without its order by (for counts and checks, which the order does not change).</summary>
    public static string Unordered(string sql)
    {
        var order = sql.LastIndexOf(" order by ", StringComparison.Ordinal);
        return order > 0 ? sql[..order] : sql;
    }
}

/// <summary>Where a day well's new rows start in a relation (<see cref="ServeRelations.NewRowsOnly"/>).</summary>
internal enum ServeDayCut
{
    /// <summary>int_refresh_wells.new_from: the end of the well's reported span in the parent.</summary>
    NewFrom,

    /// <summary>int_refresh_wells.month_from: the month of the well's last reported day.</summary>
    MonthFrom,

    /// <summary>The year of month_from.</summary>
    YearOfMonthFrom,

    /// <summary>new_from, for the day wells whose trendline rows ml_predictions_raw kept (new rows in the data's as-of
    /// month, stored rows matching the input); the others' trendlines are fitted again whole.</summary>
    TrendlineNewFrom,
}

/// <summary>How a relation's rows of a day well split into the parent's and the new ones: by <see cref="Key"/>
/// (a date or an integer column) at the well's cutoff, within each run of <see cref="Group"/> when not null.</summary>
internal sealed record ServeNewRows(string Key, string? Group, ServeDayCut Cut);
