using System.Buffers.Binary;
using System.Data.Common;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace Wellhouse.Serving;

/// <summary>
/// Streams one column of a scan into a scratch file at full width, tracking the range of its integer values and its
/// runs (rows in a row with the same value); then <see cref="Finish"/> writes it into the store in the narrowest width
/// that holds the range (values minus the smallest, unsigned 1, 2, 4 or 8 bytes), with a null bitmap only when the
/// column has a NULL, or run-encoded when its runs take at most a quarter of those bytes (<see cref="RunWriter"/>).
/// </summary>
internal sealed class ColumnWriter
{
    private const int BufferBytes = 1 << 16;

    private readonly SafeFileHandle _file;
    private readonly string _name;
    private readonly ServeKind _kind;
    private readonly Type _type;
    private readonly int _width;
    private readonly long _valuesOffset;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private readonly byte[] _nulls;
    private readonly Dictionary<string, int>? _ids;
    private readonly List<string>? _dictionary;

    /// <summary>The last text read and its id: a text column's rows mostly repeat the row before's (a stream's rows of a
    /// well, a data source's), and comparing two short strings costs less than hashing one into the dictionary.</summary>
    private string? _lastText;
    private int _lastId;
    private long _written;
    private int _used;
    private long _row;
    private long _min = long.MaxValue;
    private long _max = long.MinValue;
    private bool _hasNull;

    /// <summary>The runs so far: rows in a row with the same NULL flag and stored bits count as one.</summary>
    private long _runs;
    private bool _lastNull;
    private long _lastBits;

    /// <summary>The first integer value, and the greatest common divisor of every integer value's distance to it (0 while
    /// they are all equal): the values are then min + k x spacing.</summary>
    private long _first;
    private ulong _spacing;

    /// <summary>Whether every value is an integer: always for the integer kinds; for doubles, until one is not a whole
    /// number of at most 2^53 in magnitude (or is -0).</summary>
    private bool _integral;

