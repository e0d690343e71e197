namespace Wellhouse.Serving;

/// <summary>
/// A well's rows of a stored relation, filtered as the API's SQL filters them: equality on text columns (stream) and
/// a date range on the series' date column (a year column compares with the years of the range). Rows stay in the
/// stored order: by well, then the filter column, then date. Null when the store cannot answer (relation or column
/// not stored): the caller then asks SQL.
/// </summary>
internal static class ServeSeries
{
    public static SeriesTable? Stored(ServeStore store, string relationName, int wellCode, string dateColumn,
        IReadOnlyList<(string Column, object Value)> filters, DateOnly? from, DateOnly? to)
    {
        if (store.Relation(relationName) is not { } relation || relation.Column(dateColumn) is not { } date)
        {
            return null;
        }

        var tests = new List<(ServeColumn Column, string Value)>();
        foreach (var (name, value) in filters)
        {
            if (relation.Column(name.Trim('"')) is not { Kind: ServeKind.String } column || value is not string text)
            {
                return null;
            }

            tests.Add((column, text));
        }

        if ((from is not null || to is not null) && date.Kind is not (ServeKind.Date or ServeKind.Int32 or ServeKind.Int64))
        {
            return null;
        }

        var (low, high) = Bounds(date.Kind, from, to);

        var (start, end) = relation.Range(wellCode);
        var rows = new int[end - start];
        var count = 0;
        for (var row = start; row < end; row++)
        {
            if (Passes(tests, row) && InRange(date, row, low, high))
            {
                rows[count++] = row;
            }
        }

        return SeriesTable.Rows(relation, count == rows.Length ? rows : rows[..count]);
    }

    private static bool Passes(List<(ServeColumn Column, string Value)> tests, int row)
    {
        foreach (var (column, value) in tests)
        {
            if (column.String(row) != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Range bounds in the date column's stored form (day numbers, or years for an integer year column).</summary>
    internal static (long? Low, long? High) Bounds(ServeKind kind, DateOnly? from, DateOnly? to) => kind switch
    {
        ServeKind.Date => (from?.DayNumber, to?.DayNumber),
        ServeKind.Int32 or ServeKind.Int64 => (from?.Year, to?.Year),
        _ => (null, null),
    };

    internal static bool InRange(ServeColumn date, int row, long? low, long? high)
    {
        if (low is null && high is null)
        {
            return true;
        }

        if (date.IsNull(row))
        {
            return false;
        }

        var value = date.Long(row);
        return (low is null || value >= low) && (high is null || value <= high);
    }
}
