using System.Buffers.Binary;
using System.Data.Common;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace Wellhouse.Serving;

/// <summary>Streams one column of a scan into its region of the store: fixed-width values, then the null bitmap.</summary>
internal sealed class ColumnWriter
{
    private const int BufferBytes = 1 << 16;

    private readonly SafeFileHandle _file;
    private readonly string _name;
    private readonly ServeKind _kind;
    private readonly Type _type;
    private readonly int _width;
    private readonly long _valuesOffset;
    private readonly long _nullsOffset;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private readonly byte[] _nulls;
    private readonly XxHash3 _hash = new();
    private readonly Dictionary<string, int>? _ids;
    private readonly List<string>? _dictionary;
    private long _written;
    private int _used;
    private long _row;

    public ColumnWriter(SafeFileHandle file, string name, ServeKind kind, Type type, long rows, ref long offset)
    {
        _file = file;
        _type = type;
        _name = name;
        _kind = kind;
        _width = ServeFormat.Width(kind);
        _valuesOffset = ServeStoreBuilder.Align(offset);
        _nullsOffset = ServeStoreBuilder.Align(_valuesOffset + (rows * _width));
        _nulls = new byte[(rows + 7) / 8];
        offset = _nullsOffset + _nulls.Length;
        if (kind == ServeKind.String)
        {
            _ids = new Dictionary<string, int>(StringComparer.Ordinal);
            _dictionary = [];
        }
    }

    public void Add(DbDataReader reader, int ordinal)
    {
        if (_used + _width > BufferBytes)
        {
            Flush();
        }

        var span = _buffer.AsSpan(_used, _width);
        if (reader.IsDBNull(ordinal))
        {
            span.Clear();
            _nulls[_row >> 3] |= (byte)(1 << (int)(_row & 7));
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
        _hash.Append(_buffer.AsSpan(0, _used));
        _written += _used;
        _used = 0;
    }

    public ServeColumnInfo Finish()
    {
        Flush();
        RandomAccess.Write(_file, _nulls, _nullsOffset);
        _hash.Append(_nulls);
        return new ServeColumnInfo
        {
            Name = _name,
            Kind = _kind,
            ValuesOffset = _valuesOffset,
            NullsOffset = _nullsOffset,
            Checksum = Convert.ToHexStringLower(_hash.GetCurrentHash()),
            Dictionary = _dictionary,
        };
    }
}
