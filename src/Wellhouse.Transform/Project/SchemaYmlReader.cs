using Wellhouse.Transform.Graph;
using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Reads schema .yml files (dbt docs: "Model properties", "Source properties", "Seed properties", "Macro properties").
/// Keys dbt's property schemas reject are DBT101 errors with their position.
/// </summary>
internal sealed partial class SchemaYmlReader(DiagnosticBag diagnostics, Func<string, SourceSpan, string>? render = null)
{
    private static readonly HashSet<string> TopKeys = new(StringComparer.Ordinal)
    {
        "version", "models", "seeds", "sources", "macros", "snapshots", "analyses", "exposures", "metrics", "groups",
        "semantic_models", "saved_queries", "unit_tests", "data_tests", "functions",
    };

    private static readonly HashSet<string> ModelKeys = new(StringComparer.Ordinal)
    {
        "name", "description", "meta", "docs", "config", "constraints", "columns", "tests", "data_tests",
        "latest_version", "versions", "access", "group", "deprecation_date", "contract", "time_spine", "tags",
        "freshness",
    };

    /// <summary>Top-level keys dbt reads that the engine does not carry out yet, with what that leaves out.</summary>
    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["functions"] = "user-defined functions are not created",
    };

    /// <summary>A top-level <c>data_tests:</c> entry describes a singular test (dbt 1.9+'s UnparsedSingularTestUpdate).</summary>
    private static readonly HashSet<string> SingularTestKeys = new(StringComparer.Ordinal) { "name", "description", "meta", "docs", "config", "columns" };

    private static readonly HashSet<string> SnapshotKeys = new(ModelKeys.Append("relation"), StringComparer.Ordinal);

    private static readonly HashSet<string> MacroKeys = new(StringComparer.Ordinal) { "name", "description", "meta", "docs", "arguments", "config" };

    private static readonly HashSet<string> ColumnKeys = new(StringComparer.Ordinal)
    {
        "name", "description", "meta", "data_type", "constraints", "quote", "tags", "tests", "data_tests",
        "policy_tags", "granularity", "config", "docs",
    };

    public void Read(string text, string file, SchemaFiles into)
    {
        var root = YamlFile.ParseMapping(text, file, diagnostics);
        if (root is null)
        {
            return;
        }

        foreach (var (key, keyNode, value) in YamlFile.Entries(root))
        {
            if (!TopKeys.Contains(key))
            {
                diagnostics.Error(DiagnosticCodes.UnknownKey, $"unknown top-level key '{key}' in schema file", YamlFile.SpanOf(keyNode, file));
                continue;
            }

            if (Unsupported.GetValueOrDefault(key) is { } what)
            {
                diagnostics.Warning(DiagnosticCodes.NotSupported, $"'{key}' is not supported yet: {what}", YamlFile.SpanOf(keyNode, file));
                continue;
            }

            switch (key)
            {
                case "version":
                    var version = YamlFile.ToValue(value);
                    if (version is not (2L or "2"))
                    {
                        diagnostics.Error(DiagnosticCodes.InvalidValue, "schema files must use 'version: 2'", YamlFile.SpanOf(value, file));
                    }

                    break;
                default:
                    if (ItemReader(key) is not { } read)
                    {
                        break;
                    }

                    foreach (var item in Items(value, file, key))
                    {
                        RenderStrings(item, key, file);
                        read(item, file, into);
                    }

                    break;
            }
        }
    }

    /// <summary>What reads one item of a top-level list, or null for a key with no items to read.</summary>
    private Action<YamlMappingNode, string, SchemaFiles>? ItemReader(string key) => key switch
    {
        "models" or "seeds" or "analyses" => (item, file, into) => ReadEntry(item, file, key, ModelKeys, into),
        "snapshots" => (item, file, into) => ReadEntry(item, file, key, SnapshotKeys, into),
        "macros" => (item, file, into) => ReadEntry(item, file, key, MacroKeys, into),
        "data_tests" => (item, file, into) => ReadEntry(item, file, key, SingularTestKeys, into),
        "sources" => ReadSource,
        "groups" => ReadGroup,
        "exposures" => ReadExposure,
        "unit_tests" => ReadUnitTest,
        "semantic_models" => ReadSemanticModel,
        "metrics" => ReadMetric,
        "saved_queries" => ReadSavedQuery,
        _ => null,
    };

    private static readonly HashSet<string> ExposureKeys = new(StringComparer.Ordinal)
    {
        "name", "type", "owner", "description", "label", "maturity", "url", "depends_on", "meta", "tags", "config",
    };

    private static readonly HashSet<string> ExposureTypes = new(StringComparer.Ordinal) { "dashboard", "notebook", "analysis", "ml", "application" };

    /// <summary>An exposure: name, type (dashboard, notebook, analysis, ml, application) and owner are required.</summary>
    private void ReadExposure(YamlMappingNode node, string file, SchemaFiles into)
    {
        var name = RequireName(node, file, "exposure");
        if (name is null)
        {
            return;
        }

        CheckKeys(node, file, ExposureKeys, $"exposure '{name}'");
        var span = YamlFile.SpanOf(node, file);
        var type = YamlFile.ToValue(YamlFile.Get(node, "type")) as string;
        if (type is null || !ExposureTypes.Contains(type))
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"exposure '{name}' needs a 'type': one of {string.Join(", ", ExposureTypes)}", span);
            return;
        }

        if (YamlFile.ToValue(YamlFile.Get(node, "owner")) is not Dictionary<string, object?> owner || !(owner.ContainsKey("email") || owner.ContainsKey("name")))
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"exposure '{name}' needs an 'owner' with a 'name' or an 'email'", span);
            return;
        }

        var exposure = new Graph.ExposureDefinition
        {
            UniqueId = string.Empty,
            Name = name,
            PackageName = string.Empty,
            OriginalFilePath = file,
            Type = type,
            DefinedAt = span,
            Owner = owner,
            Description = YamlFile.ToValue(YamlFile.Get(node, "description")) as string ?? string.Empty,
            Label = YamlFile.ToValue(YamlFile.Get(node, "label")) as string,
            Maturity = YamlFile.ToValue(YamlFile.Get(node, "maturity")) as string,
            Url = YamlFile.ToValue(YamlFile.Get(node, "url")) as string,
            Meta = YamlFile.ToValue(YamlFile.Get(node, "meta")) as Dictionary<string, object?> ?? new(StringComparer.Ordinal),
            Tags = (YamlFile.ToValue(YamlFile.Get(node, "tags")) switch { List<object?> l => l.Select(t => t?.ToString() ?? string.Empty), string t => [t], _ => [] }).ToList(),
            DependsOnText = (YamlFile.ToValue(YamlFile.Get(node, "depends_on")) as List<object?> ?? []).Select(d => d?.ToString() ?? string.Empty).ToList(),
        };
        into.Exposures.Add((exposure, file));
    }

    private static readonly HashSet<string> GroupKeys = new(StringComparer.Ordinal) { "name", "owner", "description", "config" };

    /// <summary>A group: a name and an owner with a <c>name</c> or an <c>email</c> (dbt's <c>UnparsedGroup</c>).</summary>
    private void ReadGroup(YamlMappingNode node, string file, SchemaFiles into)
    {
        var name = RequireName(node, file, "group");
        if (name is null)
        {
            return;
        }

        CheckKeys(node, file, GroupKeys, $"group '{name}'");
        var span = YamlFile.SpanOf(node, file);
        if (YamlFile.ToValue(YamlFile.Get(node, "owner")) is not Dictionary<string, object?> owner || (owner.GetValueOrDefault("name") is null && owner.GetValueOrDefault("email") is null))
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"group '{name}': Group owner must have at least one of 'name' or 'email'.", span);
            return;
        }

        var config = new Dictionary<string, object?>(StringComparer.Ordinal);
        CopyDict(YamlFile.Get(node, "config"), config, file, "config");
        into.Groups.Add(new GroupDefinition
        {
            Name = name,
            OriginalFilePath = file,
            DefinedAt = span,
            Owner = owner,
            Description = YamlFile.ToValue(YamlFile.Get(node, "description")) as string,
            Config = config,
        });
    }

    private IEnumerable<YamlMappingNode> Items(YamlNode node, string file, string key)
    {
        if (node is YamlScalarNode { Value: null or "" })
        {
            yield break;
        }

        if (node is not YamlSequenceNode sequence)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"'{key}' must be a list", YamlFile.SpanOf(node, file));
            yield break;
        }

        foreach (var child in sequence.Children)
        {
            if (child is YamlMappingNode mapping)
            {
                yield return mapping;
            }
            else
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"each entry of '{key}' must be a mapping with a 'name'", YamlFile.SpanOf(child, file));
            }
        }
    }

    private string? RequireName(YamlMappingNode entry, string file, string what)
    {
        if (YamlFile.ToValue(YamlFile.Get(entry, "name")) is string name && name.Length > 0)
        {
            return name;
        }

        diagnostics.Error(DiagnosticCodes.InvalidValue, $"{what} entry has no 'name'", YamlFile.SpanOf(entry, file));
        return null;
    }

    private void CheckKeys(YamlMappingNode entry, string file, HashSet<string> allowed, string what)
    {
        foreach (var (key, keyNode, _) in YamlFile.Entries(entry))
        {
            if (!allowed.Contains(key))
            {
                diagnostics.Error(DiagnosticCodes.UnknownKey, $"unknown key '{key}' in {what}", YamlFile.SpanOf(keyNode, file));
            }
        }
    }

    private void ReadEntry(YamlMappingNode node, string file, string kind, HashSet<string> allowed, SchemaFiles into)
    {
        var name = RequireName(node, file, kind[..^1]);
        if (name is null)
        {
            return;
        }

        CheckKeys(node, file, allowed, $"{kind[..^1]} '{name}'");
        var entry = new SchemaEntry { Kind = kind, Name = name, File = file, Span = YamlFile.SpanOf(node, file) };
        entry.Description = YamlFile.ToValue(YamlFile.Get(node, "description"))?.ToString() ?? string.Empty;
        CopyDict(YamlFile.Get(node, "meta"), entry.Meta);
        CopyDict(YamlFile.Get(node, "config"), entry.Config, file, "config");
        if (YamlFile.ToValue(YamlFile.Get(node, "docs")) is Dictionary<string, object?> docs)
        {
            entry.Config["docs"] = docs;
        }

        foreach (var key in new[] { "tags", "access", "group", "contract" })
        {
            if (YamlFile.Get(node, key) is { } extra)
            {
                ConfigMerger.Apply(entry.Config, new Dictionary<string, object?> { [key] = YamlFile.ToValue(extra) });
            }
        }

        entry.Relation = YamlFile.ToValue(YamlFile.Get(node, "relation")) as string;
        ReadModelConstraints(node, file, entry);

        ReadTests(node, file, null, entry.Tests);
        ReadColumns(YamlFile.Get(node, "columns"), file, entry.Columns);
        entry.DeprecationDate = ReadDate(YamlFile.Get(node, "deprecation_date"), file);
        entry.TimeSpine = YamlFile.ToValue(YamlFile.Get(node, "time_spine")) as Dictionary<string, object?>;
        if (kind == "models" && YamlFile.Get(node, "versions") is { } versions and not YamlScalarNode { Value: null or "" })
        {
            into.Entries.AddRange(ReadVersions(node, versions, entry));
            return;
        }

        into.Entries.Add(entry);
    }

    private void ReadColumns(YamlNode? node, string file, List<ColumnEntry> into)
    {
        if (node is null)
        {
            return;
        }

        foreach (var column in Items(node, file, "columns"))
        {
            var name = RequireName(column, file, "column");
            if (name is null)
            {
                continue;
            }

            CheckKeys(column, file, ColumnKeys, $"column '{name}'");
            var info = new ColumnInfo { Name = name };
            info.Description = YamlFile.ToValue(YamlFile.Get(column, "description"))?.ToString() ?? string.Empty;
            info.DataType = YamlFile.ToValue(YamlFile.Get(column, "data_type"))?.ToString();
            foreach (var (constraint, span) in ConstraintItems(YamlFile.Get(column, "constraints"), file))
            {
                if (Constraint.From(constraint) is { } parsed)
                {
                    info.Constraints.Add(parsed);
                }
                else
                {
                    diagnostics.Error(DiagnosticCodes.InvalidValue, $"Invalid constraint type on column {name}: Type must be one of [{string.Join(", ", Constraint.Types.Select(t => $"'{t}'"))}]", span);
                }
            }
            CopyDict(YamlFile.Get(column, "meta"), info.Meta);
            if (YamlFile.ToValue(YamlFile.Get(column, "tags")) is { } tags)
            {
                info.Tags.AddRange(tags is List<object?> list ? list.Select(t => t?.ToString() ?? string.Empty) : [tags.ToString() ?? string.Empty]);
            }

            var tests = new List<TestEntry>();
            ReadTests(column, file, name, tests);
            into.Add(new ColumnEntry(info, tests, YamlFile.SpanOf(column, file)));
        }
    }

    private void ReadTests(YamlMappingNode owner, string file, string? columnName, List<TestEntry> into)
    {
        foreach (var key in new[] { "data_tests", "tests" })
        {
            var node = YamlFile.Get(owner, key);
            if (node is null or YamlScalarNode { Value: null or "" })
            {
                continue;
            }

            if (node is not YamlSequenceNode sequence)
            {
                diagnostics.Error(DiagnosticCodes.InvalidTest, $"'{key}' must be a list", YamlFile.SpanOf(node, file));
                continue;
            }

            foreach (var test in sequence.Children)
            {
                into.Add(new TestEntry(YamlFile.ToValue(test), YamlFile.SpanOf(test, file), columnName));
            }
        }
    }

    /// <summary>A model's (or a version's) <c>constraints:</c> as written; their types are checked with the model (dbt checks them only when its contract is enforced).</summary>
    private void ReadModelConstraints(YamlMappingNode node, string file, SchemaEntry entry)
    {
        if (YamlFile.Get(node, "constraints") is not { } constraints)
        {
            return;
        }

        entry.ConstraintsSpan = YamlFile.SpanOf(constraints, file);
        entry.Constraints.Clear();
        entry.Constraints.AddRange(ConstraintItems(constraints, file).Select(c => c.Map));
    }

    private IEnumerable<(Dictionary<string, object?> Map, SourceSpan Span)> ConstraintItems(YamlNode? node, string file)
    {
        if (node is null or YamlScalarNode { Value: null or "" })
        {
            yield break;
        }

        if (node is not YamlSequenceNode sequence)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, "'constraints' must be a list", YamlFile.SpanOf(node, file));
            yield break;
        }

        foreach (var item in sequence.Children)
        {
            if (YamlFile.ToValue(item) is Dictionary<string, object?> map)
            {
                yield return (map, YamlFile.SpanOf(item, file));
            }
            else
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, "each constraint must be a mapping with a 'type'", YamlFile.SpanOf(item, file));
            }
        }
    }

    private void CopyDict(YamlNode? node, Dictionary<string, object?> into, string? file = null, string? what = null)
    {
        switch (YamlFile.ToValue(node))
        {
            case null:
                return;
            case Dictionary<string, object?> dict:
                foreach (var (k, v) in dict)
                {
                    into[k] = v;
                }

                return;
            default:
                if (file is not null && node is not null)
                {
                    diagnostics.Error(DiagnosticCodes.InvalidValue, $"'{what}' must be a mapping", YamlFile.SpanOf(node, file));
                }

                return;
        }
    }
}
