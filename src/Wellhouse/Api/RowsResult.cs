using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Wellhouse.Api;

/// <summary>
/// Streams a query's rows from the pinned snapshot: JSON <c>{...envelope, "items": [...]}</c> with the table's column
/// names (units are in the names, see docs/marts.md) and ISO dates, or CSV with a header when the client asks for
/// <c>text/csv</c>. With <c>single</c>, the one row as an object (404 when there is none).
/// A relation missing from the snapshot is a 404 problem naming it, not a crash. With <c>fields</c>, only the columns
/// named (<see cref="SeriesFields"/>).
/// </summary>
internal sealed class RowsResult(SnapshotQuery query, IReadOnlyDictionary<string, object?>? envelope = null,
    bool single = false, bool csvAllowed = true, IReadOnlyList<string>? fields = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var connection = SnapshotQuery.Pinned(httpContext).OpenConnection();
        using var command = query.CreateCommand(connection);
        DbDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(httpContext.RequestAborted);
        }
        catch (DbException ex) when (ex.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase))
        {
            await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not in this snapshot",
                detail: $"The published snapshot lacks a relation this endpoint reads: {FirstLine(ex.Message)}").ExecuteAsync(httpContext);
            return;
        }

        await using (reader)
        {
            if (single)
            {
                if (!await reader.ReadAsync(httpContext.RequestAborted))
                {
                    await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found").ExecuteAsync(httpContext);
                    return;
                }
            }

            var ordinals = SeriesFields.Select(single ? null : fields, [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)], out var problem);
            if (ordinals is null)
            {
                await problem!.ExecuteAsync(httpContext);
                return;
            }

            if (csvAllowed && !single && Hosting.SeriesFormat.WantsCsv(httpContext.Request))
            {
                httpContext.Response.ContentType = "text/csv; charset=utf-8";
                await WriteCsvAsync(reader, ordinals, httpContext.Response.Body, httpContext.RequestAborted);
                return;
            }

            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await using var json = new Utf8JsonWriter(httpContext.Response.Body);
            if (single)
            {
                WriteRow(json, reader, ordinals);
            }
            else
            {
                json.WriteStartObject();
                foreach (var (name, value) in envelope ?? new Dictionary<string, object?>())
                {
                    json.WritePropertyName(name);
                    JsonSerializer.Serialize(json, value);
                }

                json.WriteStartArray("items");
                var count = 0;
                while (await reader.ReadAsync(httpContext.RequestAborted))
                {
                    WriteRow(json, reader, ordinals);
                    if (++count % 1000 == 0)
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

    private static string FirstLine(string message) => message.Split('\n')[0];

    private static void WriteRow(Utf8JsonWriter json, DbDataReader reader, int[] ordinals)
    {
        json.WriteStartObject();
        foreach (var i in ordinals)
        {
            json.WritePropertyName(reader.GetName(i));
            WriteValue(json, reader.IsDBNull(i) ? null : reader.GetValue(i), reader.GetDataTypeName(i));
        }

        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value, string typeName)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case double d when !double.IsFinite(d):
            case float f when !float.IsFinite(f):
                json.WriteNullValue();
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            case float f:
                json.WriteNumberValue(f);
                break;
            case int or long or short or byte or sbyte or ushort or uint or ulong or decimal or BigInteger:
                json.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            default:
                json.WriteStringValue(Format(value, typeName));
                break;
        }
    }

    /// <summary>Text of a value: ISO 8601 dates (yyyy-MM-dd) and timestamps; invariant culture otherwise.</summary>
    private static string Format(object value, string typeName) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dateTime when typeName.Equals("Date", StringComparison.OrdinalIgnoreCase) =>
            dateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dateTime => dateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset offset => offset.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static async Task WriteCsvAsync(DbDataReader reader, int[] ordinals, Stream body, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', ordinals.Select(i => Hosting.CsvField.Text(reader.GetName(i)))));
        var line = new StringBuilder();
        while (await reader.ReadAsync(cancellationToken))
        {
            line.Clear();
            foreach (var i in ordinals)
            {
                if (i != ordinals[0])
                {
                    line.Append(',');
                }

                if (!reader.IsDBNull(i))
                {
                    var value = reader.GetValue(i);
                    line.Append(value switch
                    {
                        double d => d.ToString("R", CultureInfo.InvariantCulture),
                        bool b => b ? "true" : "false",
                        string text => Hosting.CsvField.Text(text),
                        _ => Hosting.CsvField.Quote(Format(value, reader.GetDataTypeName(i))),
                    });
                }
            }

            await writer.WriteLineAsync(line, cancellationToken);
        }
    }
}
