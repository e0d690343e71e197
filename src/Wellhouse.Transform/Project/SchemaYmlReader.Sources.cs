using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Project;

/// <summary>The <c>sources:</c> part of a schema file (dbt docs: "Source properties").</summary>
internal sealed partial class SchemaYmlReader
{
    private static readonly HashSet<string> SourceKeys = new(StringComparer.Ordinal)
    {
        "name", "description", "meta", "database", "schema", "loader", "quoting", "freshness", "loaded_at_field",
        "loaded_at_query", "tags", "overrides", "tables", "config",
    };

    private static readonly HashSet<string> TableKeys = new(StringComparer.Ordinal)
    {
        "name", "description", "meta", "identifier", "quoting", "freshness", "loaded_at_field", "loaded_at_query",
        "external", "tags", "columns", "tests", "data_tests", "config",
    };

    private void ReadSource(YamlMappingNode node, string file, SchemaFiles into)
    {
        var name = RequireName(node, file, "source");
        if (name is null)
        {
            return;
        }

        CheckKeys(node, file, SourceKeys, $"source '{name}'");
        var source = new SourceEntry { Name = name, File = file, Span = YamlFile.SpanOf(node, file) };
        source.Description = Text(node, "description") ?? string.Empty;
        source.Database = Text(node, "database");
        source.Schema = Text(node, "schema");
        source.Loader = Text(node, "loader");
        source.LoadedAtField = Text(node, "loaded_at_field");
        source.Freshness = YamlFile.ToValue(YamlFile.Get(node, "freshness"));
        source.FreshnessSet = YamlFile.Get(node, "freshness") is not null;
        source.Quoting = YamlFile.ToValue(YamlFile.Get(node, "quoting"));
        CopyDict(YamlFile.Get(node, "meta"), source.Meta);
        CopyDict(YamlFile.Get(node, "config"), source.Config, file, "config");
        source.Tags.AddRange(Tags(node));
        RecordSpans(node, file, source.ValueSpans, "database", "schema", "loaded_at_field");
        if (YamlFile.Get(node, "tables") is { } tables)
        {
            foreach (var table in Items(tables, file, "tables"))
            {
                ReadTable(table, file, source);
            }
        }

        into.Sources.Add(source);
    }

    private void ReadTable(YamlMappingNode node, string file, SourceEntry source)
    {
        var name = RequireName(node, file, "source table");
        if (name is null)
        {
            return;
        }

        CheckKeys(node, file, TableKeys, $"source table '{source.Name}.{name}'");
        var table = new SourceTableEntry { Name = name, Span = YamlFile.SpanOf(node, file) };
        table.Identifier = Text(node, "identifier");
        table.Description = Text(node, "description") ?? string.Empty;
        table.LoadedAtField = Text(node, "loaded_at_field");
        table.Freshness = YamlFile.ToValue(YamlFile.Get(node, "freshness"));
        table.FreshnessSet = YamlFile.Get(node, "freshness") is not null;
        table.Quoting = YamlFile.ToValue(YamlFile.Get(node, "quoting"));
        CopyDict(YamlFile.Get(node, "meta"), table.Meta);
        CopyDict(YamlFile.Get(node, "config"), table.Config, file, "config");
        if (YamlFile.ToValue(YamlFile.Get(node, "external")) is Dictionary<string, object?> external && external.GetValueOrDefault("location") is string location)
        {
            table.Config.TryAdd("external_location", location);
            if (YamlFile.Get((YamlMappingNode)YamlFile.Get(node, "external")!, "location") is { } locationNode)
            {
                table.ValueSpans.TryAdd("config.external_location", YamlFile.SpanOf(locationNode, file));
            }
        }

        RecordSpans(node, file, table.ValueSpans, "identifier", "loaded_at_field");

        table.Tags.AddRange(Tags(node));
        ReadTests(node, file, null, table.Tests);
        ReadColumns(YamlFile.Get(node, "columns"), file, table.Columns);
        source.Tables.Add(table);
    }

    /// <summary>Records where the scalar values of <paramref name="keys"/> and of the config and meta mappings are written.</summary>
    private static void RecordSpans(YamlMappingNode node, string file, Dictionary<string, SourceSpan> into, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (YamlFile.Get(node, key) is YamlScalarNode scalar)
            {
                into[key] = YamlFile.SpanOf(scalar, file);
            }
        }

        foreach (var part in (string[])["config", "meta"])
        {
            if (YamlFile.Get(node, part) is YamlMappingNode mapping)
            {
                foreach (var (k, v) in mapping.Children)
                {
                    if (k is YamlScalarNode { Value: { } name } && v is YamlScalarNode)
                    {
                        into[part + "." + name] = YamlFile.SpanOf(v, file);
                    }
                }
            }
        }
    }

    private static string? Text(YamlMappingNode node, string key) => YamlFile.ToValue(YamlFile.Get(node, key))?.ToString();

    private static IEnumerable<string> Tags(YamlMappingNode node) => YamlFile.ToValue(YamlFile.Get(node, "tags")) switch
    {
        null => [],
        List<object?> list => list.Select(t => t?.ToString() ?? string.Empty),
        var one => [one.ToString() ?? string.Empty],
    };
}
