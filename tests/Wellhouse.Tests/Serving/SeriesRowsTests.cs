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

    /// <summary>Double columns that hold the same value as another on some rows (a daily volume is its rate; a
    /// producing-day rate the volume on a full day), or as the row before (producing days of 1), share that value's
    /// text: the bytes stay Utf8JsonWriter's, with NULLs, NaN (null in JSON), 0 beside -0 (which differ) and columns
    /// equal on no row, on every row or on a few.</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(40)]
    [InlineData(1000)]
    public void EqualValuesAcrossColumns_SameBytesAsUtf8JsonWriter(int count)
    {
        var random = new Random(count);
        var rate = Enumerable.Range(0, count).Select(i => i % 11 == 5 ? null : (double?)(random.NextDouble() * 100)).ToArray();
        var volume = rate.Select((r, i) => i % 3 == 1 ? r * 30 : r).ToArray();
        var producing = volume.Select((v, i) => i % 7 == 2 ? -0.0 : i % 7 == 3 ? 0.0 : i % 13 == 4 ? double.NaN : v).ToArray();
        var other = Enumerable.Range(0, count).Select(i => (double?)(i % 2 == 0 ? 0.0 : -0.0)).ToArray();
        var late = Enumerable.Range(0, count).Select(i => i < 50 ? (double?)(i + 0.5) : rate[i]).ToArray();
        var days = Enumerable.Range(0, count).Select(i => i % 9 == 4 ? null : (double?)(i / 7 % 3 == 0 ? 1.0 : i / 7 % 3 == 1 ? 0.5 : -0.0)).ToArray();
        var columns = new (string Name, double?[] Values)[]
        {
            ("volume", volume), ("rate", rate), ("producing", producing), ("other", other), ("late", late), ("days", days),
        };
        var table = new SeriesTable(count);
        foreach (var (name, values) in columns)
        {
            table.Add(ArrayColumn.Doubles(name, values));
        }

        var expected = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(expected, new JsonWriterOptions { SkipValidation = true }))
        {
            json.WriteStartArray();
            for (var i = 0; i < count; i++)
            {
                json.WriteStartObject();
                foreach (var (name, values) in columns)
                {
                    if (values[i] is { } value && double.IsFinite(value))
                    {
                        json.WriteNumber(name, value);
                    }
                    else
                    {
                        json.WriteNull(name);
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        using var text = new JsonText();
        using (var rows = new SeriesRows(table))
        {
            text.Byte((byte)'[');
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    text.Byte((byte)',');
                }

                var before = text.Pending;
                rows.WriteRow(text, i);
                Assert.True(text.Pending - before <= rows.MaxRow);
            }

            text.Byte((byte)']');
            Assert.Equal(rows.Bytes + Math.Max(0, count - 1) + 2, text.Pending);
        }

        Assert.Equal(Encoding.UTF8.GetString(expected.WrittenSpan), Encoding.UTF8.GetString(text.WrittenSince(0)));
    }

    /// <summary>CSV lines rendered column by column are what the SQL path writes value by value (RowsResult: doubles
    /// by <c>ToString("R")</c>, NaN and infinities spelled out, NULL empty, text with formula characters escaped and
    /// RFC 4180 quoting, ISO dates and timestamps), with equal values across columns, constant and varying columns.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(200)]
    public void CsvLines_SameAsTheSqlPathsText(int count)
    {
        var random = new Random(count);
        double?[] specials = [null, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, 1e21, 1.5e-7];
        var rate = Enumerable.Range(0, count).Select(i => i < specials.Length ? specials[i] : random.NextDouble() * 1000).ToArray();
        var volume = rate.Select((r, i) => i % 4 == 1 ? r * 31 : r).ToArray();
        string?[] texts = ["=HYPERLINK(x)", "a,b", "say \"hi\"", "-1", null, "plain", "line\nbreak"];
        var name = Enumerable.Range(0, count).Select(i => texts[i % texts.Length]).ToArray();
        var day = Enumerable.Range(0, count).Select(i => (long?)(new DateOnly(2021, 3, 1).DayNumber + i)).ToArray();
        var stamp = Enumerable.Range(0, count).Select(i => (long?)new DateTime(2026, 12, 7, 4, 35, 55, 666).AddTicks(i * 1234567).Ticks).ToArray();
        var flag = Enumerable.Range(0, count).Select(i => (long?)(i % 3 == 0 ? 1 : 0)).ToArray();
        var code = Enumerable.Repeat((long?)100001, count).ToArray();
        var table = new SeriesTable(count)
            .Add(ArrayColumn.Longs("well_code", ServeKind.Int32, code))
            .Add(ArrayColumn.Strings("well_name", name))
            .Add(ArrayColumn.Longs("production_period", ServeKind.Date, day))
            .Add(ArrayColumn.Doubles("volume", volume))
            .Add(ArrayColumn.Doubles("rate", rate))
            .Add(ArrayColumn.Longs("is_outlier", ServeKind.Bool, flag))
            .Add(ArrayColumn.Longs("updated_at", ServeKind.Timestamp, stamp));

        var expected = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var fields = new[]
            {
                code[i]!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                name[i] is { } text ? Hosting.CsvField.Text(text) : "",
                DateOnly.FromDayNumber((int)day[i]!.Value).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                volume[i]?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "",
                rate[i]?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "",
                flag[i] == 1 ? "true" : "false",
                Hosting.CsvField.Quote(new DateTime(stamp[i]!.Value).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture)),
            };
            expected.Append(string.Join(',', fields)).Append('\n');
        }

        using var csv = new JsonText();
        using (var rows = new SeriesRows(table, csv: true))
        {
            for (var i = 0; i < count; i++)
            {
                rows.WriteRow(csv, i);
            }

            Assert.Equal(rows.Bytes, csv.Pending);
        }

        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(csv.WrittenSince(0)));
    }

    /// <summary>The decline curve's columns (<see cref="ValuesColumn"/>: plain arrays with NULL flags;
    /// <see cref="LiteralColumn"/>: one value) render the bytes of <see cref="ArrayColumn"/>'s nullable arrays holding the
    /// same values, JSON and CSV: NULLs, NaN, infinities, 0 beside -0, a column the same on every row, dates and booleans.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(180)]
    public void ValuesAndLiteralColumns_SameBytesAsArrayColumns(int count)
    {
        var random = new Random(count);
        double?[] specials = [null, double.NaN, -0.0, 0.0, double.PositiveInfinity, 1.5e-7, 12.5];
        var rate = Enumerable.Range(0, count).Select(i => i < specials.Length ? specials[i] : i % 5 == 2 ? null : random.NextDouble() * 10).ToArray();
        var same = Enumerable.Repeat((double?)(count == 2 ? -0.0 : 0.25), count).ToArray();
        var day = Enumerable.Range(0, count).Select(i => (long?)(new DateOnly(2020, 1, 1).DayNumber + (31 * i))).ToArray();
        var flag = Enumerable.Range(0, count).Select(i => (long?)(i < count / 3 ? 0 : 1)).ToArray();
        double[] Plain(double?[] values) => [.. values.Select(v => v ?? 0)];
        bool[] Nulls(double?[] values) => [.. values.Select(v => v is null)];
        var arrays = new SeriesTable(count)
            .Add(ArrayColumn.Longs("well_code", ServeKind.Int32, Enumerable.Repeat((long?)100001, count).ToArray()))
            .Add(ArrayColumn.Strings("stream", Enumerable.Repeat<string?>("oil", count).ToArray()))
            .Add(ArrayColumn.Longs("production_period", ServeKind.Date, day))
            .Add(ArrayColumn.Longs("is_forecast", ServeKind.Bool, flag))
            .Add(ArrayColumn.Doubles("actual_rate", rate))
            .Add(ArrayColumn.Doubles("fitted_rate", same));
        var values = new SeriesTable(count)
            .Add(new LiteralColumn("well_code", ServeKind.Int32, 100001))
            .Add(new LiteralColumn("stream", ServeKind.String, 0, "oil"))
            .Add(ValuesColumn.Longs("production_period", ServeKind.Date, [.. day.Select(d => d!.Value)]))
            .Add(ValuesColumn.Longs("is_forecast", ServeKind.Bool, [.. flag.Select(f => f!.Value)]))
            .Add(ValuesColumn.Doubles("actual_rate", Plain(rate), Nulls(rate)))
            .Add(ValuesColumn.Doubles("fitted_rate", Plain(same), null));
        foreach (var csv in new[] { false, true })
        {
            Assert.Equal(Render(arrays, csv), Render(values, csv));
        }
    }

    private static string Render(SeriesTable table, bool csv)
    {
        using var text = new JsonText();
        using (var rows = new SeriesRows(table, csv))
        {
            for (var i = 0; i < table.Count; i++)
            {
                rows.WriteRow(text, i);
            }
        }

        return Encoding.UTF8.GetString(text.WrittenSince(0));
    }
}
