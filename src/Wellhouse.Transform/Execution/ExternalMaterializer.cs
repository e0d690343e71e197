using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// dbt-duckdb's <c>external</c> materialization (dbt-duckdb README, "Writing to external files"): the model's rows are
/// written to a file with DuckDB's COPY and a view over the file takes the model's name, so <c>ref()</c> works. Configs:
/// <c>location</c> (default <c>&lt;external_root&gt;/&lt;alias&gt;.&lt;format&gt;</c>, external_root being the profile's
/// <c>external_root</c> or else the target path; relative locations are under the project dir), <c>format</c>
/// (parquet, csv or json; inferred from the location's extension, else parquet), <c>partition_by</c> (a column or a
/// list: a hive-partitioned folder), <c>delimiter</c> (csv), <c>options</c> (more COPY options). The rows are first
/// staged in a temporary table and written next to the location, then moved into place, so a failing model leaves the
/// previous files as they were.
/// </summary>
internal static class ExternalMaterializer
{
    public static NodeOutcome Run(RunContext context, ISqlSession session, Node node, string sql, CancellationToken cancellationToken)
    {
        var settings = ExternalLocation.Read(context, node, out var configError);
        if (settings is null)
        {
            return new NodeOutcome(NodeStatus.Error, $"Compilation Error in model {node.Name} ({node.OriginalFilePath})\n  {configError}");
        }

        var relation = node.Relation;
        var temp = DuckDbDialect.Instance.TempRelation(relation);
        var createTemp = DuckDbDialect.Instance.CreateTemp(temp, sql);
        var staging = settings.Path + ".__dbt_tmp";
        var copy = DuckDbExternalSql.Copy(temp, staging, settings.Format, settings.PartitionBy, settings.Options);
        var reader = DuckDbExternalSql.Reader(settings.Path, settings.Format, settings.PartitionBy.Count > 0, settings.Delimiter);
        var runSql = string.Join(";\n\n", createTemp, copy, DuckDbDialect.Instance.ViewStatement(relation, reader)) + ";\n";
        try
        {
            session.Execute(createTemp, cancellationToken);
        }
        catch (AdapterException ex)
        {
            ModelMaterializer.TryDrop(session, temp);
            return ModelMaterializer.Failed(node, ex, sql, createTemp);
        }

        long rows;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(settings.Path)!);
            ExternalLocation.Delete(staging);
            rows = session.Execute(copy, cancellationToken);
            ExternalLocation.MoveIntoPlace(staging, settings.Path);
            session.CreateView(relation, reader, cancellationToken);
        }
        catch (AdapterException ex)
        {
            ExternalLocation.TryDelete(staging);
            return ModelMaterializer.Failed(node, ex, null, runSql);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ExternalLocation.TryDelete(staging);
            return new NodeOutcome(NodeStatus.Error, $"Runtime Error in model {node.Name} ({node.OriginalFilePath})\n  cannot write '{settings.Path}': {ex.Message}") { RunSql = runSql };
        }
        finally
        {
            ModelMaterializer.TryDrop(session, temp);
        }

        return new NodeOutcome(NodeStatus.Success, "OK") { RelationName = relation.ToString(), RunSql = runSql, RowsAffected = rows, ShortStatus = "OK" };
    }
}
