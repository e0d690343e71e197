using System.Globalization;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Graph;

/// <summary>
/// A model or column constraint (dbt docs "constraints"): <c>type</c> check, not_null, unique, primary_key,
/// foreign_key or custom, with an optional <c>name</c>, <c>expression</c>, model-level <c>columns</c>, and for a foreign
/// key <c>to</c> (<c>ref('x')</c> or <c>source('s', 't')</c>) and <c>to_columns</c>. Added to the table's DDL when the
/// model's contract is enforced and it is a table or incremental model, as dbt-duckdb does (DuckDB enforces every type).
/// </summary>
public sealed class Constraint
{
    public static readonly IReadOnlyList<string> Types = ["check", "not_null", "unique", "primary_key", "foreign_key", "custom"];

    public required string Type { get; init; }

    public string? Name { get; init; }

    public string? Expression { get; init; }

    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary><c>to</c> as written (<c>ref('wells')</c>); see <see cref="ToRelation"/>.</summary>
    public string? To { get; init; }

    public IReadOnlyList<string> ToColumns { get; init; } = [];

    public bool WarnUnsupported { get; init; } = true;

    public bool WarnUnenforced { get; init; } = true;

    /// <summary>The relation <see cref="To"/> names, once its ref or source is resolved (dbt compiles <c>to</c> so).</summary>
    public string? ToRelation { get; set; }

    /// <summary>A constraint from its .yml mapping; null when the type is not one of <see cref="Types"/>.</summary>
    internal static Constraint? From(Dictionary<string, object?> map) =>
        map.GetValueOrDefault("type") is string type && Types.Contains(type)
            ? new Constraint
            {
                Type = type,
                Name = Text(map.GetValueOrDefault("name")),
                Expression = Text(map.GetValueOrDefault("expression")),
                Columns = Texts(map.GetValueOrDefault("columns")),
                To = Text(map.GetValueOrDefault("to")),
                ToColumns = Texts(map.GetValueOrDefault("to_columns")),
                WarnUnsupported = map.GetValueOrDefault("warn_unsupported") is not false,
                WarnUnenforced = map.GetValueOrDefault("warn_unenforced") is not false,
            }
            : null;

    /// <summary>dbt-adapters' <c>render_column_constraint</c>: the clause after a column's type, or null when it renders nothing.</summary>
    public string? RenderForColumn()
    {
        var prefix = Name is null ? string.Empty : $"constraint {Name} ";
        var expression = Expression ?? string.Empty;
        var clause = Type switch
        {
            "check" when expression.Length > 0 => $"{prefix}check ({expression})",
            "not_null" => $"{prefix}not null {expression}",
            "unique" => $"{prefix}unique {expression}",
            "primary_key" => $"{prefix}primary key {expression}",
            "foreign_key" when (ToRelation ?? To) is { } to && ToColumns.Count > 0 => $"{prefix}references {to} ({string.Join(", ", ToColumns)})",
            "foreign_key" when expression.Length > 0 => $"{prefix}references {expression}",
            "custom" when expression.Length > 0 => expression,
            _ => null,
        };
        return clause?.Trim();
    }

    /// <summary>dbt-adapters' <c>render_model_constraint</c>: a table constraint, or null (not_null has none at model level).</summary>
    public string? RenderForModel()
    {
        var prefix = Name is null ? string.Empty : $"constraint {Name} ";
        var expression = Expression is null ? string.Empty : Expression + " ";
        var columns = string.Join(", ", Columns);
        return Type switch
        {
            "check" when Expression is not null => $"{prefix}check ({Expression})",
            "unique" => $"{prefix}unique {expression}({columns})",
            "primary_key" => $"{prefix}primary key {expression}({columns})",
            "foreign_key" when (ToRelation ?? To) is { } to && ToColumns.Count > 0 => $"{prefix}foreign key ({columns}) references {to} ({string.Join(", ", ToColumns)})",
            "foreign_key" when Expression is not null => $"{prefix}foreign key ({columns}) references {Expression}",
            "custom" when Expression is not null => $"{prefix}{Expression}",
            _ => null,
        };
    }

    /// <summary>The constraint as dbt's manifest writes it.</summary>
    internal Dictionary<string, object?> ToManifest(bool modelLevel)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["type"] = Type,
            ["name"] = Name,
            ["expression"] = Expression,
            ["warn_unenforced"] = WarnUnenforced,
            ["warn_unsupported"] = WarnUnsupported,
            ["to"] = ToRelation ?? To,
            ["to_columns"] = ToColumns.Cast<object?>().ToList(),
        };
        if (modelLevel)
        {
            result["columns"] = Columns.Cast<object?>().ToList();
        }

        return result;
    }

    private static string? Text(object? value) => value is null ? null : Convert.ToString(value is string ? value : PythonRepr.Str(value), CultureInfo.InvariantCulture);

    private static List<string> Texts(object? value) => value switch
    {
        null => [],
        string s => [s],
        IEnumerable<object?> items => items.Select(i => PythonRepr.Str(i)).ToList(),
        _ => [PythonRepr.Str(value)],
    };
}
