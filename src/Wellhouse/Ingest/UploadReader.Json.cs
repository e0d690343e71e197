using System.Text;
using System.Text.Json;

namespace Wellhouse.Ingest;

internal sealed partial class UploadReader
{
    /// <summary>A JSON array of objects keyed by the contract's column names, read as a stream.</summary>
    private void ReadJsonArray(string path, BatchWriter writer)
    {
        using var stream = File.OpenRead(path);
        try
        {
            foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream).ToBlockingEnumerable())
            {
                ReadJsonObject(element, writer, line: null);
            }
        }
        catch (JsonException ex)
        {
            throw new MalformedUploadException($"not a JSON array of objects: {ex.Message}", ex);
        }
    }

    /// <summary>Newline-delimited JSON: one object per line; blank lines are ignored.</summary>
    private void ReadNdJson(string path, BatchWriter writer)
    {
        var line = 0;
        using var lines = OpenText(path);
        while (ReadLine(lines, path) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                ReadJsonObject(document.RootElement, writer, line);
            }
            catch (JsonException ex)
            {
                throw new MalformedUploadException($"{RowError.Locate(TotalRows + 1, line)}: not a JSON object: {ex.Message}", ex);
            }
        }
    }

    private static string? ReadLine(TextReader reader, string path)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (DecoderFallbackException ex)
        {
            throw NotUtf8(path, ex);
        }
    }

    private void ReadJsonObject(JsonElement element, BatchWriter writer, long? line)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedUploadException($"{RowError.Locate(TotalRows + 1, line)}: expected a JSON object, found {element.ValueKind}");
        }

        List<RowError>? extra = null;
        foreach (var property in element.EnumerateObject())
        {
            var index = RawRowParser.IndexOf(property.Name);
            if (index < 0)
            {
                (extra ??= []).Add(new RowError(TotalRows + 1, RawRowParser.Shorten(property.Name), "not a column of the raw contract"));
                continue;
            }

            _parser.Set(index, property.Value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number when property.Value.TryGetInt64(out var integer) => integer,
                JsonValueKind.Number => property.Value.GetDouble(),
                _ => property.Value.GetRawText(),
            });
        }

        Complete(writer, extra, line);
    }
}
