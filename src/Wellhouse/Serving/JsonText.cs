using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;

namespace Wellhouse.Serving;

/// <summary>
/// JSON text of a series' rows appended to a pooled buffer, each value written as <see cref="Api.RowsResult"/>'s
/// Utf8JsonWriter writes DuckDB's values (the same bytes: tests compare the two paths), without the writer's
/// bookkeeping per call: a row is <c>{</c>, then per column its name already encoded with its quotes, colon and the
/// comma before it (<see cref="SeriesColumn.JsonPrefix"/>), then the value. Doubles go through
/// <see cref="ShortestDouble"/>. <see cref="CopyTo"/> hands the text to the response's pipe. As an
/// <see cref="IBufferWriter{T}"/> it takes a Utf8JsonWriter's output (the answer's envelope).
/// </summary>
internal sealed class JsonText : IBufferWriter<byte>, IDisposable
{
    private const int MaxNumber = 32;

    [ThreadStatic]
    private static long _lastTicks;

    [ThreadStatic]
    private static byte[]? _lastTimestamp;

    [ThreadStatic]
    private static string? _lastCsv;

    [ThreadStatic]
    private static byte[]? _lastCsvBytes;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int _at;

    /// <summary>Bytes written and not yet copied to the pipe.</summary>
    public int Pending => _at;

    /// <summary>The text written since <paramref name="pending"/> (a <see cref="Pending"/> of before; valid until the
    /// next <see cref="CopyTo"/>).</summary>
    public ReadOnlySpan<byte> WrittenSince(int pending) => _buffer.AsSpan(pending, _at - pending);

