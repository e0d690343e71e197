using Wellhouse.Transform.Execution.Models;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Adapters.Postgres;

/// <summary>A C# model's storage on PostgreSQL: statements on the model's session; every reader and writer on a
/// connection of its own, moving rows with binary COPY (<c>copy ... from stdin (format binary)</c> in,
/// <c>copy (query) to stdout (format binary)</c> out), so several writers load one table in parallel.</summary>
internal sealed class PostgresModelStorage(PostgresAdapter adapter, PostgresSession session) : ModelStorage
{
    public override Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        session.Execute(sql, cancellationToken);
        return Task.CompletedTask;
    }

    public override ModelWriter OpenWriter(Relation relation, IReadOnlyList<ModelColumn> columns)
    {
        var own = adapter.OpenPostgresSession();
        try
        {
            return new PostgresCopyWriter(own.Connection, own, relation, columns);
        }
        catch
        {
            own.Dispose();
            throw;
        }
    }

    public override ModelReader Read(string sql, CancellationToken cancellationToken)
    {
        var own = adapter.OpenPostgresSession();
        try
        {
            return new PostgresCopyReader(own.Connection, own, own.DescribeQuery(sql, cancellationToken), sql);
        }
        catch
        {
            own.Dispose();
            throw;
        }
    }

    protected override string TypeName(ModelColumn column) => column.Type switch
    {
        ModelType.Integer => "integer",
        ModelType.Double => "double precision",
        ModelType.Date => "date",
        ModelType.DateList => "date[]",
        ModelType.DoubleList => "double precision[]",
        _ => "text",
    };
}
