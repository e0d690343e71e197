using System.Collections.Concurrent;
using System.Text.Json;

namespace Wellhouse.Serving;

/// <summary>
/// The rows one request answers, as columns in the relation's (or view's) column order: stored columns read in place
/// through a row list, computed ones from arrays, well attributes as constants. <see cref="SeriesWriter"/> writes it.
/// </summary>
internal sealed class SeriesTable(int count)
{
    public int Count { get; } = count;

    public List<SeriesColumn> Columns { get; } = [];

    public SeriesTable Add(SeriesColumn column)
    {
        Columns.Add(column);
        return this;
    }

    /// <summary>The same rows with only the columns at <paramref name="ordinals"/> (in that order).</summary>
    public SeriesTable Select(IReadOnlyList<int> ordinals)
    {
        if (ordinals.Count == Columns.Count && ordinals.Select((ordinal, i) => ordinal == i).All(same => same))
        {
            return this;
        }

        var table = new SeriesTable(Count);
        foreach (var ordinal in ordinals)
        {
            table.Add(Columns[ordinal]);
        }

        return table;
    }

    /// <summary>Every column of a stored relation at the given rows.</summary>
    public static SeriesTable Rows(ServeRelation relation, int[] rows)
    {
        var table = new SeriesTable(rows.Length);
        foreach (var column in relation.Columns)
        {
            table.Add(column.Lookup is { } lookup ? Looked(column, lookup, rows) : new StoredColumn(column, rows));
        }

        return table;
    }

    /// <summary>A looked-up column at the given rows: its target column at the target rows when every row reads the
    /// same target column (a series of one stream), else the rows read one by one.</summary>
    private static SeriesColumn Looked(ServeColumn column, ServeLookupReader lookup, int[] rows)
    {
        var (target, targetRows) = lookup.AtRows(rows);
        return target is not null ? new StoredColumn(target, targetRows, column.Name) : new StoredColumn(column, rows);
    }
}

/// <summary>
/// A column of a <see cref="SeriesTable"/>: values by output row. <see cref="WriteJson"/> writes one value as the SQL
/// path writes it (<see cref="Api.RowsResult"/>); the accessors serve CSV.
/// </summary>
internal abstract class SeriesColumn(string name, ServeKind kind, byte[]? jsonPrefix = null)
{
    private static readonly ConcurrentDictionary<string, byte[]> Prefixes = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary><c>,"name":</c>, encoded once per name (not per request); a row's first column leaves out the comma.</summary>
    public byte[] JsonPrefix { get; } = jsonPrefix ?? PrefixOf(name);

    public ServeKind Kind { get; } = kind;

    /// <summary>The JSON text before a value of the named column: comma, the escaped name in quotes, colon.</summary>
    public static byte[] PrefixOf(string name) => Prefixes.GetOrAdd(name, static name =>
        [(byte)',', (byte)'"', .. JsonEncodedText.Encode(name).EncodedUtf8Bytes, (byte)'"', (byte)':']);

    public abstract bool IsNull(int row);

    public abstract double Double(int row);

    /// <summary>Integers, day numbers, ticks, 0/1 for booleans.</summary>
    public abstract long Long(int row);

    public abstract string? String(int row);

    /// <summary>Whether every one of the first <paramref name="count"/> rows has the same value (a well's attribute, or
    /// any column of a one-row table): <see cref="SeriesRows"/> then writes its text once per answer.</summary>
    public virtual bool SameOnEveryRow(int count) => count <= 1;

    /// <summary>A double column's values at the first <c>values.Length</c> rows, NULLs marked in <paramref name="nulls"/>
    /// (<see cref="SeriesRows"/> writes a value once per row when columns hold the same); false for other kinds.</summary>
    public virtual bool Numbers(Span<double> values, Span<bool> nulls) => false;

    /// <summary>The JSON text of the first <c>ends.Length</c> rows' values one after the other; <c>ends[row]</c> is
    /// where the row's text ends (<see cref="JsonText.Pending"/>).</summary>
    public virtual void WriteValues(JsonText json, Span<int> ends)
    {
        for (var row = 0; row < ends.Length; row++)
        {
            WriteJson(json, row);
            ends[row] = json.Pending;
        }
    }

    /// <summary>Writes one value as a CSV field (<see cref="Api.RowsResult"/>'s CSV): nothing for NULL.</summary>
    public virtual void WriteCsv(JsonText text, int row)
    {
        if (IsNull(row))
        {
            return;
        }

        if (Kind == ServeKind.Double)
        {
            text.CsvDouble(Double(row));
        }
        else
        {
            text.CsvValue(Kind, Kind == ServeKind.String ? 0 : Long(row), Kind == ServeKind.String ? String(row) : null);
        }
    }

