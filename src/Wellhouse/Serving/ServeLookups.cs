using System.Data.Common;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Wellhouse.Serving;

/// <summary>
/// Where a looked-up column's value is: column <c>Columns[by]</c> of <see cref="Relation"/> on the row of the same
/// well whose <see cref="Key"/> equals this row's (the target's rows of a well are ordered by that key, one per key).
/// </summary>
internal sealed record ServeLookup(
    [property: JsonPropertyName("relation")] string Relation,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("by")] string By,
    [property: JsonPropertyName("columns")] Dictionary<string, string> Columns)
{
    /// <summary>The lookup as one text (its checksum, and what two stores compare).</summary>
    public string Text => $"{Relation}[{Key}] by {By}: "
        + string.Join(", ", Columns.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} -> {c.Value}"));
}

/// <summary>
/// Columns of stored relations that repeat a column of another stored relation: int_ml_trendlines_output's actual_rate
/// is the stream's producing-day rate of stg_well_production in the same well and period (the view joins
/// int_ml_trendlines_input, stg_well_production's rows, to ml_predictions_raw): 8 bytes on each of its 29 M rows at
/// 10 M daily rows (222 MiB, 15 % of the store), which the store already holds (computed, <see cref="ServeDerived"/>) for
/// the daily series. The store keeps only where to read it, and only when the build found every scanned value equal,
/// bit for bit and NULL for NULL, to the value read there (<see cref="Check"/>, while scanning: the target relation is
/// written first and read back from the file being built); else the column is stored.
/// </summary>
internal static class ServeLookups
{
    /// <summary>The candidates per relation (warehouse/models/intermediate/int_ml_trendlines_output.sql).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, ServeLookup>> Candidates =
        new Dictionary<string, IReadOnlyDictionary<string, ServeLookup>>(StringComparer.Ordinal)
        {
            ["int_ml_trendlines_output"] = new Dictionary<string, ServeLookup>(StringComparer.Ordinal)
            {
                ["actual_rate"] = new("stg_well_production", "production_period", "stream", new(StringComparer.Ordinal)
                {
                    ["oil"] = "oil_producing_rate_kbd",
                    ["gas"] = "gas_producing_rate_mmcfd",
                    ["water"] = "water_producing_rate_kbd",
                }),
            },
        };

    /// <summary>A check of a lookup against a scan's values, row by row, in the scan's order (by well).</summary>
    public sealed class Check
    {
        private readonly ServeRelation _target;
        private readonly ServeColumn _targetKey;
        private readonly Dictionary<string, ServeColumn> _columns = new(StringComparer.Ordinal);
        private readonly int _key;
        private readonly int _by;
        private readonly int _value;
        private Type _keyType = typeof(DateOnly);
        private long _well = long.MinValue;
        private int _start;
        private int _end;
        private int _cursor;
        private long _lastKey = long.MinValue;
        private string? _lastBy;
        private ServeColumn? _lastColumn;
        private long _row;

        /// <summary>A check of <paramref name="lookup"/> for the reader's column <paramref name="value"/>, or null (with
        /// why) when the target relation or its columns are not stored with the kinds the lookup needs.</summary>
        public static (Check? Check, string? Problem) For(string column, ServeLookup lookup, ServeRelation? target, DbDataReader reader, int value)
        {
            int Ordinal(string name)
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.GetName(i) == name)
                    {
                        return i;
                    }
                }

