using System.Text.RegularExpressions;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Project;

/// <summary>
/// A unit test's inputs: <c>ref('x')</c>, <c>source('s', 't')</c> or <c>this</c>, each one the model references;
/// every ref/source of the model given (dbt docs: "include all ref or source model references ... as inputs"), except
/// seeds; fixture files and seed rows read.
/// </summary>
internal sealed partial class ProjectParser
{
    private static readonly Regex RefInput = new(@"^\s*ref\(\s*(['""])(?<a>[^'""]+)\1\s*(?:,\s*(['""])(?<b>[^'""]+)\2\s*)?(?:,\s*(?:v|version)\s*=\s*[^)]*)?\)\s*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly Regex SourceInput = new(@"^\s*source\(\s*(['""])(?<s>[^'""]+)\1\s*,\s*(['""])(?<t>[^'""]+)\2\s*\)\s*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private void ResolveInput(UnitTestDefinition test, UnitTestInput input, Node model)
    {
        if (input.Input.Trim() == "this")
        {
            input.IsThis = true;
            input.TargetId = model.UniqueId;
            return;
        }

        if (RefInput.Match(input.Input) is { Success: true } refMatch)
        {
            var name = refMatch.Groups["b"].Success ? refMatch.Groups["b"].Value : refMatch.Groups["a"].Value;
            input.RefName = name;
            if (!model.Refs.Any(r => r.Name == name))
            {
                diagnostics.Error(UnitTestCodes.BadInput, $"unit test '{test.Name}' gives input ref('{name}') but model '{model.Name}' does not reference it (its inputs: {InputsOf(model)})", input.InputSpan);
                return;
            }

            input.TargetId = manifest.Nodes.Values.FirstOrDefault(n => n.Name == name && n.ResourceType is ResourceType.Model or ResourceType.Seed && (n.Version is null || n.IsLatestVersion))?.UniqueId;
            return;
        }

        if (SourceInput.Match(input.Input) is { Success: true } sourceMatch)
        {
            var (source, table) = (sourceMatch.Groups["s"].Value, sourceMatch.Groups["t"].Value);
            input.SourceName = (source, table);
            if (!model.Sources.Any(s => s[0] == source && s[1] == table))
            {
                diagnostics.Error(UnitTestCodes.BadInput, $"unit test '{test.Name}' gives input source('{source}', '{table}') but model '{model.Name}' does not reference it (its inputs: {InputsOf(model)})", input.InputSpan);
                return;
            }

            input.TargetId = manifest.Sources.Values.FirstOrDefault(s => s.SourceName == source && s.Name == table)?.UniqueId;
            return;
        }

        diagnostics.Error(UnitTestCodes.BadInput, $"input '{input.Input}' must be ref('model'), source('source', 'table') or this", input.InputSpan);
    }

    private static string InputsOf(Node model)
    {
        var inputs = model.Refs.Select(r => $"ref('{r.Name}')").Concat(model.Sources.Select(s => $"source('{s[0]}', '{s[1]}')")).Distinct(StringComparer.Ordinal).ToList();
        return inputs.Count == 0 ? "none" : string.Join(", ", inputs);
    }

    /// <summary>dbt cannot compile a unit test whose model references an input it does not mock, except seeds (their table is used).</summary>
    private void CheckMissingInputs(UnitTestDefinition test, Node model)
    {
        foreach (var reference in model.Refs.Select(r => r.Name).Distinct(StringComparer.Ordinal))
        {
            var seed = manifest.Nodes.Values.Any(n => n.Name == reference && n.ResourceType == ResourceType.Seed);
            if (!seed && !test.Given.Any(g => g.RefName == reference))
            {
                diagnostics.Error(UnitTestCodes.MissingInput, $"unit test '{test.Name}' gives no input for ref('{reference}'), which model '{model.Name}' references; add a 'given' entry (rows: [] for an empty input)", test.Span);
            }
        }

        foreach (var source in model.Sources.Select(s => (s[0], s[1])).Distinct())
        {
            if (!test.Given.Any(g => g.SourceName == source))
            {
                diagnostics.Error(UnitTestCodes.MissingInput, $"unit test '{test.Name}' gives no input for source('{source.Item1}', '{source.Item2}'), which model '{model.Name}' references; add a 'given' entry (rows: [] for an empty input)", test.Span);
            }
        }

        foreach (var input in test.Given.Where(g => g.Rows is null && g.Sql is null && g.FixtureName is null))
        {
            // dbt uses a seed's own rows when its input has none (dbt-core _load_rows_from_seed).
            var seed = input.RefName is { } name ? manifest.Nodes.Values.FirstOrDefault(n => n.Name == name && n.ResourceType == ResourceType.Seed) : null;
            if (seed is null)
            {
                diagnostics.Error(UnitTestCodes.MalformedRows, $"given input {input.Input} needs 'rows' or a 'fixture' (only a seed may be given without rows)", input.Span);
            }
            else if (input.Format != UnitTestFormat.Sql && ReadText(seed.OriginalFilePath) is { } text)
            {
                input.Rows = UnitTestCsv.Parse(text, seed.OriginalFilePath, 1, diagnostics);
            }
        }
    }

    /// <summary>Reads <c>fixture: name</c> from <c>&lt;test-path&gt;/fixtures/**/name.csv</c> (or <c>.sql</c> for the sql format).</summary>
    private void LoadFixtureFile(UnitTestFixture fixture)
    {
        if (fixture.FixtureName is not { } name || fixture.Format == UnitTestFormat.Dict)
        {
            return;
        }

        var extension = fixture.Format == UnitTestFormat.Csv ? ".csv" : ".sql";
        var found = FindFiles(file.TestPaths.Select(p => p.TrimEnd('/') + "/fixtures"), extension)
            .FirstOrDefault(f => Path.GetFileNameWithoutExtension(f.Relative) == name).Relative;
        if (found is null)
        {
            var folders = string.Join(", ", file.TestPaths.Select(p => p.TrimEnd('/') + "/fixtures/"));
            diagnostics.Error(UnitTestCodes.MissingFixture, $"fixture file '{name}{extension}' not found in {folders}", fixture.RowsSpan);
            return;
        }

        var text = ReadText(found);
        if (text is null)
        {
            return;
        }

        if (fixture.Format == UnitTestFormat.Csv)
        {
            fixture.Rows = UnitTestCsv.Parse(text, found, 1, diagnostics);
        }
        else
        {
            fixture.Sql = text;
        }
    }
}