    public void Raw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_at));
        _at += bytes.Length;
    }

    /// <summary>Room for <paramref name="bytes"/> more bytes: writes of at most that many in all need no check of their
    /// own (<see cref="RawUnchecked"/>).</summary>
    public void Reserve(int bytes) => Ensure(bytes);

    /// <summary><see cref="Raw"/> within the room a <see cref="Reserve"/> made.</summary>
    public void RawUnchecked(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_at));
        _at += bytes.Length;
    }

    /// <summary>Forgets the text written (keeps the buffer).</summary>
    public void Clear() => _at = 0;

    public void Advance(int count) => _at += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 256));
        return _buffer.AsMemory(_at);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 256));
        return _buffer.AsSpan(_at);
    }

    public void Byte(byte value)
    {
        Ensure(1);
        _buffer[_at++] = value;
    }

    public void Null() => Raw("null"u8);

    /// <summary>A double as the shortest round-trip number; NaN and infinities (which JSON lacks) as null.</summary>
    public void Double(double value)
    {
        if (!double.IsFinite(value))
        {
            Null();
            return;
        }

        Ensure(MaxNumber);
        var target = _buffer.AsSpan(_at);
        int written;
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15 && (value != 0 || !double.IsNegative(value)))
        {
            // A whole number below 10^15 (.NET writes larger ones with an exponent): its digits, as .NET writes them
            // (ShortestDouble leaves powers of two such as 1, a daily row's producing days, to .NET's slower formatter).
            Utf8Formatter.TryFormat((long)value, target, out written);
        }
        else if (!ShortestDouble.TryFormat(value, target, out written))
        {
            value.TryFormat(target, out written, provider: CultureInfo.InvariantCulture);
        }

        _at += written;
    }

    /// <summary>A double as CSV writes it (<c>ToString("R")</c> in the invariant culture): the shortest round-trip number,
    /// <c>NaN</c>, <c>Infinity</c> or <c>-Infinity</c>.</summary>
    public void CsvDouble(double value)
    {
        if (double.IsFinite(value))
        {
            Double(value);
        }
        else
        {
            Raw(double.IsNaN(value) ? "NaN"u8 : value > 0 ? "Infinity"u8 : "-Infinity"u8);
        }
    }

    /// <summary>A value of a CSV line other than a double (<see cref="Api.RowsResult"/>'s way): integers, true/false,
    /// dates as yyyy-MM-dd, timestamps as ISO 8601, text with formula characters escaped and RFC 4180 quoting.</summary>
    public void CsvValue(ServeKind kind, long value, string? text)
    {
        switch (kind)
        {
            case ServeKind.String:
                CsvText(text!);
                break;
            case ServeKind.Date:
                Ensure(10);
                WriteDate(_buffer.AsSpan(_at, 10), (int)value);
                _at += 10;
                break;
            case ServeKind.Timestamp:
                // The ISO text has no character CSV quotes: JSON's text without its quotes.
                var quoted = TimestampText(value);
                Raw(quoted.AsSpan(1, quoted.Length - 2));
                break;
            default:
                Long(kind, value);
                break;
        }
    }

    /// <summary>Text as a CSV field (<see cref="Hosting.CsvField"/>); the last string's bytes are kept per thread, as a
    /// series' text columns repeat their values.</summary>
    public void CsvText(string text)
    {
        if (!ReferenceEquals(text, _lastCsv) || _lastCsvBytes is null)
        {
            _lastCsvBytes = System.Text.Encoding.UTF8.GetBytes(Hosting.CsvField.Text(text));
            _lastCsv = text;
        }

        Raw(_lastCsvBytes);
    }

    /// <summary>Integers, booleans (0/1), dates (day numbers) and timestamps (ticks).</summary>
    public void Long(ServeKind kind, long value)
    {
        switch (kind)
        {
            case ServeKind.Bool:
                Raw(value != 0 ? "true"u8 : "false"u8);
                break;
            case ServeKind.Date:
                Date((int)value);
                break;
            case ServeKind.Timestamp:
                Timestamp(value);
                break;
            default:
                Ensure(MaxNumber);
                Utf8Formatter.TryFormat(value, _buffer.AsSpan(_at), out var written);
                _at += written;
                break;
        }
    }

    /// <summary>A string already escaped (<see cref="JsonEncodedText"/>), in quotes.</summary>
    public void String(JsonEncodedText text)
    {
        var bytes = text.EncodedUtf8Bytes;
        Ensure(bytes.Length + 2);
        _buffer[_at++] = (byte)'"';
        bytes.CopyTo(_buffer.AsSpan(_at));
        _at += bytes.Length;
        _buffer[_at++] = (byte)'"';
    }

    /// <summary>"yyyy-MM-dd" of a day number, digits written directly.</summary>
    public void Date(int dayNumber)
    {
        Ensure(12);
        var text = _buffer.AsSpan(_at, 12);
        text[0] = (byte)'"';
        WriteDate(text.Slice(1, 10), dayNumber);
        text[11] = (byte)'"';
        _at += 12;
    }

    private static void WriteDate(Span<byte> text, int dayNumber)
    {
        DateOnly.FromDayNumber(dayNumber).Deconstruct(out var year, out var month, out var day);
        Digits(text[..4], year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), day);
    }

    /// <summary>"yyyy-MM-ddTHH:mm:ss.FFFFFFF" (ISO 8601, trailing zeros of the fraction left out), as the SQL path. The
    /// rows of a series mostly share their timestamp (their batch's load time), so the last text is kept per thread.</summary>
    public void Timestamp(long ticks) => Raw(TimestampText(ticks));

    private static byte[] TimestampText(long ticks)
    {
        if (ticks != _lastTicks || _lastTimestamp is null)
        {
            Span<byte> text = stackalloc byte[40];
            new DateTime(ticks).TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            _lastTimestamp = [(byte)'"', .. JsonEncodedText.Encode(text[..written]).EncodedUtf8Bytes, (byte)'"'];
            _lastTicks = ticks;
        }

        return _lastTimestamp;
    }

    /// <summary>Copies the pending text into the pipe (it is sent when the pipe is flushed or the response ends).</summary>
    public void CopyTo(PipeWriter pipe)
    {
        pipe.Write(_buffer.AsSpan(0, _at));
        _at = 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Ensure(int bytes)
    {
        if (_at + bytes > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _at + bytes));
            _buffer.AsSpan(0, _at).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }

    private static void Digits(Span<byte> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