    public virtual void WriteJson(JsonText json, int row)
    {
        if (IsNull(row))
        {
            json.Null();
            return;
        }

        switch (Kind)
        {
            case ServeKind.Double:
                json.Double(Double(row));
                break;
            case ServeKind.String:
                json.String(JsonEncodedText.Encode(String(row)!));
                break;
            default:
                json.Long(Kind, Long(row));
                break;
        }
    }
}

/// <summary>A stored column at a list of its rows.</summary>
internal sealed class StoredColumn(ServeColumn column, int[] rows, string? name = null)
    : SeriesColumn(name ?? column.Name, column.Kind, name is null ? column.JsonPrefix : null)
{
    public override bool IsNull(int row) => column.IsNull(rows[row]);

    public override double Double(int row) => column.Double(rows[row]);

    public override long Long(int row) => column.Long(rows[row]);

    public override string? String(int row) => column.String(rows[row]);

    public override void WriteJson(JsonText json, int row) => column.WriteJson(json, rows[row]);

    public override bool SameOnEveryRow(int count) => column.SameAt(rows.AsSpan(0, count));

    public override void WriteValues(JsonText json, Span<int> ends) => column.WriteValues(json, rows, ends);

    public override bool Numbers(Span<double> values, Span<bool> nulls)
    {
        if (Kind != ServeKind.Double)
        {
            return false;
        }

        column.Numbers(rows.AsSpan(0, values.Length), values, nulls);
        return true;
    }
}

/// <summary>One stored value (or NULL) repeated on every row: a well's attribute or its fit's parameters. Its JSON text
/// is written once per answer and repeated.</summary>
internal sealed class ConstantColumn(ServeColumn column, int? row, string? name = null)
    : SeriesColumn(name ?? column.Name, column.Kind, name is null ? column.JsonPrefix : null)
{
    private readonly bool _null = row is null || column.IsNull(row.Value);
    private byte[]? _json;

    public override bool IsNull(int row1) => _null;

    public override bool SameOnEveryRow(int count) => true;

    public override double Double(int row1) => column.Double(row!.Value);

    public override long Long(int row1) => column.Long(row!.Value);

    public override string? String(int row1) => _null ? null : column.String(row!.Value);

    public override void WriteJson(JsonText json, int row1)
    {
        if (_json is not null)
        {
            json.Raw(_json);
            return;
        }

        var start = json.Pending;
        if (_null)
        {
            json.Null();
        }
        else
        {
            column.WriteJson(json, row!.Value);
        }

        _json = json.WrittenSince(start).ToArray();
    }
}

/// <summary>Computed values; <c>null</c> entries of a nullable array are SQL NULLs.</summary>
internal sealed class ArrayColumn : SeriesColumn
{
    private readonly double?[]? _doubles;
    private readonly long?[]? _longs;
    private readonly string?[]? _strings;
    private string? _lastString;
    private JsonEncodedText _lastEncoded;

    private ArrayColumn(string name, ServeKind kind, double?[]? doubles, long?[]? longs, string?[]? strings) : base(name, kind)
    {
        _doubles = doubles;
        _longs = longs;
        _strings = strings;
    }

    public static ArrayColumn Doubles(string name, double?[] values) => new(name, ServeKind.Double, values, null, null);

    public static ArrayColumn Longs(string name, ServeKind kind, long?[] values) => new(name, kind, null, values, null);

    public static ArrayColumn Strings(string name, string?[] values) => new(name, ServeKind.String, null, null, values);

    public override bool IsNull(int row) => _doubles is not null ? _doubles[row] is null : _longs is not null ? _longs[row] is null : _strings![row] is null;

    public override double Double(int row) => _doubles![row]!.Value;

    public override long Long(int row) => _longs![row]!.Value;

    public override string? String(int row) => _strings![row];

    public override void WriteValues(JsonText json, Span<int> ends)
    {
        if (_doubles is { } doubles)
        {
            for (var row = 0; row < ends.Length; row++)
            {
                if (doubles[row] is { } value)
                {
                    json.Double(value);
                }
                else
                {
                    json.Null();
                }

                ends[row] = json.Pending;
            }
        }
        else if (_longs is { } longs)
        {
            for (var row = 0; row < ends.Length; row++)
            {
                if (longs[row] is { } value)
                {
                    json.Long(Kind, value);
                }
                else
                {
                    json.Null();
                }

                ends[row] = json.Pending;
            }
        }
        else
        {
            base.WriteValues(json, ends);
        }
    }

