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
        if (!ShortestDouble.TryFormat(value, target, out var written))
        {
            value.TryFormat(target, out written, provider: CultureInfo.InvariantCulture);
        }

        _at += written;
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
        DateOnly.FromDayNumber(dayNumber).Deconstruct(out var year, out var month, out var day);
        Ensure(12);
        var text = _buffer.AsSpan(_at, 12);
        text[0] = (byte)'"';
        Digits(text.Slice(1, 4), year);
        text[5] = (byte)'-';
        Digits(text.Slice(6, 2), month);
        text[8] = (byte)'-';
        Digits(text.Slice(9, 2), day);
        text[11] = (byte)'"';
        _at += 12;
    }

    /// <summary>"yyyy-MM-ddTHH:mm:ss.FFFFFFF" (ISO 8601, trailing zeros of the fraction left out), as the SQL path. The
    /// rows of a series mostly share their timestamp (their batch's load time), so the last text is kept per thread.</summary>
    public void Timestamp(long ticks)
    {
        if (ticks != _lastTicks || _lastTimestamp is null)
        {
            Span<byte> text = stackalloc byte[40];
            new DateTime(ticks).TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            _lastTimestamp = [(byte)'"', .. JsonEncodedText.Encode(text[..written]).EncodedUtf8Bytes, (byte)'"'];
            _lastTicks = ticks;
        }

        Raw(_lastTimestamp);
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
