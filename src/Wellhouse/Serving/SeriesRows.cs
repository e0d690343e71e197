using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Wellhouse.Serving;

/// <summary>
/// The JSON objects (or CSV lines) of a <see cref="SeriesTable"/>'s rows, rendered column by column: a column whose value is the
/// same on every row (a well's code, name and field, a fit's parameters) is written once, with the column names
/// around it, into the text between the varying values; each varying column writes all its values in one loop
/// (<see cref="SeriesColumn.WriteValues"/>: no per-value dispatch). A double equal to another double column's value on
/// the same row (a daily row's volume is its rate times one day; a producing-day rate is the volume when the well
/// produced the whole period), or to its own column's value on the row before, is not formatted again: the row uses
/// that value's text. <see cref="WriteRow(Span{byte}, int)"/>
/// then copies a row's pieces. The bytes are those <see cref="JsonText"/> writes value by value (tests compare them
/// with the SQL path's); CSV lines end with a line feed, as the SQL path's.
/// </summary>
internal sealed class SeriesRows : IDisposable
{
    /// <summary>Rows a double column is compared with the others before it stops looking when none was equal.</summary>
    private const int SearchRows = 32;

    private readonly JsonText _values = new();
    private readonly bool _csv;
    private readonly int _count;
    private readonly int _varying;

    /// <summary>Where the text of varying column v at row r starts and ends in <see cref="_values"/> (index v x count + r).</summary>
    private readonly int[] _starts;
    private readonly int[] _ends;

    /// <summary>The text before the first varying value (<c>{</c>, names, constant values), then after each varying
    /// value up to the next one (the last ends with <c>}</c>).</summary>
    private readonly byte[][] _between;

    public SeriesRows(SeriesTable table, bool csv = false)
    {
        _csv = csv;
        _count = table.Count;
        var columns = table.Columns;
        var varying = new List<SeriesColumn>(columns.Count);
        var between = new List<byte[]>(columns.Count + 1);
        using var glue = new JsonText();
        if (!csv)
        {
            glue.Byte((byte)'{');
        }

        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            if (csv)
            {
                if (i > 0)
                {
                    glue.Byte((byte)',');
                }
            }
            else
            {
                glue.Raw(i == 0 ? column.JsonPrefix.AsSpan(1) : column.JsonPrefix);
            }

            if (column.SameOnEveryRow(_count))
            {
                if (_count > 0 && csv)
                {
                    column.WriteCsv(glue, 0);
                }
                else if (_count > 0)
                {
                    column.WriteJson(glue, 0);
                }

                continue;
            }

            between.Add(glue.WrittenSince(0).ToArray());
            glue.Clear();
            varying.Add(column);
        }

