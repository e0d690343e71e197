using Npgsql;
using NpgsqlTypes;
using Wellhouse.Transform.Execution.Models;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Adapters.Postgres;

/// <summary>Rows into a table with Npgsql's binary COPY on a connection the writer owns; <see cref="Complete"/>
/// commits them, disposing without it cancels the COPY (nothing of it is kept).</summary>
internal sealed class PostgresCopyWriter : ModelWriter
{
    private readonly IDisposable owner;
    private readonly NpgsqlBinaryImporter importer;
    private readonly IReadOnlyList<ModelColumn> columns;
    private int column;

    public PostgresCopyWriter(NpgsqlConnection connection, IDisposable owner, Relation relation, IReadOnlyList<ModelColumn> columns)
    {
        this.owner = owner;
        this.columns = columns;
        importer = connection.BeginBinaryImport(
            $"copy {relation} ({string.Join(", ", columns.Select(c => Relation.Quote(c.Name)))}) from stdin (format binary)");
    }

    public override void StartRow()
    {
        importer.StartRow();
        column = 0;
    }

    public override void Write(int value) => Next(value, NpgsqlDbType.Integer);

    public override void Write(double value) => Next(value, NpgsqlDbType.Double);

    public override void Write(string value) => Next(value, NpgsqlDbType.Text);

    public override void Write(DateOnly value) => Next(value, NpgsqlDbType.Date);

    public override void Write(IReadOnlyList<DateOnly> values) => Next(values as DateOnly[] ?? values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Date);

    public override void Write(IReadOnlyList<double> values) => Next(values as double[] ?? values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double);

    public override void WriteEnum(int index) => Next(columns[column].Values![index], NpgsqlDbType.Text);

    public override void WriteNull()
    {
        importer.WriteNull();
        column++;
    }

    public override void Complete() => importer.Complete();

    protected override void Dispose(bool disposing)
    {
        try
        {
            importer.Dispose();
        }
        finally
        {
            owner.Dispose();
        }
    }

    private void Next<T>(T value, NpgsqlDbType type)
    {
        importer.Write(value, type);
        column++;
    }
}
