using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// A column as <c>adapter.get_columns_in_relation</c> returns it (dbt's <c>Column</c>): <c>name</c>/<c>column</c>,
/// <c>quoted</c>, <c>data_type</c>/<c>dtype</c> (the database's type name), and the type tests <c>is_string()</c>,
/// <c>is_number()</c>, <c>is_numeric()</c>, <c>is_integer()</c>, <c>is_float()</c> (dbt-adapters
/// <c>base/column.py</c>). Prints as <c>&lt;Column name (TYPE)&gt;</c>.
/// </summary>
internal sealed class AdapterColumn(string name, string dataType) : IJinjaObject
{
    public string Name { get; } = name;

    public string DataType { get; } = dataType;

    public bool TryGetAttribute(string name, out object? value)
    {
        var type = DataType.ToLowerInvariant();
        value = name switch
        {
            "name" or "column" => Name,
            "quoted" => Relation.Quote(Name),
            "data_type" or "dtype" => DataType,
            "char_size" or "numeric_precision" or "numeric_scale" => null,
            "is_string" => Test(IsString(type)),
            "is_integer" => Test(IsInteger(type)),
            "is_float" => Test(IsFloat(type)),
            "is_numeric" => Test(type.StartsWith("decimal", StringComparison.Ordinal) || type.StartsWith("numeric", StringComparison.Ordinal)),
            "is_number" => Test(IsInteger(type) || IsFloat(type) || type.StartsWith("decimal", StringComparison.Ordinal) || type.StartsWith("numeric", StringComparison.Ordinal)),
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

    private static readonly object Missing = new();

    private static JinjaFunction Test(bool result) => new(_ => result);

    private static bool IsString(string type) => type is "varchar" or "text" or "string" or "char" or "bpchar"
        || type.StartsWith("varchar", StringComparison.Ordinal) || type.StartsWith("character", StringComparison.Ordinal);

    private static bool IsInteger(string type) => type is "tinyint" or "smallint" or "integer" or "int" or "bigint" or "hugeint"
        or "utinyint" or "usmallint" or "uinteger" or "ubigint" or "uhugeint" or "int2" or "int4" or "int8";

    private static bool IsFloat(string type) => type is "float" or "double" or "real" or "float4" or "float8" or "double precision";
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
