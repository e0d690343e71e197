using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Wellhouse.Serving;

/// <summary>
/// Writes a <see cref="SeriesTable"/> exactly as <see cref="Api.RowsResult"/> writes the same rows read from DuckDB:
/// JSON <c>{...envelope, "items": [...]}</c> (doubles as shortest round-trip numbers, non-finite ones as null, ISO dates)
/// or CSV with a header when the client asks for <c>text/csv</c>; with <c>single</c>, the first row as an object
/// (404 when there is none). Not buffered or kept in the response cache (<see cref="Hosting.DirectBody"/>): the text
/// (<see cref="SeriesRows"/>) goes into the response's pipe, flushed every 64 KB; an answer of less than that is sent
/// with its Content-Length in one write.
/// </summary>
/// <param name="table">The rows.</param>
/// <param name="envelope">The properties before <c>items</c>.</param>
/// <param name="single">The first row as the answer (404 when there is none).</param>
/// <param name="keep">Given the JSON answer's bytes when it was written whole (under 64 KB), to keep
/// (<see cref="AnswerCache"/>).</param>
internal sealed class SeriesResult(SeriesTable table, IReadOnlyDictionary<string, object?>? envelope = null, bool single = false,
    KeepAnswer? keep = null) : IResult
{
    private const int FlushBytes = 1 << 16;

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
        using var text = new JsonText();
        using var rows = new SeriesRows(table);
        var flushed = false;
        if (single)
        {
            rows.WriteRow(text, 0);
        }
        else
        {
            SeriesWriter.WriteStart(text, envelope);
            for (var row = 0; row < table.Count; row++)
            {
                if (row > 0)
                {
                    text.Byte((byte)',');
                }

                rows.WriteRow(text, row);
                if (text.Pending > FlushBytes)
                {
                    text.CopyTo(pipe);
                    flushed = true;
                    await pipe.FlushAsync(httpContext.RequestAborted);
                }
            }

            text.Raw("]}"u8);
        }

        if (!flushed)
        {
            httpContext.Response.ContentLength = text.Pending;
            keep?.Invoke(text.WrittenSince(0));
        }

        // Hands the rest to the pipe; the server sends it when the request ends.
        text.CopyTo(pipe);
    }
}

/// <summary>Takes an answer's bytes to keep a copy (<see cref="AnswerCache"/>).</summary>
internal delegate void KeepAnswer(ReadOnlySpan<byte> body);

/// <summary>An answer kept as bytes (<see cref="AnswerCache"/>), sent as <see cref="SeriesResult"/> sent it.</summary>
internal sealed class EncodedResult(byte[] body) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Features.Get<Hosting.DirectBody>()?.Use(httpContext);
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = body.Length;
        httpContext.Response.BodyWriter.Write(body);
        return Task.CompletedTask;
    }
}

internal static class SeriesWriter
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };

    /// <summary>The answer's text up to its first row: <c>{</c>, the envelope, <c>"items":[</c>.</summary>
    public static void WriteStart(JsonText text, IReadOnlyDictionary<string, object?>? envelope)
    {
        using var json = new Utf8JsonWriter(text, Options); // Dispose hands its text to the JsonText
        json.WriteStartObject();
        WriteEnvelope(json, envelope);
        json.WriteStartArray("items"u8);
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
