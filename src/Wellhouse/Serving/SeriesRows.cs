using System.Buffers;

namespace Wellhouse.Serving;

/// <summary>
/// The JSON objects of a <see cref="SeriesTable"/>'s rows, rendered column by column: a column whose value is the
/// same on every row (a well's code, name and field, a fit's parameters) is written once, with the column names
/// around it, into the text between the varying values; each varying column writes all its values in one loop
/// (<see cref="SeriesColumn.WriteValues"/>: no per-value dispatch). <see cref="WriteRow"/> then copies a row's pieces.
/// The bytes are those <see cref="JsonText"/> writes value by value (tests compare them with the SQL path's).
/// </summary>
internal sealed class SeriesRows : IDisposable
{
    private readonly JsonText _values = new();
    private readonly int _count;
    private readonly int _varying;
    private readonly int[] _ends;

    /// <summary>The text before the first varying value (<c>{</c>, names, constant values), then after each varying
    /// value up to the next one (the last ends with <c>}</c>).</summary>
    private readonly byte[][] _between;

    /// <summary>The longest row's bytes at most: reserved once per row.</summary>
    private readonly int _maxRow;

    public SeriesRows(SeriesTable table)
    {
        _count = table.Count;
        var columns = table.Columns;
        var varying = new List<SeriesColumn>(columns.Count);
        var between = new List<byte[]>(columns.Count + 1);
        using var glue = new JsonText();
        glue.Byte((byte)'{');
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            glue.Raw(i == 0 ? column.JsonPrefix.AsSpan(1) : column.JsonPrefix);
            if (column.SameOnEveryRow(_count))
            {
                if (_count > 0)
                {
                    column.WriteJson(glue, 0);
                }

                continue;
            }

            between.Add(glue.WrittenSince(0).ToArray());
            glue.Clear();
            varying.Add(column);
        }

        glue.Byte((byte)'}');
        between.Add(glue.WrittenSince(0).ToArray());
        _between = [.. between];
        _varying = varying.Count;
        _ends = ArrayPool<int>.Shared.Rent(Math.Max(1, _varying * _count));
        _maxRow = _between.Sum(text => text.Length);
        var start = 0;
        for (var v = 0; v < _varying; v++)
        {
            var ends = _ends.AsSpan(v * _count, _count);
            varying[v].WriteValues(_values, ends);
            var longest = 0;
            foreach (var end in ends)
            {
                longest = Math.Max(longest, end - start);
                start = end;
            }

            _maxRow += longest;
        }
    }

    /// <summary>Appends the row's object.</summary>
    public void WriteRow(JsonText text, int row)
    {
        text.Reserve(_maxRow);
        text.RawUnchecked(_between[0]);
        var values = _values.WrittenSince(0);
        for (var v = 0; v < _varying; v++)
        {
            var at = (v * _count) + row;
            var start = at > 0 ? _ends[at - 1] : 0;
            text.RawUnchecked(values[start.._ends[at]]);
            text.RawUnchecked(_between[v + 1]);
        }
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_ends);
        _values.Dispose();
    }
}
