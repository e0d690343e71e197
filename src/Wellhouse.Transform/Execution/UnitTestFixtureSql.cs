using System.Globalization;
using System.Text;
using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// Fixture rows as a query of literals, one <c>select</c> per row joined by <c>union all</c>, every value cast to its
/// column's type (dbt's <c>get_fixture_sql</c> casts the same way; a column a row leaves out is a typed NULL).
/// </summary>
internal static class UnitTestFixtureSql
{
    public static string Build(IReadOnlyList<ColumnSchema> columns, IReadOnlyList<UnitTestRow> rows)
    {
        if (columns.Count == 0)
        {
            // Nothing is known about the input: an empty relation with no useful columns.
            return "select null as \"__dbt_no_columns\" limit 0";
        }

        var text = new StringBuilder();
        if (rows.Count == 0)
        {
            return "select " + string.Join(", ", columns.Select(c => Cast(null, c) + " as " + Relation.Quote(c.Name))) + " limit 0";
        }

        for (var i = 0; i < rows.Count; i++)
        {
            text.Append(i == 0 ? "select " : "\nunion all\nselect ");
            for (var j = 0; j < columns.Count; j++)
            {
                var column = columns[j];
                var cell = rows[i].Cells.FirstOrDefault(c => c.Column == column.Name) ?? rows[i].Cells.FirstOrDefault(c => string.Equals(c.Column, column.Name, StringComparison.OrdinalIgnoreCase));
                text.Append(j == 0 ? string.Empty : ", ").Append(Cast(cell?.Value, column)).Append(" as ").Append(Relation.Quote(column.Name));
            }
        }

        return text.ToString();
    }

    /// <summary>The value cast to the column's type; an empty type (a documented column of unknown type) leaves it untyped.</summary>
    private static string Cast(object? value, ColumnSchema column) =>
        column.DataType.Length == 0 ? Literal(value) : "cast(" + Literal(value) + " as " + column.DataType + ")";

    /// <summary>A SQL literal for a YAML or CSV value.</summary>
    public static string Literal(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        double d => "'" + (double.IsNaN(d) ? "nan" : d > 0 ? "inf" : "-inf") + "'",
        _ => "'" + Convert.ToString(value, CultureInfo.InvariantCulture)!.Replace("'", "''", StringComparison.Ordinal) + "'",
    };

    /// <summary>
    /// The type of a column known only from its values: YAML booleans are BOOLEAN, numbers BIGINT or DOUBLE, and
    /// strings are typed as seed columns are (integer, number, date, timestamp, boolean, else text).
    /// </summary>
    public static string InferType(ISqlAdapter adapter, IReadOnlyList<UnitTestRow> rows, string column)
    {
        var values = rows.Select(r => r.Cells.FirstOrDefault(c => c.Column == column)?.Value).Where(v => v is not null).ToList();
        if (values.Count > 0 && values.All(v => v is bool))
        {
            return adapter.SeedColumnType(SeedColumnKind.Boolean);
        }

        if (values.Count > 0 && values.All(v => v is long))
        {
            return "BIGINT";
        }

        if (values.Count > 0 && values.All(v => v is long or double))
        {
            return adapter.SeedColumnType(SeedColumnKind.Number);
        }

        var texts = values.Select(v => new[] { Convert.ToString(v, CultureInfo.InvariantCulture) }).ToList();
        var kind = SeedTypeInference.Infer(texts, 0, out _);
        return kind == SeedColumnKind.Integer ? "BIGINT" : adapter.SeedColumnType(kind);
    }
}
