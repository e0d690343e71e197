using System.Text.Json;

namespace Wellhouse.Transform.Tests.Jinja;

/// <summary>One differential-test case: a template and its JSON context. Corpus files hold cases as
/// <c>=== name</c>, optional <c>--- context</c> (JSON) and <c>--- template</c>; the template is every line up to the
/// next case joined by \n (reference_render.py reads them the same way).</summary>
internal sealed record CorpusCase(string Name, string Template, string ContextJson)
{
    public static List<CorpusCase> Read(string path)
    {
        var cases = new List<CorpusCase>();
        string? name = null;
        var context = new List<string>();
        var template = new List<string>();
        var section = template;
        void Flush()
        {
            if (name is not null)
            {
                cases.Add(new CorpusCase(name, string.Join('\n', template), string.Join('\n', context).Trim()));
            }
        }

        foreach (var line in File.ReadAllText(path).Split('\n'))
        {
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                Flush();
                name = line[4..].Trim();
                context = [];
                template = [];
                section = template;
            }
            else if (name is not null && line == "--- context")
            {
                section = context;
            }
            else if (name is not null && line == "--- template")
            {
                section = template;
            }
            else if (name is not null)
            {
                section.Add(line);
            }
        }

        Flush();
        return cases;
    }

    /// <summary>The context as template values: objects as dictionaries, arrays as lists, integers as long.</summary>
    public Dictionary<string, object?> Context()
    {
        if (ContextJson.Length == 0)
        {
            return [];
        }

        using var doc = JsonDocument.Parse(ContextJson);
        return (Dictionary<string, object?>)Convert(doc.RootElement)!;
    }

    public static object? Convert(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) && !e.GetRawText().Contains('.') && !e.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase) ? (object)l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
