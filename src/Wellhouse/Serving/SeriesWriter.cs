using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Wellhouse.Serving;

/// <summary>
/// Writes a <see cref="SeriesTable"/> exactly as <see cref="Api.RowsResult"/> writes the same rows read from DuckDB:
/// JSON <c>{...envelope, "items": [...]}</c> (doubles as shortest round-trip numbers, non-finite ones as null, ISO dates)
/// or CSV with a header when the client asks for <c>text/csv</c>; with <c>single</c>, the first row as an object
/// (404 when there is none). Not buffered or kept in the response cache (<see cref="Hosting.DirectBody"/>): the text
/// (<see cref="SeriesRows"/>) goes into the response's pipe with its Content-Length (known once the values are
/// rendered), flushed every 128 KB; an answer of less than that is sent in one write (a 60-month decline answer, 65.6 KB,
/// went out in two flushes at 64 KB).
/// </summary>
/// <param name="table">The rows.</param>
/// <param name="envelope">The properties before <c>items</c>.</param>
/// <param name="single">The first row as the answer (404 when there is none).</param>
/// <param name="keep">Given the JSON answer's bytes when it is under 128 KB, to keep
/// (<see cref="AnswerCache"/>).</param>
internal sealed class SeriesResult(SeriesTable table, IReadOnlyDictionary<string, object?>? envelope = null, bool single = false,
    KeepAnswer? keep = null) : IResult
{
    private const int FlushBytes = 1 << 17;

    /// <summary>The largest answer kept (<see cref="AnswerCache"/>): one flush.</summary>
    public const int KeepBytes = FlushBytes;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        if (single && table.Count == 0)
        {
            await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found").ExecuteAsync(httpContext);
            return;
        }

        // Written straight to the client: recomputing from the store costs what a cache hit costs.
        httpContext.Features.Get<Hosting.DirectBody>()?.Use(httpContext);

        var csv = !single && Hosting.SeriesFormat.WantsCsv(httpContext.Request);
        httpContext.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        var pipe = httpContext.Response.BodyWriter;
        using var text = new JsonText();
        using var rows = new SeriesRows(table, csv);
        if (single)
        {
            rows.WriteRow(text, 0);
            httpContext.Response.ContentLength = text.Pending;
            text.CopyTo(pipe);
            return;
        }

        long separators;
        if (csv)
        {
            text.Raw(Encoding.UTF8.GetBytes(string.Join(',', table.Columns.Select(c => Hosting.CsvField.Text(c.Name))) + "\n"));
            separators = 0;
        }
        else
        {
            SeriesWriter.WriteStart(text, envelope);
            separators = Math.Max(0, table.Count - 1) + 2;
        }

        var length = text.Pending + rows.Bytes + separators;
        httpContext.Response.ContentLength = length;
        if (keep is not null && !csv && length <= KeepBytes)
        {
            // Kept: the whole text is needed as one span.
            SeriesWriter.WriteItems(text, rows, table.Count);
            keep(text.WrittenSince(0));
            text.CopyTo(pipe);
            return;
        }

        // Rows go straight into the pipe's memory, as many as fit in each span it gives; a large answer is flushed every
        // 128 KB (sent while the rest is written).
        long unflushed = text.Pending;
        text.CopyTo(pipe);
        var next = 0;
        while (next < table.Count)
        {
            unflushed += WriteRows(pipe, rows, ref next, table.Count, csv, FlushBytes - unflushed);
            if (next < table.Count)
            {
                unflushed = 0;
                await pipe.FlushAsync(httpContext.RequestAborted);
            }
        }

        if (!csv)
        {
            pipe.Write("]}"u8);
        }

        await pipe.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>
    /// The rows from <paramref name="row"/> on (each after a comma in JSON) in the pipe's memory until more than
    /// <paramref name="budget"/> bytes are written or the rows end; the bytes. As many rows as fit go into each span the
    /// pipe gives (its blocks hold several rows): one GetSpan per block, not per row (Kestrel's output takes a lock on
    /// each; per row they were about 7 % of a 180-row decline answer's CPU).
    /// </summary>
    private static long WriteRows(System.IO.Pipelines.PipeWriter pipe, SeriesRows rows, ref int row, int count, bool csv, long budget)
    {
        var room = rows.MaxRow + 1;
        long written = 0;
        while (row < count && written <= budget)
        {
            var span = pipe.GetSpan(room);
            var used = 0;
            while (row < count && span.Length - used >= room && written + used <= budget)
            {
                if (!csv && row > 0)
                {
                    span[used++] = (byte)',';
                }

                used += rows.WriteRow(span[used..], row);
                row++;
            }

            pipe.Advance(used);
            written += used;
        }

        return written;
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

    /// <summary>A whole JSON answer as <see cref="SeriesResult"/> writes it: the envelope, the rows, the end; the same
    /// bytes (<see cref="AnswerCache.KeepAhead"/> renders the kept answers with it).</summary>
    public static void WriteAnswer(JsonText text, SeriesTable table, IReadOnlyDictionary<string, object?>? envelope)
    {
        using var rows = new SeriesRows(table);
        WriteStart(text, envelope);
        WriteItems(text, rows, table.Count);
    }

    /// <summary>The rows after <see cref="WriteStart"/>, separated by commas, then <c>]}</c>.</summary>
    public static void WriteItems(JsonText text, SeriesRows rows, int count)
    {
        for (var row = 0; row < count; row++)
        {
            if (row > 0)
            {
                text.Byte((byte)',');
            }

            rows.WriteRow(text, row);
        }

        text.Raw("]}"u8);
    }

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
}
