namespace Wellhouse.Api;

/// <summary>
/// The shared shape of a well's (or field's) time series: one relation, filtered by key and an optional date range
/// and extra equality filters (all parameters), ordered by date; 404 when the well is unknown.
/// </summary>
internal sealed record SeriesQuery(string Relation, string KeyColumn, int Key, string DateColumn)
{
    public List<(string Column, object Value)> Filters { get; } = [];

    public SeriesQuery Where(string column, object? value)
    {
        if (value is not null)
        {
            Filters.Add((column, value));
        }

        return this;
    }

    public SnapshotQuery Build(DateOnly? from, DateOnly? to, string orderBy)
    {
        var sql = $"select * from {Relation} where {KeyColumn} = $key";
        if (from is not null)
        {
            sql += $" and {DateColumn} >= $from";
        }

        if (to is not null)
        {
            sql += $" and {DateColumn} <= $to";
        }

        for (var i = 0; i < Filters.Count; i++)
        {
            sql += $" and {Filters[i].Column} = $f{i}";
        }

        var query = new SnapshotQuery(sql + $" order by {orderBy}").With("key", Key);
        if (from is not null)
        {
            query.With("from", DateColumn == "year" ? from.Value.Year : from.Value);
        }

        if (to is not null)
        {
            query.With("to", DateColumn == "year" ? to.Value.Year : to.Value);
        }

        for (var i = 0; i < Filters.Count; i++)
        {
            query.With($"f{i}", Filters[i].Value);
        }

        return query;
    }
}
