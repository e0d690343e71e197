using System.Globalization;
using System.Text.Json;

namespace Wellhouse.Tests.Api;

/// <summary>
/// Checks a JSON value against a schema of an OpenAPI 3.1 document, for what a generated client relies on: property
/// names (every property sent is declared, every required one is sent; with <c>allDeclared</c>, every declared one is
/// sent) and JSON types (<c>type</c> as a string or a list, <c>integer</c> = a number without a fraction, <c>format</c>
/// date and date-time parse, <c>enum</c>), through <c>$ref</c>, <c>items</c> and <c>oneOf</c> (exactly one alternative matches,
/// JSON Schema 2020-12, 10.2.1.3). Errors name the JSON path.
/// </summary>
internal sealed class JsonSchemaChecker(JsonElement document, bool allDeclared)
{
    public List<string> Errors { get; } = [];

    /// <summary>The schema of an operation's response (path template as in the document, method lower-case).</summary>
    public JsonElement ResponseSchema(string path, string method, int status = 200, string mediaType = "application/json") =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses")
            .GetProperty(status.ToString(CultureInfo.InvariantCulture)).GetProperty("content").GetProperty(mediaType).GetProperty("schema");

    /// <summary>A <c>$ref</c>'s target (<c>#/components/schemas/Name</c>), or the schema itself.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    public bool Check(JsonElement value, JsonElement schema, string path = "$")
    {
        var before = Errors.Count;
        Validate(value, Resolve(schema), path);
        return Errors.Count == before;
    }

    private void Validate(JsonElement value, JsonElement schema, string path)
    {
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var matches = oneOf.EnumerateArray().Count(alternative =>
            {
                var probe = new JsonSchemaChecker(document, allDeclared);
                return probe.Check(value, alternative, path);
            });
            if (matches != 1)
            {
                Errors.Add($"{path}: matches {matches} of the oneOf alternatives, expected exactly 1");
            }

            return;
        }

        if (!TypeMatches(value, schema, path))
        {
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(option => JsonElement.DeepEquals(option, value)))
        {
            Errors.Add($"{path}: {Short(value)} is not one of {allowed.GetRawText()}");
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(value, schema, path);
                break;
            case JsonValueKind.Array when schema.TryGetProperty("items", out var items):
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Validate(item, Resolve(items), $"{path}[{index++}]");
                }

                break;
            case JsonValueKind.String when schema.TryGetProperty("format", out var format):
                CheckFormat(value.GetString()!, format.GetString(), path);
                break;
        }
    }

    private void CheckObject(JsonElement value, JsonElement schema, string path)
    {
        var declared = schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
            : [];
        var sent = value.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (declared.TryGetValue(property.Name, out var propertySchema))
            {
                Validate(property.Value, Resolve(propertySchema), $"{path}.{property.Name}");
            }
            else if (!(schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind != JsonValueKind.False))
            {
                Errors.Add($"{path}.{property.Name}: sent but not declared in the schema");
            }
        }

        var required = schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(e => e.GetString()!) : [];
        foreach (var name in allDeclared ? declared.Keys : required)
        {
            if (!sent.Contains(name))
            {
                Errors.Add($"{path}.{name}: declared{(allDeclared ? string.Empty : " required")} but not sent");
            }
        }
    }

    private bool TypeMatches(JsonElement value, JsonElement schema, string path)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return true;
        }

        var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
        var actual = value.ValueKind switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Null => "null",
            JsonValueKind.Number => "number",
            _ => "undefined",
        };
        var ok = allowed.Contains(actual)
            || (actual == "number" && allowed.Contains("integer") && IsInteger(value));
        if (!ok)
        {
            Errors.Add($"{path}: JSON {actual} {Short(value)} where the schema says {string.Join(" or ", allowed)}");
        }

        return ok;
    }

    /// <summary>An integer in JSON Schema's sense: a number with a zero fractional part (2020-12 validation, 6.1.1).</summary>
    private static bool IsInteger(JsonElement value) =>
        value.TryGetInt64(out _) || (value.TryGetDouble(out var d) && double.IsFinite(d) && Math.Floor(d) == d);

    private void CheckFormat(string text, string? format, string path)
    {
        var ok = format switch
        {
            "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "date-time" => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
            _ => true,
        };
        if (!ok)
        {
            Errors.Add($"{path}: \"{text}\" is not a {format}");
        }
    }

    private static string Short(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 40 ? text : text[..40] + "...";
    }
}
