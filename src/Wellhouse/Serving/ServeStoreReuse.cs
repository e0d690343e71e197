using System.Data.Common;
using System.Globalization;

namespace Wellhouse.Serving;

/// <summary>The store of the snapshot an incremental refresh started from (read only, never written).</summary>
internal sealed record ServePrevious(string Path, string SnapshotId);

/// <summary>
/// What an incremental build of a serving store reuses (docs/architecture.md, "Snapshots"): the parent's store, mapped
/// read-only, and the wells the warehouse recomputed (int_refresh_wells of the new snapshot, and the application's
/// refresh_wells it is built from, which only a snapshot started from its parent has). A per-well relation
/// (<see cref="ServeRelations.PerWell"/>) then takes the unchanged wells' rows from the parent's store
/// (<see cref="ServeStoreMerge"/>); a relation of the forecast's rows (<see cref="ServeRelations.ForecastRows"/>) takes
/// the rows of the wells that int_decline_forecast kept. No reuse, and a full build with the reason, when the parent's store is missing or
/// of another format or snapshot, when the snapshot has no refresh_wells (built whole), or when more than half the wells changed
/// (copying would save little).
/// </summary>
internal sealed class ServeStoreReuse
{
    private ServeStoreReuse(ServeStore store, int[] changed, int[]? forecastChanged, IReadOnlyDictionary<int, ServeDayWell> dayWells, int wells)
    {
        Store = store;
        Changed = changed;
        ChangedSet = changed.ToHashSet();
        _forecastChanged = forecastChanged;
        _forecastChangedSet = forecastChanged?.ToHashSet();
        DayWells = dayWells;
        _wells = wells;
    }

    /// <summary>The wells whose forecast rows int_decline_forecast computed (int_decline_forecast_refits), ascending; null
    /// when the snapshot has no such table (the forecast's relations are then scanned whole).</summary>
    private readonly int[]? _forecastChanged;
    private readonly HashSet<int>? _forecastChangedSet;

    /// <summary>The parent store's wells (its largest relation's).</summary>
    private readonly int _wells;

    /// <summary>The day wells among the changed ones (docs/warehouse.md, "New rows only"), by well code.</summary>
    public IReadOnlyDictionary<int, ServeDayWell> DayWells { get; }

    public ServeStore Store { get; }

    /// <summary>The changed wells, ascending.</summary>
    public IReadOnlyList<int> Changed { get; }

    public IReadOnlySet<int> ChangedSet { get; }

    /// <summary>The wells whose rows of <paramref name="relation"/> are not the parent's: for the forecast's rows
    /// (<see cref="ServeRelations.ForecastRows"/>) those int_decline_forecast computed, else the changed wells.</summary>
    public IReadOnlySet<int> ChangedFor(string relation) =>
        ServeRelations.ForecastRows.Contains(relation) && _forecastChangedSet is { } forecast ? forecast : ChangedSet;

    /// <summary>The parent's relation to merge with, or null when the relation is scanned whole.</summary>
    public ServeRelation? Relation(string name) =>
        ServeRelations.PerWell.Contains(name) || (ServeRelations.ForecastRows.Contains(name) && _forecastChanged is not null)
            ? Store.Relation(name) : null;

