using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Execution;

internal static partial class UnitTestExecutor
{
    /// <summary>
    /// A given input as SQL. The columns and types come, in this order, from the input's relation in the database (as
    /// dbt takes them: then every column exists and an unknown one is an error), from the yml <c>data_type</c> of the
    /// input's documented columns (or a seed's column_types), or are inferred from the values (as seed types are).
    /// Columns the rows leave out are NULL of their type (untyped NULL for a documented column of unknown type).
    /// </summary>
    private static string InputSql(RunContext context, ISqlSession session, Node model, UnitTestInput input, CancellationToken cancellationToken)
    {
        if (input.Format == UnitTestFormat.Sql)
        {
            return input.Sql!;
        }

        var rows = input.Rows!;
        var columns = DatabaseColumns(context, session, model, input);
        if (columns is not null)
        {
            var relation = RelationOf(context.Request.Manifest, model, input);
            foreach (var cell in rows.SelectMany(r => r.Cells))
            {
                if (Column(columns, cell.Column) is null)
                {
                    throw new UnitTestException(UnitTestCodes.UnknownColumn, $"column '{cell.Column}' of given {input.Input} does not exist in {relation} (its columns: {Names(columns)})", cell.Span);
                }
            }
        }
        else
        {
            columns = DeclaredColumns(context, model, input);
        }

        var sql = UnitTestFixtureSql.Build(columns, rows);
        QueryFixture(session, "select * from (\n" + sql + "\n) as dbt_internal_fixture", input, "given " + input.Input, cancellationToken);
        return sql;
    }

    private static List<ColumnSchema>? DatabaseColumns(RunContext context, ISqlSession session, Node model, UnitTestInput input)
    {
        var relation = RelationOf(context.Request.Manifest, model, input);
        if (relation is null || session.GetRelationKind(relation) is null)
        {
            return null;
        }

        var columns = session.GetColumns(relation);
        return columns.Count == 0 ? null : columns.ToList();
    }

    /// <summary>The relation an input stands for in the database; null for ephemeral models and external sources.</summary>
    private static Relation? RelationOf(Manifest manifest, Node model, UnitTestInput input)
    {
        if (input.IsThis)
        {
            return model.Relation;
        }

        if (input.TargetId is { } id && manifest.Nodes.TryGetValue(id, out var node))
        {
            return node.IsEphemeral ? null : node.Relation;
        }

        if (input.TargetId is { } sourceId && manifest.Sources.TryGetValue(sourceId, out var source) && source.ExternalLocation is null)
        {
            return new Relation(source.Database, source.Schema, source.Identifier);
        }

        return null;
    }

    /// <summary>
    /// The input's documented yml columns (typed by <c>data_type</c>, a seed's <c>column_types</c>, the rows' values,
    /// or else left as untyped NULLs), then the rows' other columns with inferred types.
    /// </summary>
    private static List<ColumnSchema> DeclaredColumns(RunContext context, Node model, UnitTestInput input)
    {
        var manifest = context.Request.Manifest;
        var target = input.IsThis ? model : input.TargetId is { } id ? manifest.Nodes.GetValueOrDefault(id) : null;
        IReadOnlyCollection<ColumnInfo> documented = target is not null ? target.Columns.Values
            : input.TargetId is { } sourceId && manifest.Sources.TryGetValue(sourceId, out var source) ? source.Columns.Values
            : [];
        var seedTypes = target?.Config["column_types"] as Dictionary<string, object?>;
        var columns = new List<ColumnSchema>();
        foreach (var column in documented)
        {
            var type = !string.IsNullOrWhiteSpace(column.DataType) ? column.DataType
                : seedTypes?.GetValueOrDefault(column.Name) is string seedType ? seedType
                : input.Columns.Contains(column.Name, StringComparer.OrdinalIgnoreCase) ? UnitTestFixtureSql.InferType(context.Adapter, input.Rows!, column.Name)
                : string.Empty;
            columns.Add(new ColumnSchema(column.Name, type));
        }

        foreach (var name in input.Columns)
        {
            if (Column(columns, name) is null)
            {
                var type = seedTypes?.GetValueOrDefault(name) as string ?? UnitTestFixtureSql.InferType(context.Adapter, input.Rows!, name);
                columns.Add(new ColumnSchema(name, type));
            }
        }

        return columns;
    }
}
