using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;

namespace Wellhouse.Serving;

/// <summary>
/// Writes a <see cref="SeriesTable"/> exactly as <see cref="Api.RowsResult"/> writes the same rows read from DuckDB:
/// JSON <c>{...envelope, "items": [...]}</c> (doubles as shortest round-trip numbers, non-finite ones as null, ISO dates)
/// or CSV with a header when the client asks for <c>text/csv</c>; with <c>single</c>, the first row as an object
/// (404 when there is none). Not buffered or kept in the response cache (<see cref="Hosting.DirectBody"/>): the JSON is
/// written straight into the response's pipe (no intermediate buffer to grow and copy), flushed every 64 KB.
/// </summary>
internal sealed class SeriesResult(SeriesTable table, IReadOnlyDictionary<string, object?>? envelope = null, bool single = false) : IResult
{
    private const int FlushBytes = 1 << 16;

    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        if (single && table.Count == 0)
        {
            await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found").ExecuteAsync(httpContext);
            return;
        }

        // Written straight to the client: recomputing from the store costs what a cache hit costs.
        httpContext.Features.Get<Hosting.DirectBody>()?.Use(httpContext);

        if (!single && Hosting.SeriesFormat.WantsCsv(httpContext.Request))
        {
            httpContext.Response.ContentType = "text/csv; charset=utf-8";
            await using var writer = new StreamWriter(httpContext.Response.Body, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            await writer.WriteAsync(SeriesWriter.Csv(table));
            return;
        }

        httpContext.Response.ContentType = "application/json; charset=utf-8";
        var pipe = httpContext.Response.BodyWriter;
        await using var json = new Utf8JsonWriter(pipe, Options);
        if (single)
        {
            SeriesWriter.WriteRow(json, table, 0);
        }
        else
        {
            json.WriteStartObject();
            SeriesWriter.WriteEnvelope(json, envelope);
            json.WriteStartArray("items"u8);
            for (var row = 0; row < table.Count; row++)
            {
                SeriesWriter.WriteRow(json, table, row);
                if (json.BytesPending > FlushBytes)
                {
                    await FlushAsync(json, pipe, httpContext.RequestAborted);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        // Hands the rest to the pipe; the server sends it when the request ends.
        json.Flush();
    }

    private static async ValueTask FlushAsync(Utf8JsonWriter json, PipeWriter pipe, CancellationToken cancellationToken)
    {
        json.Flush();
        await pipe.FlushAsync(cancellationToken);
    }
}

internal static class SeriesWriter
{
    public static void WriteRow(Utf8JsonWriter json, SeriesTable table, int row)
    {
        json.WriteStartObject();
        foreach (var column in table.Columns)
        {
            json.WritePropertyName(column.JsonName);
            column.WriteJson(json, row);
        }

        json.WriteEndObject();
    }

    /// <summary>The envelope's properties, as JsonSerializer writes them (the SQL path's way), without its per-call cost
    /// for the types the endpoints use.</summary>
    public static void WriteEnvelope(Utf8JsonWriter json, IReadOnlyDictionary<string, object?>? envelope)
    {
        if (envelope is null)
        {
            return;
        }

        foreach (var (name, value) in envelope)
        {
            json.WritePropertyName(name);
            switch (value)
            {
                case null:
                    json.WriteNullValue();
                    break;
                case int number:
                    json.WriteNumberValue(number);
                    break;
                case long number:
                    json.WriteNumberValue(number);
                    break;
                case string text:
                    json.WriteStringValue(text);
                    break;
                default:
                    // Not JsonSerializer.Serialize(writer, ...): it flushes the writer.
                    JsonSerializer.SerializeToElement(value).WriteTo(json);
                    break;
            }
        }
    }

    private static string Timestamp(long ticks) =>
        new DateTime(ticks).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>The CSV text of the table: a header of column names, then one line per row (RFC 4180 quoting).</summary>
    public static string Csv(SeriesTable table)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', table.Columns.Select(c => Hosting.CsvField.Text(c.Name))).Append('\n');
        for (var row = 0; row < table.Count; row++)
        {
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                var column = table.Columns[i];
                if (column.IsNull(row))
                {
                    continue;
                }

                _ = column.Kind switch
                {
                    ServeKind.Double => text.Append(column.Double(row).ToString("R", CultureInfo.InvariantCulture)),
                    ServeKind.Int32 or ServeKind.Int64 => text.Append(column.Long(row).ToString(CultureInfo.InvariantCulture)),
                    ServeKind.Bool => text.Append(column.Long(row) != 0 ? "true" : "false"),
                    ServeKind.Date => text.Append(DateOnly.FromDayNumber((int)column.Long(row)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    ServeKind.Timestamp => text.Append(Hosting.CsvField.Quote(Timestamp(column.Long(row)))),
                    _ => text.Append(Hosting.CsvField.Text(column.String(row)!)),
                };
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}

/// <summary>JSON values of the store's kinds, written as <see cref="Api.RowsResult"/> writes DuckDB's values.</summary>
internal static class JsonValues
{
    [ThreadStatic]
    private static long _lastTicks;

    [ThreadStatic]
    private static JsonEncodedText? _lastTimestamp;

    /// <summary>A double as the shortest round-trip number; NaN and infinities (which JSON lacks) as null.</summary>
    public static void Double(Utf8JsonWriter json, double value)
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

    /// <summary>Integers, booleans (0/1), dates (day numbers) and timestamps (ticks).</summary>
    public static void Long(Utf8JsonWriter json, ServeKind kind, long value)
    {
        switch (kind)
        {
            case ServeKind.Bool:
                json.WriteBooleanValue(value != 0);
                break;
            case ServeKind.Date:
                Date(json, (int)value);
                break;
            case ServeKind.Timestamp:
                Timestamp(json, value);
                break;
            default:
                json.WriteNumberValue(value);
                break;
        }
    }

    /// <summary>"yyyy-MM-dd" of a day number, digits written directly (no text formatting or escaping).</summary>
    public static void Date(Utf8JsonWriter json, int dayNumber)
    {
        DateOnly.FromDayNumber(dayNumber).Deconstruct(out var year, out var month, out var day);
        Span<byte> text = stackalloc byte[12];
        text[0] = (byte)'"';
        Digits(text.Slice(1, 4), year);
        text[5] = (byte)'-';
        Digits(text.Slice(6, 2), month);
        text[8] = (byte)'-';
        Digits(text.Slice(9, 2), day);
        text[11] = (byte)'"';
        json.WriteRawValue(text, skipInputValidation: true);
    }

    /// <summary>"yyyy-MM-ddTHH:mm:ss.FFFFFFF" (ISO 8601, trailing zeros of the fraction left out), as the SQL path. The
    /// rows of a series mostly share their timestamp (their batch's load time), so the last text is kept per thread.</summary>
    public static void Timestamp(Utf8JsonWriter json, long ticks)
    {
        if (ticks != _lastTicks || _lastTimestamp is null)
        {
            Span<byte> text = stackalloc byte[40];
            new DateTime(ticks).TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            _lastTimestamp = JsonEncodedText.Encode(text[..written]);
            _lastTicks = ticks;
        }

        json.WriteStringValue(_lastTimestamp.Value);
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