                return -1;
            }

            var (key, by) = (Ordinal(lookup.Key), Ordinal(lookup.By));
            if (target is null)
            {
                return (null, $"{lookup.Relation} is not stored");
            }

            if (key < 0 || by < 0 || reader.GetFieldType(by) != typeof(string)
                || target.Column(lookup.Key) is not { Kind: ServeKind.Date or ServeKind.Int32 or ServeKind.Int64 } targetKey
                || ServeValues.KindOf(reader.GetFieldType(key), reader.GetDataTypeName(key)) != targetKey.Kind)
            {
                return (null, $"no {lookup.Key} and {lookup.By} to look {column} up by");
            }

            var kind = ServeValues.KindOf(reader.GetFieldType(value), reader.GetDataTypeName(value));
            var check = new Check(target, targetKey, key, by, value) { _keyType = reader.GetFieldType(key) };
            foreach (var (name, source) in lookup.Columns)
            {
                if (target.Column(source) is not { } sourceColumn || sourceColumn.Kind != ServeKind.Double || kind != ServeKind.Double)
                {
                    return (null, $"{lookup.Relation}.{source} is not a double like {column}");
                }

                check._columns[name] = sourceColumn;
            }

            return (check, null);
        }

        private Check(ServeRelation target, ServeColumn targetKey, int key, int by, int value)
        {
            _target = target;
            _targetKey = targetKey;
            _key = key;
            _by = by;
            _value = value;
        }

        /// <summary>The first row whose value differs from the target's, or null while every row matches.</summary>
        public string? Problem { get; private set; }

        /// <summary>Compares the reader's row (of well <paramref name="well"/>) with the target's value.</summary>
        public void Add(long well, DbDataReader reader)
        {
            var row = _row++;
            if (Problem is not null)
            {
                return;
            }

            if (well != _well)
            {
                (_start, _end) = _target.Range((int)well);
                _well = well;
                _lastBy = null;
                for (var r = _start + 1; r < _end; r++)
                {
                    if (_targetKey.Long(r) <= _targetKey.Long(r - 1))
                    {
                        Problem = $"{_target.Info.Name}'s rows of well {well} are not one per {_targetKey.Name}";
                        return;
                    }
                }
            }

            var by = reader.IsDBNull(_by) ? null : reader.GetString(_by);
            ServeColumn? column;
            if (by is not null && string.Equals(by, _lastBy, StringComparison.Ordinal))
            {
                column = _lastColumn!; // the row before's text (a stream's rows of a well): no hash of it
            }
            else if (by is null || !_columns.TryGetValue(by, out column))
            {
                Problem = $"row {row + 1}: no column of {_target.Info.Name} for {by ?? "NULL"}";
                return;
            }

            // As ColumnWriter reads the key (typed where the reader's type is the stored one).
            var key = _targetKey.Kind != ServeKind.Date ? Convert.ToInt64(reader.GetValue(_key), CultureInfo.InvariantCulture)
                : _keyType == typeof(DateOnly) ? reader.GetFieldValue<DateOnly>(_key).DayNumber
                : DateOnly.FromDateTime(reader.GetDateTime(_key)).DayNumber;
            if (by != _lastBy || key < _lastKey)
            {
                _cursor = _start;
                (_lastBy, _lastColumn) = (by, column);
            }

            _lastKey = key;
            while (_cursor < _end && _targetKey.Long(_cursor) < key)
            {
                _cursor++;
            }

            if (_cursor == _end || _targetKey.Long(_cursor) != key)
            {
                Problem = $"row {row + 1}: well {well} has no row of {_target.Info.Name} at that {_targetKey.Name}";
                return;
            }

            var expected = column.Number(_cursor);
            var actual = reader.IsDBNull(_value) ? (double?)null : reader.GetDouble(_value);
            if (expected.HasValue != actual.HasValue
                || (actual is { } a && BitConverter.DoubleToInt64Bits(a) != BitConverter.DoubleToInt64Bits(expected!.Value)))
            {
                Problem = string.Create(CultureInfo.InvariantCulture,
                    $"row {row + 1} (well {well}): {actual?.ToString("R", CultureInfo.InvariantCulture) ?? "NULL"}, not {_target.Info.Name}.{column.Name}'s {expected?.ToString("R", CultureInfo.InvariantCulture) ?? "NULL"}");
            }
        }

    }
}

/// <summary>A looked-up column's reads (<see cref="ServeLookup"/>) in a loaded store.</summary>
internal sealed class ServeLookupReader
{
    private readonly ServeRelation _own;
    private readonly ServeRelation _target;
    private readonly ServeColumn _key;
    private readonly ServeColumn _by;
    private readonly ServeColumn _targetKey;

    /// <summary>The target column by the id of the <c>by</c> column's text (null for a text without one).</summary>
    private readonly ServeColumn?[] _columns;

