using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Model versions (dbt docs "Model versions", "versions"): each entry of <c>versions:</c> becomes an entry of its own
/// with the model's name and its <c>v</c>; its description, docs, access and constraints replace the model's when
/// given, its config is deep-merged over the model's, its columns are the model's filtered by the version's
/// <c>include</c>/<c>exclude</c> element plus the version's own, and its tests are the version's when it has a
/// <c>data_tests</c>/<c>tests</c> key, else the model's.
/// </summary>
internal sealed partial class SchemaYmlReader
{
    private static readonly HashSet<string> VersionKeys = new(StringComparer.Ordinal)
    {
        "v", "defined_in", "description", "access", "config", "constraints", "docs", "data_tests", "tests", "columns",
        "deprecation_date",
    };

    private static readonly string[] IncludeAll = ["all", "*"];

    private IEnumerable<SchemaEntry> ReadVersions(YamlMappingNode model, YamlNode versionsNode, SchemaEntry baseEntry)
    {
        var file = baseEntry.File;
        var read = new List<SchemaEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Items(versionsNode, file, "versions"))
        {
            var span = YamlFile.SpanOf(item, file);
            CheckKeys(item, file, VersionKeys, $"a version of model '{baseEntry.Name}'");
            var v = YamlFile.ToValue(YamlFile.Get(item, "v"));
            if (v is not (long or double or string) || v is string { Length: 0 })
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"each version of model '{baseEntry.Name}' needs a 'v' (a number or a string)", span);
                continue;
            }

            if (!seen.Add(PythonRepr.Str(v)))
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"Found duplicate version: '{PythonRepr.Str(v)}' in versions list of model '{baseEntry.Name}'", span);
                continue;
            }

            var entry = VersionEntry(item, baseEntry, v, span);
            if (entry is not null)
            {
                read.Add(entry);
            }
        }

        if (read.Count == 0)
        {
            return read;
        }

        var latest = YamlFile.ToValue(YamlFile.Get(model, "latest_version"));
        if (latest is not null && !read.Any(e => PythonRepr.Str(e.Version) == PythonRepr.Str(latest)))
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"latest_version: {PythonRepr.Str(latest)} is not one of model '{baseEntry.Name}' versions: [{string.Join(", ", read.Select(e => PythonRepr.Repr(e.Version)))}]", YamlFile.SpanOf(YamlFile.Get(model, "latest_version")!, file));
            return [];
        }

        latest ??= read.Select(e => e.Version).Aggregate((a, b) => CompareVersions(a, b) >= 0 ? a : b);
        foreach (var entry in read)
        {
            entry.LatestVersion = latest;
        }

        return read;
    }

    /// <summary>dbt's <c>UnparsedVersion.__lt__</c>: numerically when both are numbers, else as strings.</summary>
    internal static int CompareVersions(object? a, object? b)
    {
        var left = PythonRepr.Str(a);
        var right = PythonRepr.Str(b);
        return double.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(left, right);
    }

    private SchemaEntry? VersionEntry(YamlMappingNode item, SchemaEntry baseEntry, object v, SourceSpan span)
    {
        var file = baseEntry.File;
        var entry = new SchemaEntry { Kind = baseEntry.Kind, Name = baseEntry.Name, File = file, Span = span, Version = v };
        entry.DefinedIn = YamlFile.ToValue(YamlFile.Get(item, "defined_in")) is { } definedIn ? PythonRepr.Str(definedIn) : $"{baseEntry.Name}_v{PythonRepr.Str(v)}";
        var description = YamlFile.ToValue(YamlFile.Get(item, "description"))?.ToString();
        entry.Description = string.IsNullOrEmpty(description) ? baseEntry.Description : description;
        foreach (var (key, value) in baseEntry.Meta)
        {
            entry.Meta[key] = value;
        }

        var config = new Dictionary<string, object?>(StringComparer.Ordinal);
        CopyDict(YamlFile.Get(item, "config"), config, file, "config");
        foreach (var (key, value) in ConfigMerger.DeepMerge(baseEntry.Config, config))
        {
            entry.Config[key] = value;
        }

        foreach (var key in new[] { "access", "docs" })
        {
            if (YamlFile.ToValue(YamlFile.Get(item, key)) is { } value)
            {
                entry.Config[key] = value;
            }
        }

        if (YamlFile.Get(item, "tests") is not null || YamlFile.Get(item, "data_tests") is not null)
        {
            ReadTests(item, file, null, entry.Tests);
        }
        else
        {
            entry.Tests.AddRange(baseEntry.Tests);
        }

        entry.DeprecationDate = ReadDate(YamlFile.Get(item, "deprecation_date"), file);
        entry.Constraints.AddRange(baseEntry.Constraints);
        entry.ConstraintsSpan = baseEntry.ConstraintsSpan;
        if (YamlFile.Get(item, "constraints") is YamlSequenceNode { Children.Count: > 0 })
        {
            ReadModelConstraints(item, file, entry);
        }

        return ReadVersionColumns(item, baseEntry, entry) ? entry : null;
    }

    /// <summary>The model's columns the version's include/exclude element keeps (all when it has none), then the version's own.</summary>
    private bool ReadVersionColumns(YamlMappingNode item, SchemaEntry baseEntry, SchemaEntry entry)
    {
        var file = baseEntry.File;
        object? include = "*";
        List<string> exclude = [];
        var own = new YamlSequenceNode();
        var hasIncludeExclude = false;
        if (YamlFile.Get(item, "columns") is { } columns)
        {
            foreach (var column in Items(columns, file, "columns"))
            {
                if (YamlFile.Get(column, "include") is null)
                {
                    own.Add(column);
                    continue;
                }

                var span = YamlFile.SpanOf(column, file);
                if (hasIncludeExclude)
                {
                    diagnostics.Error(DiagnosticCodes.InvalidValue, "version can have at most one include/exclude element", span);
                    return false;
                }

                hasIncludeExclude = true;
                CheckKeys(column, file, ["include", "exclude"], "an include/exclude element");
                include = YamlFile.ToValue(YamlFile.Get(column, "include"));
                exclude = (YamlFile.ToValue(YamlFile.Get(column, "exclude")) as List<object?> ?? []).Select(PythonRepr.Str).ToList();
                if (include is string text && !IncludeAll.Contains(text) || include is not (string or List<object?>))
                {
                    diagnostics.Error(DiagnosticCodes.InvalidValue, "'include' must be 'all', '*' or a list of column names", span);
                    return false;
                }

                if (exclude.Count > 0 && include is not string)
                {
                    diagnostics.Error(DiagnosticCodes.InvalidValue, "'exclude' can only be given when 'include' is 'all' or '*'", span);
                    return false;
                }
            }
        }

        var included = include is List<object?> list ? list.Select(PythonRepr.Str).ToHashSet(StringComparer.Ordinal) : null;
        entry.Columns.AddRange(baseEntry.Columns.Where(c => (included is null || included.Contains(c.Info.Name)) && !exclude.Contains(c.Info.Name)));
        var versionColumns = new List<ColumnEntry>();
        ReadColumns(own, file, versionColumns);
        entry.Columns.AddRange(versionColumns);
        return true;
    }

    /// <summary>A <c>deprecation_date</c>: a date or a date-time; without an offset it is in the machine's time zone, as dbt's <c>normalize_date</c>.</summary>
    private DateTimeOffset? ReadDate(YamlNode? node, string file)
    {
        if (YamlFile.ToValue(node) is not { } value || node is null)
        {
            return null;
        }

        var text = PythonRepr.Str(value);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var date))
        {
            return date;
        }

        diagnostics.Error(DiagnosticCodes.InvalidValue, $"'deprecation_date' must be a date or a date and time (ISO 8601), not '{text}'", YamlFile.SpanOf(node, file));
        return null;
    }
}
