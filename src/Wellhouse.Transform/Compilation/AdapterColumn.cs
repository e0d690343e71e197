using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// A column as <c>adapter.get_columns_in_relation</c> and <c>api.Column.create</c> give it (dbt's <c>Column</c>,
/// dbt-adapters <c>base/column.py</c>, with dbt-duckdb's <c>DuckDBColumn</c> type sets): <c>name</c>/<c>column</c>,
/// <c>quoted</c>, <c>dtype</c> (the database's type name), <c>data_type</c> (<c>character varying(256)</c> for a
/// string, as dbt-duckdb reports it since DuckDB strings have no size; else the dtype), <c>char_size</c>,
/// <c>numeric_precision</c>, <c>numeric_scale</c>, and <c>is_string()</c>, <c>is_number()</c>, <c>is_numeric()</c>,
/// <c>is_integer()</c>, <c>is_float()</c>, <c>string_size()</c>, <c>can_expand_to(other)</c>,
/// <c>literal(value)</c>. Prints as <c>&lt;Column name (TYPE)&gt;</c>. On PostgreSQL (dbt-postgres's
/// <c>PostgresColumn</c>) the dtype is information_schema's <c>data_type</c> with <c>char_size</c>,
/// <c>numeric_precision</c> and <c>numeric_scale</c> beside it, and <c>data_type</c> is built from them as dbt's
/// <c>Column.data_type</c> does (<c>character varying(45)</c>, <c>numeric(4,2)</c>; <c>text</c> and a size-less
/// <c>character varying</c> as they are).
/// </summary>
internal sealed class AdapterColumn(string name, string dataType, bool postgres = false, long? charSize = null, long? numericPrecision = null, long? numericScale = null) : IJinjaObject
{
    private const int DefaultStringSize = 256;

    public string Name { get; } = name;

    public string DataType { get; } = dataType;

    /// <summary>dbt's <c>Column.translate_type</c>: only <c>string</c> (any case) becomes <c>TEXT</c>.</summary>
    public static string TranslateType(string dtype) => string.Equals(dtype, "string", StringComparison.OrdinalIgnoreCase) ? "TEXT" : dtype;

    /// <summary>dbt's <c>Column.numeric_type</c>: <c>dtype(precision,scale)</c>, or the dtype when either is none.</summary>
    public static string NumericType(string dtype, object? precision, object? scale) =>
        precision is null || scale is null ? dtype : $"{dtype}({Jinja.Runtime.PyStr.Str(precision)},{Jinja.Runtime.PyStr.Str(scale)})";

    /// <summary>dbt's <c>Column.string_type</c>.</summary>
    public static string StringType(object? size) => $"character varying({Jinja.Runtime.PyStr.Str(size)})";

    public bool TryGetAttribute(string name, out object? value)
    {
        var type = DataType.ToLowerInvariant();
        value = name switch
        {
            "name" or "column" => Name,
            "quoted" => Relation.Quote(Name),
            "dtype" => DataType,
            // dbt-postgres's PostgresColumn keeps text and a size-less character varying as they are.
            "data_type" or "expanded_data_type" => FullType(type),
            "char_size" => charSize,
            "numeric_precision" => numericPrecision,
            "numeric_scale" => numericScale,
            "is_string" => Test(IsString(type)),
            "is_integer" => Test(IsInteger(type)),
            "is_float" => Test(IsFloat(type)),
            "is_numeric" => Test(IsNumeric(type)),
            "is_number" => Test(IsInteger(type) || IsFloat(type) || IsNumeric(type)),
            "string_size" => new JinjaFunction(a => IsString(type) ? charSize ?? DefaultStringSize : throw new Project.DiagnosticException(new Project.Diagnostic(Project.DiagnosticSeverity.Error, Project.DiagnosticCodes.CompilerError, "Called string_size() on non-string field!", a.Span))),
            "can_expand_to" => new JinjaFunction(_ => false),
            "literal" => new JinjaFunction(a => $"{Jinja.Runtime.PyStr.Str(ContextArgs.Get(a, 0, "value"))}::{(postgres ? FullType(type) : DataType)}"),
            _ => Missing,
        };
        if (ReferenceEquals(value, Missing))
        {
            value = null;
            return false;
        }

        return true;
    }

    public override string ToString() => $"<Column {Name} ({DataType})>";

    /// <summary>dbt's <c>Column.data_type</c> (dbt-postgres's <c>PostgresColumn.data_type</c> on PostgreSQL).</summary>
    private string FullType(string type) => postgres
        ? (type == "text" || (type == "character varying" && charSize is null) ? DataType
            : IsString(type) ? StringType(charSize ?? DefaultStringSize)
            : IsNumeric(type) ? NumericType(DataType, numericPrecision, numericScale)
            : DataType)
        : IsString(type) ? StringType((long)DefaultStringSize) : DataType;

    private static readonly object Missing = new();

    private static JinjaFunction Test(bool result) => new(_ => result);

    private static bool IsString(string type) => type is "varchar" or "text" or "character varying" or "character";

    private static bool IsNumeric(string type) => type is "numeric" or "decimal";

    private static bool IsInteger(string type) => type is "tinyint" or "smallint" or "integer" or "bigint" or "hugeint"
        or "utinyint" or "usmallint" or "uinteger" or "ubigint" or "int1" or "int2" or "int4" or "int8" or "short" or "int"
        or "signed" or "long" or "smallserial" or "serial" or "bigserial";

    private static bool IsFloat(string type) => type is "real" or "float" or "float4" or "float8" or "double" or "double precision";
}

/// <summary>dbt's <c>AdapterResponse</c> (<c>load_result(...)['response']</c>, the first item of
/// <c>adapter.execute</c>): <c>_message</c>, <c>code</c>, <c>rows_affected</c>; prints as its message.</summary>
internal sealed class AdapterResponseValue(string message, string? code, long? rowsAffected) : IJinjaObject
{
    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "_message" => message,
            "code" => code,
            "rows_affected" => rowsAffected,
            _ => null,
        };
        return name is "_message" or "code" or "rows_affected";
    }

    public override string ToString() => message;
}