        glue.Byte(csv ? (byte)'\n' : (byte)'}');
        between.Add(glue.WrittenSince(0).ToArray());
        _between = [.. between];
        _varying = varying.Count;
        var pieces = Math.Max(1, _varying * _count);
        _starts = ArrayPool<int>.Shared.Rent(pieces);
        _ends = ArrayPool<int>.Shared.Rent(pieces);
        MaxRow = _between.Sum(text => text.Length);
        Bytes = (long)MaxRow * _count;
        Render(varying);
    }

    /// <summary>The longest row's bytes.</summary>
    public int MaxRow { get; private set; }

    /// <summary>The bytes of every row together (without separators between rows).</summary>
    public long Bytes { get; private set; }

    private void Render(List<SeriesColumn> varying)
    {
        // The double columns' values, to find a value another column already wrote on the same row.
        var values = ArrayPool<double>.Shared.Rent(Math.Max(1, _varying * _count));
        var nulls = ArrayPool<bool>.Shared.Rent(Math.Max(1, _varying * _count));
        var rendered = new List<int>(_varying);
        try
        {
            for (var v = 0; v < _varying; v++)
            {
                var at = v * _count;
                var own = values.AsSpan(at, _count);
                var ownNulls = nulls.AsSpan(at, _count);
                if (_count > 1 && varying[v].Numbers(own, ownNulls))
                {
                    WriteDoubles(v, own, ownNulls, values, nulls, rendered);
                    rendered.Add(v);
                }
                else if (_csv)
                {
                    for (var row = 0; row < _count; row++)
                    {
                        _starts[at + row] = _values.Pending;
                        varying[v].WriteCsv(_values, row);
                        _ends[at + row] = _values.Pending;
                    }
                }
                else
                {
                    var start = _values.Pending;
                    varying[v].WriteValues(_values, _ends.AsSpan(at, _count));
                    for (var row = 0; row < _count; row++)
                    {
                        _starts[at + row] = start;
                        start = _ends[at + row];
                    }
                }

                var longest = 0;
                long total = 0;
                for (var row = 0; row < _count; row++)
                {
                    var length = _ends[at + row] - _starts[at + row];
                    longest = Math.Max(longest, length);
                    total += length;
                }

                MaxRow += longest;
                Bytes += total;
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(values);
            ArrayPool<bool>.Shared.Return(nulls);
        }
    }

    /// <summary>Writes the double column <paramref name="v"/>'s values, each either formatted or, when an earlier
    /// double column (<paramref name="rendered"/>) holds the same bits on that row, that column's text.</summary>
    private void WriteDoubles(int v, ReadOnlySpan<double> own, ReadOnlySpan<bool> ownNulls, double[] values, bool[] nulls, List<int> rendered)
    {
        var at = v * _count;
        var hint = -1;
        var search = rendered.Count > 0;
        var found = 0;
        for (var row = 0; row < _count; row++)
        {
            var isNull = ownNulls[row];
            var bits = BitConverter.DoubleToInt64Bits(own[row]);
            var same = -1;
            if (row > 0 && ownNulls[row - 1] == isNull && (isNull || BitConverter.DoubleToInt64Bits(own[row - 1]) == bits))
            {
                // The value of the row before (producing days of 1, a rate that stays): that row's text.
                _starts[at + row] = _starts[at + row - 1];
                _ends[at + row] = _ends[at + row - 1];
                continue;
            }

            if (hint >= 0 && Same(hint, row, isNull, bits, values, nulls))
            {
                same = hint;
            }
            else if (search)
            {
                foreach (var other in rendered)
                {
                    if (other != hint && Same(other, row, isNull, bits, values, nulls))
                    {
                        same = hint = other;
                        found++;
                        break;
                    }
                }

                search = found > 0 || row < SearchRows;
            }

            if (same >= 0)
            {
                _starts[at + row] = _starts[(same * _count) + row];
                _ends[at + row] = _ends[(same * _count) + row];
                continue;
            }

            _starts[at + row] = _values.Pending;
            if (isNull)
            {
                if (!_csv)
                {
                    _values.Null();
                }
            }
            else if (_csv)
            {
                _values.CsvDouble(own[row]);
            }
            else
            {
                _values.Double(own[row]);
            }

            _ends[at + row] = _values.Pending;
        }
    }

    private bool Same(int other, int row, bool isNull, long bits, double[] values, bool[] nulls)
    {
        var at = (other * _count) + row;
        return nulls[at] == isNull && (isNull || BitConverter.DoubleToInt64Bits(values[at]) == bits);
    }

    /// <summary>Appends the row's object (or CSV line).</summary>
    public void WriteRow(JsonText text, int row)
    {
        var span = text.GetSpan(MaxRow);
        text.Advance(WriteRow(span, row));
    }

    /// <summary>Writes the row's object (or CSV line) into <paramref name="target"/> (at least <see cref="MaxRow"/> bytes); its length.</summary>
    public int WriteRow(Span<byte> target, int row)
    {
        if (target.Length < MaxRow)
        {
            throw new ArgumentException($"a row needs {MaxRow} bytes, the span has {target.Length}", nameof(target));
        }

        // The pieces are short (a number, a name or two): copied inline, not through a call per piece.
        ref var output = ref MemoryMarshal.GetReference(target);
        ref var values = ref MemoryMarshal.GetReference(_values.WrittenSince(0));
        var between = _between[0];
        Copy(ref output, ref MemoryMarshal.GetArrayDataReference(between), between.Length);
        var length = between.Length;
        for (var v = 0; v < _varying; v++)
        {
            var at = (v * _count) + row;
            var start = _starts[at];
            var size = _ends[at] - start;
            Copy(ref Unsafe.Add(ref output, length), ref Unsafe.Add(ref values, start), size);
            length += size;
            between = _between[v + 1];
            Copy(ref Unsafe.Add(ref output, length), ref MemoryMarshal.GetArrayDataReference(between), between.Length);
            length += between.Length;
        }

        return length;
    }

    /// <summary>Copies <paramref name="size"/> bytes (within both buffers: the caller checked the room): up to 16 with two
    /// overlapping moves, more with a block copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(ref byte to, ref byte from, int size)
    {
        if (size >= 8 && size <= 16)
        {
            var head = Unsafe.ReadUnaligned<ulong>(ref from);
            var tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref from, size - 8));
            Unsafe.WriteUnaligned(ref to, head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, size - 8), tail);
        }
        else if (size >= 4 && size < 8)
        {
            var head = Unsafe.ReadUnaligned<uint>(ref from);
            var tail = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref from, size - 4));
            Unsafe.WriteUnaligned(ref to, head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, size - 4), tail);
        }
        else if (size < 4)
        {
            for (var i = 0; i < size; i++)
            {
                Unsafe.Add(ref to, i) = Unsafe.Add(ref from, i);
            }
        }
        else
        {
            Unsafe.CopyBlockUnaligned(ref to, ref from, (uint)size);
        }
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_starts);
        ArrayPool<int>.Shared.Return(_ends);
        _values.Dispose();
    }
}
