using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Wellhouse.Serving;

namespace Wellhouse.Tests.Serving;

/// <summary>
/// The serving store's JSON numbers against .NET's: <see cref="ShortestDouble"/> and <see cref="JsonText"/> write each
/// double byte for byte as Utf8JsonWriter does (the SQL path's writer), on millions of doubles of every kind: random
/// bit patterns (every exponent, subnormals, NaNs), values of every decade, short decimals, ratios, halves, integers,
/// powers of two and neighbours of powers of ten. The fast path must also cover the values a series holds (it is the
/// point of it), not leave them all to .NET.
/// </summary>
public sealed class JsonTextTests
{
    [Fact]
    public void ShortestDouble_MillionsOfDoubles_SameTextAsDotNet()
    {
        var random = new Random(20261207);
        long fast = 0, checkedValues = 0;
        var mismatches = new List<string>();
        var expected = new byte[64];
        var actual = new byte[64];

        void Check(double value)
        {
            checkedValues++;
            value.TryFormat(expected, out var length, provider: System.Globalization.CultureInfo.InvariantCulture);
            if (!ShortestDouble.TryFormat(value, actual, out var written))
            {
                return;
            }

            fast++;
            if (!actual.AsSpan(0, written).SequenceEqual(expected.AsSpan(0, length)) && mismatches.Count < 10)
            {
                mismatches.Add($"{BitConverter.DoubleToInt64Bits(value):X16}: .NET {Encoding.ASCII.GetString(expected, 0, length)}, ours {Encoding.ASCII.GetString(actual, 0, written)}");
            }
        }

        foreach (var value in Edges())
        {
            Check(value);
            Check(-value);
        }

        for (var i = 0; i < 3_000_000; i++)
        {
            Check((i % 8) switch
            {
                0 => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)),
                1 => random.NextDouble() * Math.Pow(10, random.Next(-9, 18)),
                2 => Math.Round(random.NextDouble() * 1e6, random.Next(0, 9)),
                3 => random.Next(1, 1_000_000) / (double)random.Next(1, 10_000),
                4 => -random.NextDouble() * 1000,
                5 => (random.Next(0, 1 << 20) + 0.5) * Math.Pow(2, random.Next(-30, 20)),
                6 => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(Math.Pow(10, random.Next(-8, 17))) + random.Next(-3, 4)),
                _ => Math.Round(random.NextDouble() * 100, 3) * random.Next(1, 31) / 30.0,
            });
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.True(fast > checkedValues / 2, $"the fast path wrote {fast} of {checkedValues} values");
    }

    [Fact]
    public void JsonText_Values_SameBytesAsUtf8JsonWriter()
    {
        var random = new Random(7);
        double[] doubles = [.. Edges(), .. Edges().Select(v => -v), double.NaN, double.PositiveInfinity, double.NegativeInfinity,
            .. Enumerable.Range(0, 100_000).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue))),
            .. Enumerable.Range(0, 100_000).Select(_ => random.NextDouble() * Math.Pow(10, random.Next(-7, 16))),
            // Whole numbers of every magnitude around 10^15, where .NET starts writing an exponent (JsonText writes
            // the smaller ones as integers), and both zeros.
            .. Enumerable.Range(0, 100_000).Select(i => Math.Round(random.NextDouble() * Math.Pow(10, random.Next(0, 18))) * (i % 2 == 0 ? 1 : -1)),
            999_999_999_999_999.0, -999_999_999_999_999.0, 1e15, -1e15, 1e15 + 2, 0.0, -0.0, 1.0, -1.0, 4503599627370496.0];
        var expected = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(expected, new JsonWriterOptions { SkipValidation = true }))
        {
            foreach (var value in doubles)
            {
                if (double.IsFinite(value))
                {
                    json.WriteNumberValue(value);
                }
                else
                {
                    json.WriteNullValue();
                }
            }

            json.WriteNumberValue(long.MinValue);
            json.WriteNumberValue(12345L);
            json.WriteBooleanValue(true);
            json.WriteStringValue(JsonEncodedText.Encode("Ål \"x\" <b>"));
            json.WriteStringValue("2014-02-03");
        }

        var pipe = new Pipe();
        using (var text = new JsonText())
        {
            var first = true;
            foreach (var value in doubles)
            {
                if (!first)
                {
                    text.Byte((byte)',');
                }

                first = false;
                text.Double(value);
            }

            text.Byte((byte)',');
            text.Long(ServeKind.Int64, long.MinValue);
            text.Byte((byte)',');
            text.Long(ServeKind.Int32, 12345);
            text.Byte((byte)',');
            text.Long(ServeKind.Bool, 1);
            text.Byte((byte)',');
            text.String(JsonEncodedText.Encode("Ål \"x\" <b>"));
            text.Byte((byte)',');
            text.Long(ServeKind.Date, new DateOnly(2014, 2, 3).DayNumber);
            text.CopyTo(pipe.Writer);
        }

        pipe.Writer.Complete();
        Assert.True(pipe.Reader.TryRead(out var result));
        Assert.Equal(Encoding.UTF8.GetString(expected.WrittenSpan), Encoding.UTF8.GetString(result.Buffer.ToArray()));
    }

    /// <summary>Zero, the smallest and largest doubles, powers of two and ten and their neighbours, the ends of the
    /// notations' ranges.</summary>
    private static IEnumerable<double> Edges()
    {
        yield return 0;
        yield return double.Epsilon;
        yield return double.MaxValue;
        yield return 2.2250738585072014E-308;
        foreach (var exponent in Enumerable.Range(-40, 110))
        {
            var power = Math.Pow(2, exponent);
            yield return power;
            yield return Math.BitDecrement(power);
            yield return Math.BitIncrement(power);
        }

        foreach (var exponent in Enumerable.Range(-10, 30))
        {
            var power = Math.Pow(10, exponent);
            yield return power;
            yield return Math.BitDecrement(power);
            yield return Math.BitIncrement(power);
            yield return 1.5 * power;
            yield return 9.999999999999999 * power;
        }

        foreach (var value in new[] { 0.1, 0.2, 0.3, 1 / 3.0, 2 / 3.0, 2.5, 0.5, 12.5, 1234567890123456.7, 9007199254740991, 9007199254740993, 123456.789, 5e-324 })
        {
            yield return value;
        }
    }
}
