using System.Buffers.Binary;
using System.Data.Common;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace Wellhouse.Serving;

/// <summary>
/// Streams one column of a scan into a scratch file at full width, tracking the range of its integer values; then
/// <see cref="Finish"/> writes it into the store in the narrowest width that holds the range (values minus the
/// smallest, unsigned 1, 2, 4 or 8 bytes), with a null bitmap only when the column has a NULL.
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
    private long _written;
    private int _used;
    private long _row;
    private long _min = long.MaxValue;
    private long _max = long.MinValue;
    private bool _hasNull;

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
        for (var done = 0; done < bytes.Length;)
        {
            done += RandomAccess.Read(_file, bytes.AsSpan(done), _valuesOffset + done);
        }

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
                    if (!_ids!.TryGetValue(text, out var id))
                    {
                        id = _dictionary!.Count;
                        _ids.Add(text, id);
                        _dictionary.Add(text);
                    }

                    BinaryPrimitives.WriteInt32LittleEndian(span, id);
                    break;
            }
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
            for (var done = 0; done < chunk;)
            {
                done += RandomAccess.Read(_file, span[done..], _valuesOffset + read + done);
            }

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
            nullsOffset = ServeStoreBuilder.Align(end);
            RandomAccess.Write(target, _nulls, nullsOffset);
            hash.Append(_nulls);
            end = nullsOffset + _nulls.Length;
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

    private static long Read(ReadOnlySpan<byte> span, int width) => width switch
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
