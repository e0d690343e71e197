namespace Wellhouse.Transform.Execution.Models;

/// <summary>The column types a C# model's table can have; each adapter names them in its own SQL.</summary>
public enum ModelType
{
    Integer,
    Double,
    Text,
    Date,

    /// <summary>A list of dates (DuckDB <c>date[]</c>, PostgreSQL <c>date[]</c>).</summary>
    DateList,

    /// <summary>A list of doubles (DuckDB <c>double[]</c>, PostgreSQL <c>double precision[]</c>).</summary>
    DoubleList,

    /// <summary>One of <see cref="ModelColumn.Values"/>, written by its index: a DuckDB ENUM, text on PostgreSQL.</summary>
    Enum,
}

/// <summary>A column of a C# model's table: its name, type and, for <see cref="ModelType.Enum"/>, its values.</summary>
public sealed record ModelColumn(string Name, ModelType Type, IReadOnlyList<string>? Values = null)
{
    public static ModelColumn Integer(string name) => new(name, ModelType.Integer);

    public static ModelColumn Double(string name) => new(name, ModelType.Double);

    public static ModelColumn Text(string name) => new(name, ModelType.Text);

    public static ModelColumn Date(string name) => new(name, ModelType.Date);

    public static ModelColumn DateList(string name) => new(name, ModelType.DateList);

    public static ModelColumn DoubleList(string name) => new(name, ModelType.DoubleList);

    public static ModelColumn Enum(string name, params string[] values) => new(name, ModelType.Enum, values);

    /// <summary>Whether the column is a list (dates or doubles).</summary>
    internal bool IsList => Type is ModelType.DateList or ModelType.DoubleList;
}
