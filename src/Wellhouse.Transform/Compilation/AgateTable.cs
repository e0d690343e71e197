using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Jinja;
using Wellhouse.Transform.Jinja.Runtime;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// What <c>run_query</c> returns and <c>load_result(...)['table']</c> holds: dbt's agate <c>Table</c> with
/// <c>columns</c>, <c>column_names</c>, <c>column_types</c>, <c>rows</c> and <c>print_table()</c> (agate docs, "Table").
/// As agate 1.9's <c>Table</c> (dbt pins agate 1.7-1.9), the table is shorthand for its rows: it iterates over them
/// (<c>{% for row in run_query(sql) %}</c>), has their length (so an empty table is false) and <c>table[0]</c> is
/// <c>table.rows[0]</c>; <c>{{ table }}</c> prints its structure.
/// </summary>
internal sealed class AgateTable : IJinjaObject, IReadOnlyList<object?>, System.Collections.ICollection
{
    private readonly Action<string>? print;

    public AgateTable(QueryTable result, Action<string>? print)
    {
        this.print = print;
        ColumnNames = result.ColumnNames;
        var rows = result.Rows.Select(r => r.Select(AgateValues.ToTemplate).ToList()).ToList();
        Rows = new AgateSequence([.. rows.Select(r => (object?)new AgateSequence(r, ColumnNames))], null);
        var columns = new List<object?>(ColumnNames.Count);
        var types = new List<string>(ColumnNames.Count);
        for (var i = 0; i < ColumnNames.Count; i++)
        {
            var index = i;
            var values = rows.Select(r => r[index]).ToList();
            var type = AgateValues.AgateType(values);
            types.Add(type);
            columns.Add(new AgateColumn(i, ColumnNames[i], type, values));
        }

        ColumnTypes = types;
        Columns = new AgateSequence(columns, ColumnNames);
    }

    public IReadOnlyList<string> ColumnNames { get; }

    public IReadOnlyList<string> ColumnTypes { get; }

    public AgateSequence Rows { get; }

    public AgateSequence Columns { get; }

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "columns" => Columns,
            "rows" => Rows,
            "column_names" => new PyTuple([.. ColumnNames]),
            "column_types" => new PyTuple([.. ColumnTypes.Select(t => (object?)new AgateDataType(t))]),
            "row_names" => null,
            "print_table" => new JinjaFunction(PrintTable),
            "print_structure" => new JinjaFunction(_ =>
            {
                print?.Invoke(Structure().TrimEnd('\n'));
                return null;
            }),
            _ => Missing,
        };
        if (ReferenceEquals(value, Missing))
        {
            value = null;
            return false;
        }

        return true;
    }

    /// <summary>dbt's <c>agate_helper.as_matrix</c>: each row's values as a tuple (<c>load_result(...)['data']</c>).</summary>
    public List<object?> AsMatrix() => [.. Rows.Select(r => (object?)new PyTuple([.. (AgateSequence)r!]))];

    /// <summary>agate's <c>str(table)</c>: its <c>print_structure()</c> (a grid of column names and agate types).</summary>
    public override string ToString() => Structure();

    private string Structure()
    {
        var rows = ColumnNames.Select((name, i) => new object?[] { name, ColumnTypes[i] }).ToList();
        var structure = new AgateTable(new QueryTable(["column", "data_type"], ["Varchar", "Varchar"], rows), null);
        return AgateTablePrinter.Format(structure, null, 6, null, 3) + "\n";
    }

    private static readonly object Missing = new();

    public int Count => Rows.Count;

    bool System.Collections.ICollection.IsSynchronized => false;

    object System.Collections.ICollection.SyncRoot => this;

    public object? this[int index] => Rows[index];

    public IEnumerator<object?> GetEnumerator() => Rows.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    void System.Collections.ICollection.CopyTo(Array array, int index) => ((System.Collections.ICollection)Rows).CopyTo(array, index);

    private object? PrintTable(JinjaCallArguments args)
    {
        var maxRows = ContextArgs.Get(args, 0, "max_rows", 20L);
        var maxColumns = ContextArgs.Get(args, 1, "max_columns", 6L);
        var maxWidth = ContextArgs.Get(args, 3, "max_column_width", 20L);
        var maxPrecision = ContextArgs.Get(args, 5, "max_precision", 3L);
        print?.Invoke(AgateTablePrinter.Format(this, ToLimit(maxRows), ToLimit(maxColumns), ToLimit(maxWidth), ToLimit(maxPrecision)));
        return null;
    }

    private static int? ToLimit(object? value) => value is null ? null : (int)Math.Clamp(PyOps.ToLong(value, Project.SourceSpan.None), 0, int.MaxValue);
}
