using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Graph;

/// <summary>
/// A dbt 1.8 unit test (<c>unit_tests:</c> in a schema file): the model it tests, mock rows for the model's inputs
/// (<c>given</c>), the rows the model must return (<c>expect</c>) and <c>overrides</c> of macros, vars and env vars.
/// Its node (resource type unit_test) is in <see cref="Manifest.Nodes"/> under the same unique id.
/// </summary>
internal sealed class UnitTestDefinition
{
    public required string Name { get; init; }

    /// <summary>The tested model's name as written.</summary>
    public required string Model { get; init; }

    /// <summary>Where the entry starts in its schema file.</summary>
    public required SourceSpan Span { get; init; }

    /// <summary>Where <c>model:</c>'s value is written.</summary>
    public SourceSpan ModelSpan { get; init; }

    public string Description { get; set; } = string.Empty;

    public List<UnitTestInput> Given { get; } = [];

    public UnitTestFixture? Expect { get; set; }

    public Dictionary<string, object?> Config { get; } = new(StringComparer.Ordinal);

    /// <summary><c>overrides.macros</c>: macro name (optionally <c>package.name</c>) -> the value it returns.</summary>
    public Dictionary<string, object?> MacroOverrides { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> VarOverrides { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> EnvVarOverrides { get; } = new(StringComparer.Ordinal);

    /// <summary>The tested model's unique id once resolved.</summary>
    public string? ModelId { get; set; }

    /// <summary><c>versions: {include: [...]}</c> of a test of a versioned model (null: every version).</summary>
    public IReadOnlyList<string>? VersionsInclude { get; set; }

    /// <summary><c>versions: {exclude: [...]}</c>.</summary>
    public IReadOnlyList<string>? VersionsExclude { get; set; }

    /// <summary>The test of one version of a versioned model: named <c>&lt;name&gt;_v&lt;v&gt;</c> as dbt names it, with its
    /// own inputs (their resolution belongs to that version).</summary>
    public UnitTestDefinition ForVersion(string version)
    {
        var copy = new UnitTestDefinition { Name = $"{Name}_v{version}", Model = Model, Span = Span, ModelSpan = ModelSpan, Description = Description, Expect = Expect?.Copy() };
        copy.Given.AddRange(Given.Select(g => (UnitTestInput)g.Copy()));
        foreach (var (target, source) in new[] { (copy.Config, Config), (copy.MacroOverrides, MacroOverrides), (copy.VarOverrides, VarOverrides) })
        {
            foreach (var (key, value) in source)
            {
                target[key] = value;
            }
        }

        foreach (var (key, value) in EnvVarOverrides)
        {
            copy.EnvVarOverrides[key] = value;
        }

        return copy;
    }
}

/// <summary>How fixture rows are written: a list of mappings, CSV text, or a SQL query.</summary>
internal enum UnitTestFormat
{
    Dict,
    Csv,
    Sql,
}

/// <summary>Rows given for an input, or expected from the model.</summary>
internal class UnitTestFixture
{
    public UnitTestFormat Format { get; set; } = UnitTestFormat.Dict;

    /// <summary>The rows (dict and csv formats), each cell with where it is written.</summary>
    public List<UnitTestRow>? Rows { get; set; }

    /// <summary>The query (sql format).</summary>
    public string? Sql { get; set; }

    /// <summary>The name of a fixture file in <c>&lt;test-path&gt;/fixtures/</c> (without extension).</summary>
    public string? FixtureName { get; set; }

    /// <summary>Where the fixture (the <c>given</c> entry or <c>expect</c>) is written.</summary>
    public SourceSpan Span { get; set; }

    /// <summary>Where <c>rows:</c> (or <c>fixture:</c>) is written, for row errors.</summary>
    public SourceSpan RowsSpan { get; set; }

    /// <summary>A fixture as written, before any resolution.</summary>
    public virtual UnitTestFixture Copy() => new() { Format = Format, Rows = Rows, Sql = Sql, FixtureName = FixtureName, Span = Span, RowsSpan = RowsSpan };

    /// <summary>The columns named in the rows, in first-seen order.</summary>
    public IReadOnlyList<string> Columns => Rows is null ? [] : Rows.SelectMany(r => r.Cells.Select(c => c.Column)).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>A <c>given</c> entry: the input it replaces (<c>ref('x')</c>, <c>source('s', 't')</c> or <c>this</c>) and its rows.</summary>
internal sealed class UnitTestInput : UnitTestFixture
{
    public required string Input { get; init; }

    /// <summary>Where <c>input:</c>'s value is written.</summary>
    public SourceSpan InputSpan { get; init; }

    /// <summary>For <c>ref(...)</c>: the model or seed name.</summary>
    public string? RefName { get; set; }

    /// <summary>For <c>source(...)</c>: source name and table name.</summary>
    public (string Source, string Table)? SourceName { get; set; }

    public bool IsThis { get; set; }

    /// <summary>The unique id of the node or source the input stands for, once resolved.</summary>
    public string? TargetId { get; set; }

    /// <summary>The CTE name the input is compiled to.</summary>
    public override UnitTestFixture Copy() => new UnitTestInput { Input = Input, InputSpan = InputSpan, Format = Format, Rows = Rows, Sql = Sql, FixtureName = FixtureName, Span = Span, RowsSpan = RowsSpan };

    public string CteName => IsThis ? "__dbt__cte__this"
        : SourceName is { } s ? $"__dbt__cte__{s.Source}__{s.Table}"
        : "__dbt__cte__" + RefName;
}

/// <summary>One fixture row: its cells in the order written (a missing column is NULL).</summary>
internal sealed record UnitTestRow(IReadOnlyList<UnitTestCell> Cells, SourceSpan Span);

/// <summary>One value of a fixture row (null, bool, long, double or string); the span is where its column name is written.</summary>
internal sealed record UnitTestCell(string Column, object? Value, SourceSpan Span);
