using DuckDB.NET.Data;
using Wellhouse.Transform.Execution.Models;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Adapters.Models;

/// <summary>Rows through DuckDB.NET's appender, a value at a time (text and list columns).</summary>
internal sealed class DuckDbRowWriter : ModelWriter
{
    private readonly DuckDBConnection connection;
    private readonly DuckDBAppender appender;
    private readonly IReadOnlyList<ModelColumn> columns;
    private IDuckDBAppenderRow? row;
    private int column;

    public DuckDbRowWriter(DuckDBConnection connection, Relation relation, IReadOnlyList<ModelColumn> columns)
    {
        this.connection = connection;
        this.columns = columns;
        appender = connection.CreateAppender(relation.Database, relation.Schema, relation.Identifier);
    }

    public override void StartRow()
    {
        row?.EndRow();
        row = appender.CreateRow();
        column = 0;
    }

    public override void Write(int value) => Next().AppendValue(value);

    public override void Write(double value) => Next().AppendValue(value);

    public override void Write(string value) => Next().AppendValue(value);

    public override void Write(DateOnly value) => Next().AppendValue(value);

    public override void Write(IReadOnlyList<DateOnly> values) => Next().AppendValue(values);

    public override void Write(IReadOnlyList<double> values) => Next().AppendValue(values);

    public override void WriteEnum(int index)
    {
        var values = columns[column].Values!;
        Next().AppendValue(values[index]);
    }

    public override void WriteNull() => Next().AppendNullValue();

    public override void Complete()
    {
        row?.EndRow();
        row = null;
        appender.Close();
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            appender.Dispose();
        }
        finally
        {
            connection.Dispose();
        }
    }

    private IDuckDBAppenderRow Next()
    {
        column++;
        return row ?? throw new InvalidOperationException("StartRow must come before a row's values");
    }
}