    /// <summary>
    /// What a merge of <paramref name="relation"/> scans: every row of the wells it recomputes whole, and of a day well
    /// (when the relation keeps a day well's earlier rows, <see cref="ServeRelations.NewRowsOnly"/>) the rows from its
    /// cutoff on, the parent's rows before the cutoff being copied. Null, with the reason, when the wells to scan whole
    /// are more than half of the parent's (the relation is then scanned whole: copying would save little).
    /// </summary>
    public (ServeMergeScope? Scope, string? Reason) Scope(string relation)
    {
        var rule = ServeRelations.NewRowsOnly.GetValueOrDefault(relation);
        var cutoffs = new Dictionary<int, long>();
        var whole = new List<int>();
        var forecast = ServeRelations.ForecastRows.Contains(relation) && _forecastChanged is not null;
        foreach (var well in forecast ? _forecastChanged! : Changed)
        {
            if (rule is not null && DayWells.TryGetValue(well, out var day) && day.Cutoff(rule.Cut) is { } cutoff)
            {
                cutoffs[well] = cutoff;
            }
            else
            {
                whole.Add(well);
            }
        }

        if (whole.Count * 2L > _wells)
        {
            return (null, $"{whole.Count:N0} of its wells to scan whole, more than half of the parent store's {_wells:N0}");
        }

        // One condition per cutoff (a daily feed's day wells share one): the key at or after it, for those wells.
        var conditions = new List<string>();
        if (whole.Count > 0)
        {
            conditions.Add($"well_code in ({List(whole)})");
        }

        foreach (var group in cutoffs.GroupBy(c => c.Value).OrderBy(g => g.Key))
        {
            var literal = rule!.Cut == ServeDayCut.YearOfMonthFrom
                ? group.Key.ToString(CultureInfo.InvariantCulture)
                : $"date '{DateOnly.FromDayNumber(checked((int)group.Key)):yyyy-MM-dd}'";
            conditions.Add($"({rule.Key} >= {literal} and well_code in ({List(group.Select(c => c.Key).Order())}))");
        }

        return (new ServeMergeScope(conditions.Count == 0 ? "false" : string.Join(" or ", conditions), rule, cutoffs), null);
    }

