using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Wellhouse.Serving;

/// <summary>
/// Writes a <see cref="SeriesTable"/> exactly as <see cref="Api.RowsResult"/> writes the same rows read from DuckDB:
/// JSON <c>{...envelope, "items": [...]}</c> (doubles as shortest round-trip numbers, non-finite ones as null, ISO dates)
/// or CSV with a header when the client asks for <c>text/csv</c>; with <c>single</c>, the first row as an object
/// (404 when there is none). Not buffered or kept in the response cache (<see cref="Hosting.DirectBody"/>).
/// </summary>
internal sealed class SeriesResult(SeriesTable table, IReadOnlyDictionary<string, object?>? envelope = null, bool single = false) : IResult
{
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
        await using var json = new Utf8JsonWriter(httpContext.Response.Body);
        if (single)
        {
            SeriesWriter.WriteRow(json, table, SeriesWriter.Names(table), 0);
        }
        else
        {
            json.WriteStartObject();
            foreach (var (name, value) in envelope ?? new Dictionary<string, object?>())
            {
                json.WritePropertyName(name);
                // Not JsonSerializer.Serialize(writer, ...): it flushes the writer, a synchronous write to the body.
                JsonSerializer.SerializeToElement(value).WriteTo(json);
            }

            json.WriteStartArray("items");
            var names = SeriesWriter.Names(table);
            for (var row = 0; row < table.Count; row++)
            {
                SeriesWriter.WriteRow(json, table, names, row);
                if (json.BytesPending > 1 << 16)
                {
                    await json.FlushAsync(httpContext.RequestAborted);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        await json.FlushAsync(httpContext.RequestAborted);
    }
}

internal static class SeriesWriter
{
    public static JsonEncodedText[] Names(SeriesTable table) => table.Columns.Select(c => JsonEncodedText.Encode(c.Name)).ToArray();

    public static void WriteRow(Utf8JsonWriter json, SeriesTable table, JsonEncodedText[] names, int row)
    {
        Span<byte> text = stackalloc byte[40];
        json.WriteStartObject();
        for (var i = 0; i < names.Length; i++)
        {
            var column = table.Columns[i];
            json.WritePropertyName(names[i]);
            if (column.IsNull(row))
            {
                json.WriteNullValue();
                continue;
            }

            switch (column.Kind)
            {
                case ServeKind.Double:
                    var value = column.Double(row);
                    if (double.IsFinite(value))
                    {
                        json.WriteNumberValue(value);
                    }
                    else
                    {
                        json.WriteNullValue();
                    }

                    break;
                case ServeKind.Int32:
                case ServeKind.Int64:
                    json.WriteNumberValue(column.Long(row));
                    break;
                case ServeKind.Bool:
                    json.WriteBooleanValue(column.Long(row) != 0);
                    break;
                case ServeKind.Date:
                    DateOnly.FromDayNumber((int)column.Long(row)).TryFormat(text, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    json.WriteStringValue(text[..written]);
                    break;
                case ServeKind.Timestamp:
                    json.WriteStringValue(Timestamp(column.Long(row)));
                    break;
                default:
                    json.WriteStringValue(column.String(row));
                    break;
            }
        }

        json.WriteEndObject();
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
