using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Wellhouse.Serving;

namespace Wellhouse.Tests.Serving;

/// <summary>
/// <see cref="SeriesRows"/> renders a table column by column, writing the columns that hold one value on every row once:
/// its rows must be the bytes Utf8JsonWriter writes for the same values row by row, whichever columns are constant
/// (first, middle, last, all, none), with NULLs, and for no rows or one.
/// </summary>
public sealed class SeriesRowsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(61)]
    [InlineData(1000)]
    public void Rows_SameBytesAsUtf8JsonWriter(int count)
    {
        var random = new Random(count);
        var wellCode = Enumerable.Repeat((long?)100001, count).ToArray();
        var name = Enumerable.Repeat<string?>("Well \"A\" <1>", count).ToArray();
        var day = Enumerable.Range(0, count).Select(i => (long?)(new DateOnly(2020, 1, 1).DayNumber + i)).ToArray();
        var rate = Enumerable.Range(0, count).Select(i => i % 7 == 3 ? null : (double?)(random.NextDouble() * Math.Pow(10, random.Next(-3, 5)))).ToArray();
        var stream = Enumerable.Range(0, count).Select(i => (string?)(i % 2 == 0 ? "oil" : "gas")).ToArray();
        var flag = Enumerable.Repeat((long?)1, count).ToArray();
        var nothing = new double?[count];
        var table = new SeriesTable(count)
            .Add(ArrayColumn.Longs("well_code", ServeKind.Int32, wellCode))
            .Add(ArrayColumn.Strings("well_name", name))
            .Add(ArrayColumn.Longs("production_period", ServeKind.Date, day))
            .Add(ArrayColumn.Doubles("rate", rate))
            .Add(ArrayColumn.Longs("is_forecast", ServeKind.Bool, flag))
            .Add(ArrayColumn.Strings("stream", stream))
            .Add(ArrayColumn.Doubles("p10", nothing));

        var expected = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(expected, new JsonWriterOptions { SkipValidation = true }))
        {
            json.WriteStartArray();
            for (var i = 0; i < count; i++)
            {
                json.WriteStartObject();
                json.WriteNumber("well_code", wellCode[i]!.Value);
                json.WriteString("well_name", name[i]);
                json.WriteString("production_period", DateOnly.FromDayNumber((int)day[i]!.Value).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                if (rate[i] is { } value)
                {
                    json.WriteNumber("rate", value);
                }
                else
                {
                    json.WriteNull("rate");
                }

                json.WriteBoolean("is_forecast", true);
                json.WriteString("stream", stream[i]);
                json.WriteNull("p10");
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        var pipe = new Pipe();
        using (var text = new JsonText())
        using (var rows = new SeriesRows(table))
        {
            text.Byte((byte)'[');
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    text.Byte((byte)',');
                }

                rows.WriteRow(text, i);
            }

            text.Byte((byte)']');
            text.CopyTo(pipe.Writer);
        }

        pipe.Writer.Complete();
        Assert.True(pipe.Reader.TryRead(out var result));
        Assert.Equal(Encoding.UTF8.GetString(expected.WrittenSpan), Encoding.UTF8.GetString(result.Buffer.ToArray()));
    }
}
