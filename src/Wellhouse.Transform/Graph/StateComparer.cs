using System.Text.Json;
using Wellhouse.Transform.Artifacts;

namespace Wellhouse.Transform.Graph;

/// <summary>
/// Compares the current manifest with a previous one as dbt-core's <c>StateSelectorMethod</c> does (dbt docs: "Node
/// selector methods: state"; dbt-core <c>graph/selector_methods.py</c> and the <c>same_*</c> methods of
/// <c>contracts/graph/nodes.py</c>): a node is modified when its body (checksum and raw code), its config (all keys
/// but database, schema and alias), its relation (the configured database, schema and alias), its fqn, its persisted
/// descriptions (with <c>persist_docs</c>) changed, or a macro it calls changed (<c>macro_sql</c> differs, or the macro
/// is new). Sources compare relation, fqn, config, loaded_at_field, freshness and external location.
/// Difference: dbt compares the unrendered config; this engine writes none, so it compares the rendered one (a
/// config value that depends on <c>--vars</c> or an environment variable counts as modified when it renders differently).
/// </summary>
internal sealed partial class StateComparer(Manifest manifest, PreviousState state)
{
    /// <summary>The values <c>state:</c> accepts, in the order the error message lists them.</summary>
    public static readonly string[] Values =
    [
        "new", "old", "modified", "unmodified", "modified.body", "modified.configs", "modified.relation",
        "modified.persisted_descriptions", "modified.macros", "modified.contract",
    ];

    private static readonly HashSet<string> RelationKeys = new(StringComparer.Ordinal) { "database", "schema", "alias" };

    private HashSet<string>? modifiedMacros;

    /// <summary>True when the node or source <paramref name="id"/> matches <c>state:&lt;value&gt;</c>.</summary>
    public bool Matches(string id, string value)
    {
        var isSource = !manifest.Nodes.ContainsKey(id);
        var old = isSource ? state.Sources.GetValueOrDefault(id) : state.Nodes.GetValueOrDefault(id);
        var exists = old.ValueKind == JsonValueKind.Object;
        return value switch
        {
            "new" => !exists,
            "old" => exists,
            "modified" => !exists || IsModified(id, isSource, old),
            "unmodified" => exists && !IsModified(id, isSource, old),
            "modified.body" => !exists || (!isSource && !SameBody(manifest.Nodes[id], old)),
            "modified.configs" => !exists || !SameConfig(CurrentConfig(id, isSource), old),
            "modified.relation" => !exists || !SameRelation(id, isSource, old),
            "modified.persisted_descriptions" => !exists || (!isSource && !SamePersistedDescriptions(manifest.Nodes[id], old)),
            "modified.macros" => !isSource && MacroChanged(manifest.Nodes[id]),
            "modified.contract" => !exists,
            _ => throw new SelectorException($"invalid state selector 'state:{value}': expected one of {string.Join(", ", Values)}"),
        };
    }

    private bool IsModified(string id, bool isSource, JsonElement old)
    {
        if (isSource)
        {
            var source = manifest.Sources[id];
            return !SameRelation(id, true, old) || !SameStrings(source.Fqn, old, "fqn") || !SameConfig(CurrentConfig(id, true), old) ||
                !SameString(source.LoadedAtField, old, "loaded_at_field");
        }

        var node = manifest.Nodes[id];
        if (node.ResourceType == ResourceType.UnitTest)
        {
            return !SameBody(node, old);
        }

        return !SameBody(node, old) || !SameConfig(CurrentConfig(id, false), old) || !SameRelation(id, false, old) ||
            !SameStrings(node.Fqn, old, "fqn") || !SamePersistedDescriptions(node, old) || MacroChanged(node);
    }

    /// <summary>dbt's <c>same_body</c> (raw code; for seeds the file checksum; a unit test's checksum is a string over
    /// its given, expect and overrides).</summary>
    private static bool SameBody(Node node, JsonElement old) => node.ResourceType == ResourceType.UnitTest
        ? old.TryGetProperty("checksum", out var testChecksum) && testChecksum.ValueKind == JsonValueKind.String && testChecksum.GetString() == node.Checksum
        : SameString(node.RawCode, old, "raw_code") &&
        old.TryGetProperty("checksum", out var checksum) && checksum.ValueKind == JsonValueKind.Object &&
        SameString(node.Checksum, checksum, "checksum");

    /// <summary>dbt's <c>same_config</c>: every key of both configs except those of the relation, present on both sides and equal.</summary>
    private static bool SameConfig(JsonElement current, JsonElement old)
    {
        if (!old.TryGetProperty("config", out var previous) || previous.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var keys = current.EnumerateObject().Select(p => p.Name).Concat(previous.EnumerateObject().Select(p => p.Name))
            .Where(k => !RelationKeys.Contains(k)).ToHashSet(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!current.TryGetProperty(key, out var mine) || !previous.TryGetProperty(key, out var theirs) || !JsonElement.DeepEquals(mine, theirs))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>dbt's <c>same_database_representation</c>: the configured database, schema and alias (sources: the rendered ones and the identifier).</summary>
    private bool SameRelation(string id, bool isSource, JsonElement old)
    {
        if (isSource)
        {
            var source = manifest.Sources[id];
            return SameString(source.Database, old, "database") && SameString(source.Schema, old, "schema") && SameString(source.Identifier, old, "identifier");
        }

        var config = manifest.Nodes[id].Config;
        if (!old.TryGetProperty("config", out var previous) || previous.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        return SameString(config.Database, previous, "database") && SameString(config.Schema, previous, "schema") && SameString(config.Alias, previous, "alias");
    }

    /// <summary>dbt's <c>same_persisted_description</c>: descriptions count only when persist_docs writes them to the database.</summary>
    private static bool SamePersistedDescriptions(Node node, JsonElement old)
    {
        var persist = node.Config.Values.GetValueOrDefault("persist_docs") as IDictionary<string, object?>;
        if (Flag(persist, "relation") && !SameString(node.Description, old, "description"))
        {
            return false;
        }

        if (Flag(persist, "columns"))
        {
            var previous = old.TryGetProperty("columns", out var columns) && columns.ValueKind == JsonValueKind.Object
                ? columns.EnumerateObject().ToDictionary(c => c.Name, c => c.Value.TryGetProperty("description", out var d) ? d.GetString() : null, StringComparer.Ordinal)
                : [];
            var current = node.Columns.Values.ToDictionary(c => c.Name, c => (string?)c.Description, StringComparer.Ordinal);
            return previous.Count == current.Count && current.All(c => previous.TryGetValue(c.Key, out var d) && d == c.Value);
        }

        return true;
    }

    private static bool Flag(IDictionary<string, object?>? values, string key) =>
        values is not null && values.TryGetValue(key, out var value) && value is true;

    private JsonElement CurrentConfig(string id, bool isSource)
    {
        var config = isSource ? ManifestWriter.SourceConfigForManifest(manifest.Sources[id]) : ManifestWriter.ConfigForManifest(manifest.Nodes[id]);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            ManifestWriter.WriteValue(json, config);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static bool SameString(string? current, JsonElement old, string property)
    {
        var previous = old.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return string.Equals(current ?? string.Empty, previous ?? string.Empty, StringComparison.Ordinal);
    }

    private static bool SameStrings(IReadOnlyList<string> current, JsonElement old, string property) =>
        old.TryGetProperty(property, out var values) && values.ValueKind == JsonValueKind.Array &&
        values.EnumerateArray().Select(v => v.GetString() ?? string.Empty).SequenceEqual(current, StringComparer.Ordinal);
}
