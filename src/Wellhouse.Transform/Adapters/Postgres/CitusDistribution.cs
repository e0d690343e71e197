using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Adapters.Postgres;

/// <summary>
/// Citus's distribution of a model's table (https://docs.citusdata.com/en/stable/develop/api_udf.html): a table model,
/// an incremental model's first build or full refresh, a C# model or a seed configured <c>distributed_by: column</c>
/// becomes a distributed table sharded by that column (<c>create_distributed_table</c>; tables distributed by columns
/// of one type are co-located, so joins on the column run on each shard), one configured <c>reference: true</c> a
/// reference table copied to every node (<c>create_reference_table</c>). The statement runs on the staged table right
/// after it is created, before the swap (a C# model's table before its rows are copied in, so COPY goes straight to
/// the shards). Only on a target whose profile says <c>citus: true</c>; elsewhere the configs have no effect, as
/// another adapter's configs have none in dbt. Views and ephemeral models are never distributed.
/// </summary>
internal static class CitusDistribution
{
    public static IReadOnlyList<string> Statements(Node node, Relation table)
    {
        var column = node.Config.GetString("distributed_by");
        var reference = node.Config.GetBool("reference") ?? false;
        if (column is { Length: > 0 } && reference)
        {
            throw new AdapterException($"{node.ResourceType.ToDbtString()} {node.Name} ({node.OriginalFilePath}): distributed_by and reference: true cannot both be set (a table is either sharded by a column or copied to every node)");
        }

        var name = PostgresSession.Literal(Relation.Quote(table.Schema) + "." + Relation.Quote(table.Identifier));
        return column is { Length: > 0 } ? [$"select create_distributed_table({name}, {PostgresSession.Literal(column)})"]
            : reference ? [$"select create_reference_table({name})"]
            : [];
    }
}