    /// <summary>A writer; a string column's ids continue <paramref name="dictionary"/> when given (a merge with a
    /// stored column keeps that column's ids).</summary>
    public ColumnWriter(SafeFileHandle file, string name, ServeKind kind, Type type, long rows, ref long offset,
        IReadOnlyList<string>? dictionary = null)
    {
        _file = file;
        _type = type;
        _name = name;
        _kind = kind;
        _width = ServeFormat.Width(kind);
        _integral = true;
        _valuesOffset = ServeStoreBuilder.Align(offset);
        _nulls = new byte[(rows + 7) / 8];
        offset = _valuesOffset + (rows * _width);
        if (kind == ServeKind.String)
        {
            _dictionary = [.. dictionary ?? []];
            _ids = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < _dictionary.Count; i++)
            {
                _ids.TryAdd(_dictionary[i], i);
            }
        }
    }

    public string Name => _name;

    public ServeKind Kind => _kind;

    public bool HasNull => _hasNull;

    /// <summary>Whether every value is an integer (see <see cref="_integral"/>); then <see cref="Min"/> and
    /// <see cref="Max"/> are the range of the values (Min &gt; Max when every value is NULL).</summary>
    public bool Integral => _integral;

    public long Min => _min;

    public long Max => _max;

    /// <summary>The greatest common divisor of the distances between the integer values (0 when they are all equal).</summary>
    public ulong Spacing => _spacing;

    public List<string>? Dictionary => _dictionary;

    public bool IsNull(long row) => (_nulls[row >> 3] & (1 << (int)(row & 7))) != 0;

    /// <summary>The scanned values at full width as 64-bit integers (a double's bits), for a merge.</summary>
    public long[] Values()
    {
        Flush();
        var values = new long[_written / _width];
        var bytes = new byte[checked((int)_written)];
        ReadScratch(bytes, 0);

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Read(bytes.AsSpan(i * _width, _width), _width);
        }

        return values;
    }

    public void Add(DbDataReader reader, int ordinal)
    {
        if (_used + _width > BufferBytes)
        {
            Flush();
        }

        var span = _buffer.AsSpan(_used, _width);
        var isNull = reader.IsDBNull(ordinal);
        if (isNull)
        {
            span.Clear();
            _nulls[_row >> 3] |= (byte)(1 << (int)(_row & 7));
            _hasNull = true;
        }
        else
        {
            // Typed reads where the reader's type is the stored one (no boxing); conversions otherwise.
            switch (_kind)
            {
                case ServeKind.Int32:
                    BinaryPrimitives.WriteInt32LittleEndian(span, _type == typeof(int) ? reader.GetInt32(ordinal)
                        : Convert.ToInt32(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case ServeKind.Int64:
                    BinaryPrimitives.WriteInt64LittleEndian(span, _type == typeof(long) ? reader.GetInt64(ordinal)
                        : Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case ServeKind.Double:
                    BinaryPrimitives.WriteDoubleLittleEndian(span, reader.GetDouble(ordinal));
                    break;
                case ServeKind.Bool:
                    span[0] = reader.GetBoolean(ordinal) ? (byte)1 : (byte)0;
                    break;
                case ServeKind.Date:
                    BinaryPrimitives.WriteInt32LittleEndian(span, _type == typeof(DateOnly)
                        ? reader.GetFieldValue<DateOnly>(ordinal).DayNumber
                        : DateOnly.FromDateTime(reader.GetDateTime(ordinal)).DayNumber);
                    break;
                case ServeKind.Timestamp:
                    BinaryPrimitives.WriteInt64LittleEndian(span, reader.GetDateTime(ordinal).Ticks);
                    break;
                case ServeKind.String:
                    var text = reader.GetString(ordinal);
                    if (string.Equals(text, _lastText, StringComparison.Ordinal))
                    {
                        BinaryPrimitives.WriteInt32LittleEndian(span, _lastId);
                        break;
                    }

                    if (!_ids!.TryGetValue(text, out var id))
                    {
                        id = _dictionary!.Count;
                        _ids.Add(text, id);
                        _dictionary.Add(text);
                    }

                    (_lastText, _lastId) = (text, id);
                    BinaryPrimitives.WriteInt32LittleEndian(span, id);
                    break;
            }
        }

        var bits = isNull ? 0 : Read(span, _width);
        if (_row == 0 || isNull != _lastNull || bits != _lastBits)
        {
            _runs++;
            (_lastNull, _lastBits) = (isNull, bits);
        }

        if (!isNull && _integral)
        {
            var value = Integer(span);
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
            if (_max == _min)
            {
                _first = value;
            }
            else
            {
                _spacing = Gcd(_spacing, Distance(value, _first));
            }
        }

        _used += _width;
        _row++;
    }

    /// <summary>Fills <paramref name="span"/> with the scanned values' bytes from <paramref name="from"/> on (full width).</summary>
    private void ReadScratch(Span<byte> span, long from)
    {
        for (var done = 0; done < span.Length;)
        {
            done += RandomAccess.Read(_file, span[done..], _valuesOffset + from + done);
        }
    }

    private void Flush()
    {
        if (_used == 0)
        {
            return;
        }

        RandomAccess.Write(_file, _buffer.AsSpan(0, _used), _valuesOffset + _written);
        _written += _used;
        _used = 0;
    }

    /// <summary>Writes the column into <paramref name="target"/> at <paramref name="end"/> (aligned), narrowed, and moves
    /// <paramref name="end"/> past it.</summary>
    public ServeColumnInfo Finish(SafeFileHandle target, ref long end)
    {
        Flush();
        var (width, first, step) = _integral && _min <= _max ? Narrowest(_min, _max, _spacing) : (_width, 0L, 1L);
        if (RunWriter.Saves(_row, width, _hasNull, _runs))
        {
            return FinishRuns(target, ref end);
        }

        var integralDoubles = _kind == ServeKind.Double && width < 8;
        var hash = new XxHash3();
        var valuesOffset = ServeStoreBuilder.Align(end);
        var narrow = new byte[BufferBytes];
        long read = 0;
        long written = 0;
        while (read < _written)
        {
            var chunk = (int)Math.Min(BufferBytes, _written - read);
            var span = _buffer.AsSpan(0, chunk);
            ReadScratch(span, read);

            var count = chunk / _width;
            var firstRow = read / _width;
            ReadOnlySpan<byte> output = span;
            if (width != _width || first != 0 || step != 1)
            {
                for (var i = 0; i < count; i++)
                {
                    var row = firstRow + i;
                    var isNull = (_nulls[row >> 3] & (1 << (int)(row & 7))) != 0;
                    var value = isNull ? first : integralDoubles ? (long)BitConverter.Int64BitsToDouble(Read(span.Slice(i * _width, _width), _width))
                        : Read(span.Slice(i * _width, _width), _width);
                    Write(narrow.AsSpan(i * width, width), width, Steps(value, first, step));
                }

                output = narrow.AsSpan(0, count * width);
            }

            RandomAccess.Write(target, output, valuesOffset + written);
            hash.Append(output);
            written += output.Length;
            read += chunk;
        }

        end = valuesOffset + written;
        long nullsOffset = -1;
        if (_hasNull)
        {
            nullsOffset = ServeStoreBuilder.WriteAligned(target, _nulls, ref end);
            hash.Append(_nulls);
        }

        return new ServeColumnInfo
        {
            Name = _name,
            Kind = _kind,
            ValuesOffset = valuesOffset,
            NullsOffset = nullsOffset,
            Width = width,
            Base = first,
            Step = step,
            Integral = integralDoubles,
            Checksum = Convert.ToHexStringLower(hash.GetCurrentHash()),
            Dictionary = _dictionary,
        };
    }

    /// <summary>Writes the column run-encoded (<see cref="RunWriter"/>): one pass over the scratch values.</summary>
    private ServeColumnInfo FinishRuns(SafeFileHandle target, ref long end)
    {
        var runs = new RunWriter(target, end, _runs, _hasNull);
        long read = 0;
        var row = 0;
        while (read < _written)
        {
            var chunk = (int)Math.Min(BufferBytes, _written - read);
            var span = _buffer.AsSpan(0, chunk);
            ReadScratch(span, read);

            for (var i = 0; i < chunk / _width; i++, row++)
            {
                runs.Add(row, (_nulls[row >> 3] & (1 << (row & 7))) != 0, Read(span.Slice(i * _width, _width), _width));
            }

            read += chunk;
        }

        return runs.Finish(_name, _kind, _dictionary, out end);
    }

    /// <summary>The fewest bytes (1, 2, 4 or 8) holding (max - min) / step unsigned, the base (min) and the step the
    /// values are stored with (value = base + stored x step; the step is the values' common spacing, e.g. whole seconds
    /// of timestamps stored as ticks); 8 bytes hold the values themselves (base 0, step 1).</summary>
    internal static (int Width, long Base, long Step) Narrowest(long min, long max, ulong spacing)
    {
        var step = spacing is 0 or > long.MaxValue ? 1UL : spacing;
        var range = Distance(max, min) / step;
        return range > uint.MaxValue ? (8, 0, 1)
            : (range <= byte.MaxValue ? 1 : range <= ushort.MaxValue ? 2 : 4, min, (long)step);
    }

    /// <summary>A value's stored form: its steps from the base.</summary>
    internal static long Steps(long value, long first, long step) => unchecked((long)((ulong)(value - first) / (ulong)step));

    /// <summary>|a - b| without overflow.</summary>
    internal static ulong Distance(long a, long b) => a >= b ? unchecked((ulong)a - (ulong)b) : unchecked((ulong)b - (ulong)a);

    internal static ulong Gcd(ulong a, ulong b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    /// <summary>A value as an integer; for a double that is not one, clears <see cref="_integral"/>.</summary>
    private long Integer(ReadOnlySpan<byte> span)
    {
        if (_kind != ServeKind.Double)
        {
            return Read(span, _width);
        }

        var value = BinaryPrimitives.ReadDoubleLittleEndian(span);
        if (Math.Abs(value) <= 9007199254740992.0 && value == Math.Floor(value) && !(value == 0 && double.IsNegative(value)))
        {
            return (long)value;
        }

        _integral = false;
        return 0;
    }

    internal static long Read(ReadOnlySpan<byte> span, int width) => width switch
    {
        1 => span[0],
        4 => BinaryPrimitives.ReadInt32LittleEndian(span),
        _ => BinaryPrimitives.ReadInt64LittleEndian(span),
    };

    internal static void Write(Span<byte> span, int width, long value)
    {
        switch (width)
        {
            case 1:
                span[0] = (byte)value;
                break;
            case 2:
                BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value);
                break;
            case 4:
                BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value);
                break;
            default:
                BinaryPrimitives.WriteInt64LittleEndian(span, value);
                break;
        }
    }
}

/// <summary>
/// Writes a run-encoded column (<see cref="ServeColumnInfo.RunsOffset"/>) whose run count is known before its rows are
/// given, streamed in row order: the runs' values, 8 bytes each (the column's 64-bit form), then their first rows
/// (int32), then a bitmap of the NULL runs when one is. Its checksum combines the three regions' checksums.
/// </summary>
internal sealed class RunWriter
{
    private const int BufferRuns = 1 << 13;

    private readonly SafeFileHandle _target;
    private readonly long _runs;
    private readonly long _valuesOffset;
    private readonly long _startsOffset;
    private readonly byte[]? _nulls;
    private readonly byte[] _values = new byte[BufferRuns * 8];
    private readonly byte[] _starts = new byte[BufferRuns * 4];
    private readonly XxHash3 _valuesHash = new();
    private readonly XxHash3 _startsHash = new();
    private long _run = -1;
    private long _flushed;
    private int _pending;
    private int _nextRow;
    private bool _lastNull;
    private long _lastValue;

    /// <summary>A writer of <paramref name="runs"/> runs at <paramref name="end"/> (aligned); <paramref name="hasNull"/>:
    /// whether a run is NULL.</summary>
    public RunWriter(SafeFileHandle target, long end, long runs, bool hasNull)
    {
        _target = target;
        _runs = runs;
        _valuesOffset = ServeStoreBuilder.Align(end);
        _startsOffset = ServeStoreBuilder.Align(_valuesOffset + (runs * 8));
        _nulls = hasNull ? new byte[(runs + 7) / 8] : null;
    }

    /// <summary>Whether a column of <paramref name="rows"/> rows of 8 bytes each (a double that is not a whole number, or
    /// an integer of a range past 4 bytes) is run-encoded: when its <paramref name="runs"/> runs take at most a quarter of
    /// its bytes (and its null bitmap's). A column whose value changes more often keeps a value per row, read without a
    /// search, and so does a column narrowed to 1, 2 or 4 bytes (the daily series read those on every row; a constant is
    /// one byte a row there).</summary>
    public static bool Saves(long rows, int width, bool hasNull, long runs) =>
        width == 8 && rows > 0 && runs > 0 && runs <= int.MaxValue
        && 4 * ((runs * 12) + (hasNull ? (runs + 7) / 8 : 0)) <= (rows * width) + (hasNull ? (rows + 7) / 8 : 0);

    /// <summary>Adds row <paramref name="row"/> and the <paramref name="count"/> - 1 rows after it, of one value (every
    /// row, in order from 0): a new run when its NULL flag or value differs from the row before.</summary>
    public void Add(int row, bool isNull, long value, int count = 1)
    {
        if (isNull)
        {
            value = 0;
        }

        if (row != _nextRow || count < 1)
        {
            throw new InvalidOperationException($"rows {row} + {count} given after row {_nextRow - 1}");
        }

        _nextRow += count;
        if (_run >= 0 && isNull == _lastNull && value == _lastValue)
        {
            return;
        }

        _run++;
        if (_run >= _runs)
        {
            throw new InvalidOperationException($"more than the {_runs} runs counted");
        }

        (_lastNull, _lastValue) = (isNull, value);
        if (isNull)
        {
            _nulls![_run >> 3] |= (byte)(1 << (int)(_run & 7));
        }

        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(_values.AsSpan(_pending * 8), value);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(_starts.AsSpan(_pending * 4), row);
        if (++_pending == BufferRuns)
        {
            Flush();
        }
    }

    private void Flush()
    {
        var values = _values.AsSpan(0, _pending * 8);
        var starts = _starts.AsSpan(0, _pending * 4);
        RandomAccess.Write(_target, values, _valuesOffset + (_flushed * 8));
        RandomAccess.Write(_target, starts, _startsOffset + (_flushed * 4));
        _valuesHash.Append(values);
        _startsHash.Append(starts);
        _flushed += _pending;
        _pending = 0;
    }

    /// <summary>Writes what is left and the null bitmap; <paramref name="end"/> is past the column.</summary>
    public ServeColumnInfo Finish(string name, ServeKind kind, List<string>? dictionary, out long end)
    {
        Flush();
        if (_flushed != _runs)
        {
            throw new InvalidOperationException($"{_flushed} runs written, {_runs} counted");
        }

        end = _startsOffset + (_runs * 4);
        long nullsOffset = -1;
        var checksums = new List<string> { Convert.ToHexStringLower(_valuesHash.GetCurrentHash()), Convert.ToHexStringLower(_startsHash.GetCurrentHash()) };
        if (_nulls is not null)
        {
            nullsOffset = ServeStoreBuilder.WriteAligned(_target, _nulls, ref end);
            checksums.Add(Convert.ToHexStringLower(XxHash3.Hash(_nulls)));
        }

        return new ServeColumnInfo
        {
            Name = name,
            Kind = kind,
            ValuesOffset = _valuesOffset,
            NullsOffset = nullsOffset,
            RunsOffset = _startsOffset,
            RunCount = (int)_runs,
            Width = 8,
            Checksum = ServeValues.Combine(checksums),
            Dictionary = dictionary,
        };
    }
}
