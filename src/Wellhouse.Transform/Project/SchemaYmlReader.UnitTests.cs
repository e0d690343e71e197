using Wellhouse.Transform.Graph;
using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Project;

/// <summary>
/// <c>unit_tests:</c> entries (dbt docs "Unit tests", "Input for unit tests", "Expect", "Overrides"): name, model,
/// description, given (input, format dict/csv/sql, rows or fixture), expect, overrides (macros, vars, env_vars),
/// config (tags, meta, enabled). Rows are kept with their positions for later errors.
/// </summary>
internal sealed partial class SchemaYmlReader
{
    private static readonly HashSet<string> UnitTestKeys = new(StringComparer.Ordinal) { "name", "model", "description", "given", "expect", "overrides", "config", "versions" };

    private static readonly HashSet<string> GivenKeys = new(StringComparer.Ordinal) { "input", "format", "rows", "fixture" };

    private static readonly HashSet<string> ExpectKeys = new(StringComparer.Ordinal) { "format", "rows", "fixture" };

    private static readonly HashSet<string> OverrideKeys = new(StringComparer.Ordinal) { "macros", "vars", "env_vars" };

    private void ReadUnitTest(YamlMappingNode node, string file, SchemaFiles into)
    {
        var name = RequireName(node, file, "unit test");
        if (name is null)
        {
            return;
        }

        CheckKeys(node, file, UnitTestKeys, $"unit test '{name}'");
        var modelNode = YamlFile.Get(node, "model");
        if (YamlFile.ToValue(modelNode) is not string model || model.Length == 0)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"unit test '{name}' has no 'model'", YamlFile.SpanOf(modelNode ?? node, file));
            return;
        }

        var test = new UnitTestDefinition { Name = name, Model = model, Span = YamlFile.SpanOf(node, file), ModelSpan = YamlFile.SpanOf(modelNode!, file) };
        test.Description = YamlFile.ToValue(YamlFile.Get(node, "description"))?.ToString() ?? string.Empty;
        CopyDict(YamlFile.Get(node, "config"), test.Config, file, "config");
        ReadGiven(YamlFile.Get(node, "given"), file, test);
        if (YamlFile.Get(node, "expect") is YamlMappingNode expect)
        {
            CheckKeys(expect, file, ExpectKeys, $"expect of unit test '{name}'");
            test.Expect = ReadFixture(expect, file, new UnitTestFixture(), "expect");
        }
        else
        {
            diagnostics.Error(UnitTestCodes.MalformedRows, $"unit test '{name}' needs an 'expect' mapping with rows", YamlFile.SpanOf(YamlFile.Get(node, "expect") ?? node, file));
        }

        ReadOverrides(YamlFile.Get(node, "overrides"), file, test);
        if (YamlFile.Get(node, "versions") is { } versions)
        {
            if (YamlFile.ToValue(versions) is not Dictionary<string, object?> map || map.Keys.Any(k => k is not ("include" or "exclude")))
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"'versions' of unit test '{name}' takes 'include' or 'exclude', a list of versions", YamlFile.SpanOf(versions, file));
            }
            else
            {
                test.VersionsInclude = VersionList(map.GetValueOrDefault("include"));
                test.VersionsExclude = VersionList(map.GetValueOrDefault("exclude"));
            }
        }

        into.UnitTests.Add(test);
    }

    private static List<string>? VersionList(object? value) => value switch
    {
        null => null,
        List<object?> items => items.Select(PythonRepr.Str).ToList(),
        var one => [PythonRepr.Str(one)],
    };

    private void ReadGiven(YamlNode? node, string file, UnitTestDefinition test)
    {
        if (node is null or YamlScalarNode { Value: null or "" })
        {
            return;
        }

        foreach (var item in Items(node, file, "given"))
        {
            CheckKeys(item, file, GivenKeys, $"given of unit test '{test.Name}'");
            var inputNode = YamlFile.Get(item, "input");
            if (YamlFile.ToValue(inputNode) is not string input || input.Length == 0)
            {
                diagnostics.Error(UnitTestCodes.BadInput, "each 'given' entry needs an 'input': ref('model'), source('source', 'table') or this", YamlFile.SpanOf(inputNode ?? item, file));
                continue;
            }

            var given = new UnitTestInput { Input = input, InputSpan = YamlFile.SpanOf(inputNode!, file) };
            test.Given.Add(ReadFixture(item, file, given, "given"));
        }
    }

    private T ReadFixture<T>(YamlMappingNode node, string file, T fixture, string what)
        where T : UnitTestFixture
    {
        fixture.Span = YamlFile.SpanOf(node, file);
        var formatNode = YamlFile.Get(node, "format");
        switch (YamlFile.ToValue(formatNode))
        {
            case null or "dict":
                fixture.Format = UnitTestFormat.Dict;
                break;
            case "csv":
                fixture.Format = UnitTestFormat.Csv;
                break;
            case "sql":
                fixture.Format = UnitTestFormat.Sql;
                break;
            case var other:
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"'format' of {what} must be dict, csv or sql, not '{other}'", YamlFile.SpanOf(formatNode!, file));
                break;
        }

        var fixtureNode = YamlFile.Get(node, "fixture");
        if (fixtureNode is not null)
        {
            fixture.FixtureName = YamlFile.ScalarText(fixtureNode);
            fixture.RowsSpan = YamlFile.SpanOf(fixtureNode, file);
            if (fixture.Format == UnitTestFormat.Dict)
            {
                diagnostics.Error(UnitTestCodes.MalformedRows, $"a fixture file needs 'format: csv' or 'format: sql' ({what})", fixture.RowsSpan);
            }
        }

        var rows = YamlFile.Get(node, "rows");
        if (rows is null)
        {
            return fixture;
        }

        fixture.RowsSpan = YamlFile.SpanOf(rows, file);
        switch (fixture.Format)
        {
            case UnitTestFormat.Dict:
                fixture.Rows = ReadDictRows(rows, file, what);
                break;
            case UnitTestFormat.Csv when rows is YamlScalarNode { Value: { } csv } scalar:
                // A block scalar's text starts on the line after its indicator.
                var firstLine = scalar.Style is YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded ? (int)rows.Start.Line + 1 : (int)rows.Start.Line;
                fixture.Rows = UnitTestCsv.Parse(csv, file, firstLine, diagnostics);
                break;
            case UnitTestFormat.Sql when rows is YamlScalarNode { Value: { } sql }:
                fixture.Sql = sql;
                break;
            default:
                diagnostics.Error(UnitTestCodes.MalformedRows, $"'rows' of {what} with format {fixture.Format.ToString().ToLowerInvariant()} must be a string", fixture.RowsSpan);
                break;
        }

        return fixture;
    }

    private List<UnitTestRow> ReadDictRows(YamlNode rows, string file, string what)
    {
        var result = new List<UnitTestRow>();
        if (rows is YamlScalarNode { Value: null or "" })
        {
            return result;
        }

        if (rows is not YamlSequenceNode sequence)
        {
            diagnostics.Error(UnitTestCodes.MalformedRows, $"'rows' of {what} must be a list of mappings (column: value)", YamlFile.SpanOf(rows, file));
            return result;
        }

        foreach (var row in sequence.Children)
        {
            if (row is not YamlMappingNode mapping)
            {
                diagnostics.Error(UnitTestCodes.MalformedRows, $"each row of {what} must be a mapping (column: value), e.g. {{id: 1, name: a}}", YamlFile.SpanOf(row, file));
                continue;
            }

            var cells = new List<UnitTestCell>();
            foreach (var (column, key, value) in YamlFile.Entries(mapping))
            {
                if (value is not YamlScalarNode scalar)
                {
                    diagnostics.Error(UnitTestCodes.MalformedRows, $"the value of column '{column}' must be a single value, not a list or mapping", YamlFile.SpanOf(value, file));
                    continue;
                }

                cells.Add(new UnitTestCell(column, YamlFile.ScalarValue(scalar), YamlFile.SpanOf(key, file)));
            }

            result.Add(new UnitTestRow(cells, YamlFile.SpanOf(mapping, file)));
        }

        return result;
    }

    private void ReadOverrides(YamlNode? node, string file, UnitTestDefinition test)
    {
        if (node is null or YamlScalarNode { Value: null or "" })
        {
            return;
        }

        if (node is not YamlMappingNode mapping)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, "'overrides' must be a mapping with macros, vars or env_vars", YamlFile.SpanOf(node, file));
            return;
        }

        CheckKeys(mapping, file, OverrideKeys, $"overrides of unit test '{test.Name}'");
        CopyDict(YamlFile.Get(mapping, "macros"), test.MacroOverrides, file, "overrides.macros");
        CopyDict(YamlFile.Get(mapping, "vars"), test.VarOverrides, file, "overrides.vars");
        var env = new Dictionary<string, object?>(StringComparer.Ordinal);
        CopyDict(YamlFile.Get(mapping, "env_vars"), env, file, "overrides.env_vars");
        foreach (var (key, value) in env)
        {
            test.EnvVarOverrides[key] = PythonRepr.Str(value);
        }
    }
}