    /// <summary>The reuse, with a note for the run log; or null and the reason for a full build.</summary>
    public static (ServeStoreReuse? Reuse, string Note) Open(DbConnection connection, ServePrevious previous)
    {
        if (!File.Exists(previous.Path))
        {
            return (null, $"full build: the parent's store {System.IO.Path.GetFileName(previous.Path)} is missing");
        }

        ServeStore store;
        try
        {
            store = ServeStore.Open(previous.Path, previous.SnapshotId);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            return (null, $"full build: the parent's store is not usable ({ex.Message})");
        }

        var changed = new List<int>();
        try
        {
            using var command = connection.CreateCommand();
            // Both the application's list (main.refresh_wells, written only when a snapshot is started from its parent:
            // a full build has none) and the warehouse's model of it.
            command.CommandText = """
                select distinct well_code from (select well_code from main.refresh_wells union all select well_code from int_refresh_wells)
                where well_code is not null order by well_code
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                changed.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }
        catch (Exception ex) when (ex is DbException or OverflowException)
        {
            return (null, $"full build: the snapshot's int_refresh_wells cannot be read ({ex.Message.Split('\n')[0]})");
        }

        Dictionary<int, ServeDayWell> dayWells;
        int[]? forecastChanged;
        try
        {
            dayWells = ReadDayWells(connection);
            forecastChanged = ReadForecastRefits(connection);
        }
        catch (Exception ex) when (ex is DbException or OverflowException or InvalidCastException)
        {
            return (null, $"full build: the snapshot's day wells or forecast refits cannot be read ({ex.Message.Split('\n')[0]})");
        }

        var wells = store.Footer.Relations.Select(r => r.Wells).DefaultIfEmpty(0).Max();
        var whole = changed.Count(well => !dayWells.ContainsKey(well));
        if (whole * 2L > wells)
        {
            return (null, $"full build: {whole:N0} wells changed whole, more than half of the parent store's {wells:N0}");
        }

        var days = dayWells.Count;
        return (new ServeStoreReuse(store, [.. changed], forecastChanged, dayWells, wells),
            $"incremental on the store of {previous.SnapshotId}: {changed.Count:N0} changed well(s) scanned"
            + (days > 0 ? $" ({days:N0} day well(s) from their new rows on)" : string.Empty) + ", the others' rows copied"
            + (forecastChanged is null ? "; no int_decline_forecast_refits: the forecast scanned whole"
                : $"; the forecast of {forecastChanged.Length:N0} well(s) scanned"));
    }

    /// <summary>The wells of int_decline_forecast_refits (written by int_decline_forecast's pre-hook, macro
    /// decline_forecast_refits: the wells whose forecast rows the build computed; every other well's rows are the
    /// parent's), ascending; null when the snapshot has no such table.</summary>
    private static int[]? ReadForecastRefits(DbConnection connection)
    {
        using (var exists = connection.CreateCommand())
        {
            exists.CommandText = "select count(*) from information_schema.tables where table_schema = current_schema() and table_name = 'int_decline_forecast_refits'";
            if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                return null;
            }
        }

        var wells = new List<int>();
        using var command = connection.CreateCommand();
        command.CommandText = "select distinct well_code from int_decline_forecast_refits where well_code is not null order by well_code";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            wells.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return [.. wells];
    }

    /// <summary>
    /// The day wells of int_refresh_wells (new_from set) with their cutoffs, and whether ml_predictions_raw kept their
    /// trendline rows: their new rows lie in the data's as-of month (ml_predictions_raw's rule) and the model did not fit
    /// them again whole for stored rows that did not match its input (the table <c>ml_predictions_raw_refits</c> it
    /// writes on an incremental build; without it no day well's trendline rows count as kept).
    /// </summary>
    private static Dictionary<int, ServeDayWell> ReadDayWells(DbConnection connection)
    {
        var refitsTable = false;
        using (var exists = connection.CreateCommand())
        {
            exists.CommandText = "select count(*) from information_schema.tables where table_schema = current_schema() and table_name = 'ml_predictions_raw_refits'";
            refitsTable = Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
        }

        var refit = new HashSet<int>();
        if (refitsTable)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "select well_code from ml_predictions_raw_refits where well_code is not null";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                refit.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }

        var days = new Dictionary<int, ServeDayWell>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                select refresh.well_code, min(refresh.new_from), min(refresh.month_from),
                    coalesce(bool_and(refresh.new_from >= {Warehouse.DeclineFitsModel.FittedUntil("status")}), false)
                from int_refresh_wells as refresh
                left join int_well_status as status on refresh.well_code = status.well_code
                where refresh.well_code is not null and refresh.new_from is not null and refresh.month_from is not null
                group by refresh.well_code
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var well = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
                days[well] = new ServeDayWell(DateOf(reader.GetValue(1)), DateOf(reader.GetValue(2)),
                    refitsTable && reader.GetBoolean(3) && !refit.Contains(well));
            }
        }

        return days;

        static DateOnly DateOf(object value) => value switch
        {
            DateOnly date => date,
            DateTime time => DateOnly.FromDateTime(time),
            _ => throw new InvalidCastException($"not a date: {value}"),
        };
    }

    /// <summary>Well codes as a SQL list of literals (<c>null</c> for none, which matches no row).</summary>
    public static string List(IEnumerable<int> wells)
    {
        var list = string.Join(", ", wells.Select(w => w.ToString(CultureInfo.InvariantCulture)));
        return list.Length == 0 ? "null" : list;
    }
}

/// <summary>A day well's cutoffs (docs/warehouse.md, "New rows only"): its rows from <see cref="NewFrom"/> are new in the
/// staging tables, its months from <see cref="MonthFrom"/> in the monthly marts (years from its year in the yearly
/// one), and, when <see cref="TrendlinesKept"/>, its trendline rows from <see cref="NewFrom"/>.</summary>
internal sealed record ServeDayWell(DateOnly NewFrom, DateOnly MonthFrom, bool TrendlinesKept)
{
    /// <summary>The cutoff in the store's 64-bit form of the key (a day number, or the year), or null when the
    /// relation's rows of the well are to be scanned whole.</summary>
    public long? Cutoff(ServeDayCut cut) => cut switch
    {
        ServeDayCut.NewFrom => NewFrom.DayNumber,
        ServeDayCut.MonthFrom => MonthFrom.DayNumber,
        ServeDayCut.YearOfMonthFrom => MonthFrom.Year,
        ServeDayCut.TrendlineNewFrom => TrendlinesKept ? NewFrom.DayNumber : null,
        _ => null,
    };
}

/// <summary>What a merge scans (<see cref="ServeStoreReuse.Scope"/>): the condition of its rows, and the day wells'
/// cutoffs (empty for a relation that scans its changed wells whole).</summary>
internal sealed record ServeMergeScope(string Condition, ServeNewRows? Rule, IReadOnlyDictionary<int, long> Cutoffs);