    public ServeLookupReader(ServeRelation own, ServeColumnInfo column, ServeRelation? target)
    {
        var lookup = column.Lookup!;
        string Where() => $"{own.Info.Name}.{column.Name}: looked up in {lookup.Text}";
        _own = own;
        _target = target ?? throw new InvalidDataException($"{Where()}, which is not stored");
        _key = own.Column(lookup.Key) ?? throw new InvalidDataException($"{Where()}: no {lookup.Key}");
        _by = own.Column(lookup.By) is { Kind: ServeKind.String } by ? by : throw new InvalidDataException($"{Where()}: no text column {lookup.By}");
        _targetKey = _target.Column(lookup.Key) is { } targetKey && targetKey.Kind == _key.Kind ? targetKey
            : throw new InvalidDataException($"{Where()}: the target has no {lookup.Key} of its kind");
        _columns = _by.Dictionary.Select(text => lookup.Columns.TryGetValue(text, out var name)
            ? _target.Column(name) is { } found && found.Kind == column.Kind ? found : throw new InvalidDataException($"{Where()}: no {name} of its kind")
            : null).ToArray();
    }

    /// <summary>The target column and row of a row.</summary>
    public (ServeColumn Column, int Row) At(int row)
    {
        var column = Column(row);
        var (start, end) = _target.Range(_own.WellCodeAt(row));
        var key = _key.Long(row);
        var (low, high) = (start, end - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var found = _targetKey.Long(middle);
            if (found == key)
            {
                return (column, middle);
            }

            (low, high) = found < key ? (middle + 1, high) : (low, middle - 1);
        }

        throw new InvalidDataException($"{_own.Info.Name} row {row}: no row of {_target.Info.Name} at its {_key.Name}");
    }

    private ServeColumn Column(int row)
    {
        var id = _by.IsNull(row) ? -1 : _by.Long(row);
        return (ulong)id < (ulong)_columns.Length && _columns[id] is { } column ? column
            : throw new InvalidDataException($"{_own.Info.Name} row {row}: no column to look its value up in");
    }

    /// <summary>The target rows of <paramref name="rows"/> (ascending, as a series reads them: one well's, by the
    /// <c>by</c> column, then the key), one merge through the well's target rows per run of one text; and the target
    /// column when it is the same for every row (else null: read them one by one, <see cref="At"/>).</summary>
    public (ServeColumn? Column, int[] Rows) AtRows(int[] rows)
    {
        var targets = new int[rows.Length];
        return (Targets(rows, targets, null), targets);
    }

    /// <summary>The looked-up values at <paramref name="rows"/> as doubles, NULLs marked in <paramref name="nulls"/> (their
    /// value 0): the target rows found as <see cref="AtRows"/> finds them, then read in one call when they are of one
    /// target column.</summary>
    public void Numbers(ReadOnlySpan<int> rows, Span<double> values, Span<bool> nulls)
    {
        var targets = System.Buffers.ArrayPool<int>.Shared.Rent(rows.Length);
        var columns = System.Buffers.ArrayPool<ServeColumn?>.Shared.Rent(rows.Length);
        try
        {
            if (Targets(rows, targets.AsSpan(0, rows.Length), columns) is { } same)
            {
                same.Numbers(targets.AsSpan(0, rows.Length), values, nulls);
                return;
            }

            for (var i = 0; i < rows.Length; i++)
            {
                var value = columns[i]!.Number(targets[i]);
                nulls[i] = value is null;
                values[i] = value ?? 0;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(targets);
            System.Buffers.ArrayPool<ServeColumn?>.Shared.Return(columns, clearArray: true);
        }
    }

    /// <summary>Finds the target row of each of <paramref name="rows"/> (and its column, into <paramref name="columns"/>
    /// when given); the target column when it is the same for every row, else null.</summary>
    private ServeColumn? Targets(ReadOnlySpan<int> rows, Span<int> targets, ServeColumn?[]? columns)
    {
        ServeColumn? same = null;
        var (well, start, end, cursor) = (long.MinValue, 0, 0, 0);
        long lastKey = long.MinValue;
        ServeColumn? last = null;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            var column = Column(row);
            var code = _own.WellCodeAt(row);
            var key = _key.Long(row);
            if (code != well)
            {
                (start, end) = _target.Range(code);
                well = code;
                cursor = start;
            }
            else if (column != last || key < lastKey)
            {
                cursor = start;
            }

            while (cursor < end && _targetKey.Long(cursor) < key)
            {
                cursor++;
            }

            if (cursor == end || _targetKey.Long(cursor) != key)
            {
                throw new InvalidDataException($"{_own.Info.Name} row {row}: no row of {_target.Info.Name} at its {_key.Name}");
            }

            targets[i] = cursor;
            if (columns is not null)
            {
                columns[i] = column;
            }

            same = i == 0 || same == column ? column : null;
            (last, lastKey) = (column, key);
        }

        return same;
    }
}
