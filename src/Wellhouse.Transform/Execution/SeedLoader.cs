using System.Globalization;
using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// dbt's seed materialization: CSV -> table with inferred (or <c>column_types</c>) types. The rows are appended as text
/// into a temporary staging table (DuckDB's appender, PostgreSQL's binary COPY), then cast into the target in one transaction: with
/// <c>--full-refresh</c> or no table yet, drop and create; otherwise truncate and reload as dbt does. A value that does
/// not cast to its column's type is reported with the file, line and column.
/// </summary>
internal static class SeedLoader
{
    public static NodeOutcome Run(RunContext context, ISqlSession session, Node node, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var path = Path.Combine(request.ProjectDir, node.PackagePath, node.OriginalFilePath);
        var delimiter = node.Config.GetString("delimiter") is { Length: > 0 } d ? d[0] : ',';
        SeedFile file;
        try
        {
            file = SeedFile.Read(path, node.OriginalFilePath, delimiter);
        }
        catch (SeedException ex)
        {
            return Error(node, ex.Message);
        }

        var adapter = context.Adapter;
        var overrides = ColumnTypeOverrides(node);
        var quote = node.Config.GetBool("quote_columns") ?? false;
        var columns = new List<ColumnSchema>(file.Columns.Count);
        for (var i = 0; i < file.Columns.Count; i++)
        {
            var name = file.Columns[i];
            if (!overrides.TryGetValue(name, out var type))
            {
                var kind = SeedTypeInference.Infer(file.Rows, i, out var bigint);
                type = kind == SeedColumnKind.Integer && bigint ? "BIGINT" : adapter.SeedColumnType(kind);
            }

            columns.Add(new ColumnSchema(name, type));
        }

        var relation = node.Relation;
        var stage = adapter.Dialect.TempTable(relation.Identifier, "__dbt_seed_stage");
        try
        {
            context.EnsureSchema(session, relation.Database, relation.Schema);
            session.CreateTable(stage, [.. file.Columns.Select((_, i) => new ColumnSchema("c" + i.ToString(CultureInfo.InvariantCulture), "VARCHAR")), new ColumnSchema("line", "VARCHAR")]);
            var staged = new List<string?[]>(file.Rows.Count);
            for (var r = 0; r < file.Rows.Count; r++)
            {
                var row = file.Rows[r];
                var values = new string?[row.Length + 1];
                Array.Copy(row, values, row.Length);
                values[row.Length] = file.Lines[r].ToString(CultureInfo.InvariantCulture);
                staged.Add(values);
            }

            session.AppendText(stage, staged);
            var located = FindBadValue(session, node, file, columns, stage);
            if (located is not null)
            {
                return Error(node, located);
            }

            var columnList = string.Join(", ", columns.Select(c => quote ? adapter.Quote(c.Name) : c.Name));
            var casts = string.Join(", ", columns.Select((c, i) => $"cast(c{i} as {c.DataType})"));
            var insert = $"insert into {relation} ({columnList}) select {casts} from {stage} order by cast(line as integer)";
            var statements = new List<string>();
            var exists = session.GetRelationKind(relation);
            if (request.FullRefresh || exists is null)
            {
                if (exists is RelationKind kind)
                {
                    // dbt-postgres drops with cascade (views over the seed go with it, as dbt's drop_relation does).
                    statements.Add((kind == RelationKind.View ? "drop view " : "drop table ") + relation + (adapter.Type == "postgres" ? " cascade" : string.Empty));
                }

                statements.Add($"create table {relation} ({string.Join(", ", columns.Select(c => (quote ? adapter.Quote(c.Name) : c.Name) + " " + c.DataType))})");
                statements.AddRange(adapter.AfterCreate(node, relation));
            }
            else
            {
                statements.Add("delete from " + relation);
            }

            statements.Add(insert);
            session.ExecuteInTransaction(statements, cancellationToken);
            session.DropRelationIfExists(stage);
            var count = file.Rows.Count.ToString(CultureInfo.InvariantCulture);
            return new NodeOutcome(NodeStatus.Success, "INSERT " + count)
            {
                RowsAffected = file.Rows.Count,
                RelationName = relation.ToString(),
                RunSql = string.Join(";\n", statements),
                ShortStatus = "INSERT " + count,
            };
        }
        catch (AdapterException ex)
        {
            ModelMaterializer.TryDrop(session, stage);
            return Error(node, $"Database Error in seed {node.Name} ({node.OriginalFilePath})\n  {ex.Message.Trim()}");
        }
    }

    /// <summary>
    /// The first value that does not cast to its column's type, as <c>file(line,column): error SEED001</c>. One query
    /// casts every column; only when it fails is each column tried, and the failing one's rows halved until one row is
    /// left (a few queries even for a large seed). Plain casts work on every engine (no <c>try_cast</c> needed). A type
    /// that is not a type at all is the database's own error.
    /// </summary>
    private static string? FindBadValue(ISqlSession session, Node node, SeedFile file, List<ColumnSchema> columns, Relation stage)
    {
        if (Casts(session, stage, columns, [.. Enumerable.Range(0, columns.Count)], null))
        {
            return null;
        }

        for (var i = 0; i < columns.Count; i++)
        {
            session.Query($"select cast(null as {columns[i].DataType})");
            if (Casts(session, stage, columns, [i], null))
            {
                continue;
            }

            int low = 0, high = file.Rows.Count;
            while (high - low > 1)
            {
                var middle = (low + high) / 2;
                if (Casts(session, stage, columns, [i], (file.Lines[low], file.Lines[middle - 1])))
                {
                    low = middle;
                }
                else
                {
                    high = middle;
                }
            }

            return $"{node.OriginalFilePath}({file.Lines[low]},{i + 1}): error SEED001: value '{file.Rows[low][i]}' in column '{file.Columns[i]}' is not a valid {columns[i].DataType}";
        }

        return null;
    }

    /// <summary>Whether every value of the given columns (in the staged lines from..to, or all) casts to its type.</summary>
    private static bool Casts(ISqlSession session, Relation stage, List<ColumnSchema> columns, int[] indexes, (int From, int To)? lines)
    {
        var casts = string.Join(", ", indexes.Select(i => $"max(cast(cast(c{i} as {columns[i].DataType}) as text))"));
        var where = lines is { } range ? $" where cast(line as integer) between {range.From} and {range.To}" : string.Empty;
        try
        {
            session.Query($"select {casts} from {stage}{where}");
            return true;
        }
        catch (AdapterException)
        {
            return false;
        }
    }

    private static Dictionary<string, string> ColumnTypeOverrides(Node node)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (node.Config["column_types"] is IEnumerable<KeyValuePair<string, object?>> types)
        {
            foreach (var (name, type) in types)
            {
                if (type is not null)
                {
                    result[name] = Convert.ToString(type, CultureInfo.InvariantCulture)!;
                }
            }
        }

        return result;
    }

    private static NodeOutcome Error(Node node, string message) =>
        new(NodeStatus.Error, message.Contains("Error in seed", StringComparison.Ordinal) ? message : $"Runtime Error in seed {node.Name} ({node.OriginalFilePath})\n  {message}")
        {
            ShortStatus = "ERROR",
        };
}