    public override bool Numbers(Span<double> values, Span<bool> nulls)
    {
        if (_doubles is not { } doubles)
        {
            return false;
        }

        for (var row = 0; row < values.Length; row++)
        {
            nulls[row] = doubles[row] is null;
            values[row] = doubles[row] ?? 0;
        }

        return true;
    }

    public override bool SameOnEveryRow(int count) =>
        _doubles is not null ? SameBits(_doubles.AsSpan(0, count)) : _longs is not null ? Same(_longs.AsSpan(0, count)) : Same(_strings.AsSpan(0, count));

    /// <summary>The same doubles bit for bit (0 and -0 are written differently; NaN is one text, null).</summary>
    private static bool SameBits(ReadOnlySpan<double?> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i].HasValue != values[0].HasValue
                || (values[i] is { } value && BitConverter.DoubleToInt64Bits(value) != BitConverter.DoubleToInt64Bits(values[0]!.Value)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same<T>(ReadOnlySpan<T> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(values[i], values[0]))
            {
                return false;
            }
        }

        return true;
    }

    public override void WriteJson(JsonText json, int row)
    {
        if (_strings?[row] is not { } text)
        {
            base.WriteJson(json, row);
            return;
        }

        // The strings of a computed series repeat (stream, period type, window): encoded once per run of equal values.
        if (text != _lastString)
        {
            _lastEncoded = JsonEncodedText.Encode(text);
            _lastString = text;
        }

        json.String(_lastEncoded);
    }
}

/// <summary>One value repeated on every row, given as a number (integers, day numbers, 0/1) or a text: a computed
/// series' well code or stream. Its JSON text is written once per answer.</summary>
internal sealed class LiteralColumn(string name, ServeKind kind, long number, string? text = null) : SeriesColumn(name, kind)
{
    public override bool IsNull(int row) => Kind == ServeKind.String && text is null;

    public override double Double(int row) => number;

    public override long Long(int row) => number;

    public override string? String(int row) => text;

    public override bool SameOnEveryRow(int count) => true;
}

/// <summary>Computed doubles, or 64-bit values of the column's kind (integers, day numbers, 0/1), in a plain array with
/// the NULLs flagged beside it (none when <c>nulls</c> is null): no boxed nullable per value.</summary>
internal sealed class ValuesColumn : SeriesColumn
{
    private readonly double[]? _doubles;
    private readonly long[]? _longs;
    private readonly bool[]? _nulls;

    private ValuesColumn(string name, ServeKind kind, double[]? doubles, long[]? longs, bool[]? nulls) : base(name, kind)
    {
        _doubles = doubles;
        _longs = longs;
        _nulls = nulls;
    }

    public static ValuesColumn Doubles(string name, double[] values, bool[]? nulls) => new(name, ServeKind.Double, values, null, nulls);

    public static ValuesColumn Longs(string name, ServeKind kind, long[] values, bool[]? nulls = null) => new(name, kind, null, values, nulls);

    public override bool IsNull(int row) => _nulls is not null && _nulls[row];

    public override double Double(int row) => _doubles is not null ? _doubles[row] : _longs![row];

    public override long Long(int row) => _longs is not null ? _longs[row] : (long)_doubles![row];

    public override string? String(int row) => null;

    public override bool Numbers(Span<double> values, Span<bool> nulls)
    {
        if (_doubles is not { } doubles)
        {
            return false;
        }

        doubles.AsSpan(0, values.Length).CopyTo(values);
        if (_nulls is null)
        {
            nulls.Clear();
        }
        else
        {
            _nulls.AsSpan(0, nulls.Length).CopyTo(nulls);
        }

        return true;
    }

    public override void WriteValues(JsonText json, Span<int> ends)
    {
        for (var row = 0; row < ends.Length; row++)
        {
            if (_nulls is not null && _nulls[row])
            {
                json.Null();
            }
            else if (_doubles is not null)
            {
                json.Double(_doubles[row]);
            }
            else
            {
                json.Long(Kind, _longs![row]);
            }

            ends[row] = json.Pending;
        }
    }

    /// <summary>The same NULLs and the same bits (0 and -0 are written differently).</summary>
    public override bool SameOnEveryRow(int count)
    {
        for (var row = 1; row < count; row++)
        {
            var isNull = IsNull(row);
            if (isNull != IsNull(0) || (!isNull && (_doubles is not null
                ? BitConverter.DoubleToInt64Bits(_doubles[row]) != BitConverter.DoubleToInt64Bits(_doubles[0])
                : _longs![row] != _longs[0])))
            {
                return false;
            }
        }

        return true;
    }
}
