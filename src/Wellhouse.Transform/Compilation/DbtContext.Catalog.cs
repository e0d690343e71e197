using Wellhouse.Transform.Jinja;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// The catalog side of the <c>adapter</c> and dbt's <c>api</c> global, for macros that find relations by pattern
/// (dbt_utils' <c>get_relations_by_pattern</c>): <c>adapter.list_schemas</c>, <c>adapter.check_schema_exists</c>,
/// <c>adapter.list_relations_without_caching</c>, <c>api.Relation.create</c> and <c>api.Column.create</c>. The
/// queries read the SQL-standard <c>information_schema</c>. Also the methods that change the catalog:
/// <c>adapter.create_schema</c>, <c>adapter.drop_schema</c>, <c>adapter.drop_relation</c>.
/// </summary>
internal sealed partial class DbtContext
{
    private void AddCatalogAdapterMethods(Dictionary<string, object?> adapter, RenderState state)
    {
        adapter["list_schemas"] = new JinjaFunction(args => ListSchemas(state, ContextArgs.String(args, 0, "database"), args.Span));
        adapter["check_schema_exists"] = new JinjaFunction(args =>
        {
            var schema = ContextArgs.String(args, 1, "schema") ?? string.Empty;
            return ListSchemas(state, ContextArgs.String(args, 0, "database"), args.Span).Any(s => string.Equals((string?)s, schema, StringComparison.OrdinalIgnoreCase));
        });
        adapter["list_relations_without_caching"] = new JinjaFunction(args => ListRelations(state, ContextArgs.Get(args, 0, "schema_relation") as RelationValue, args.Span));
        adapter["create_schema"] = new JinjaFunction(args => ChangeSchema(state, args, "create schema if not exists {0}", "adapter.create_schema"));
        adapter["drop_schema"] = new JinjaFunction(args => ChangeSchema(state, args, "drop schema if exists {0} cascade", "adapter.drop_schema"));
        adapter["drop_relation"] = new JinjaFunction(args => DropRelation(state, ContextArgs.Get(args, 0, "relation") as RelationValue, args.Span));
        adapter["rename_relation"] = new JinjaFunction(args => RenameRelation(state, args));
        adapter["truncate_relation"] = new JinjaFunction(args => RunOn(state, ContextArgs.Get(args, 0, "relation") as RelationValue, "truncate table {0}", "adapter.truncate_relation", args.Span));
        adapter["convert_type"] = new JinjaFunction(ConvertType);

        // Each statement commits on its own, and the engine keeps no relation cache: these have nothing to do.
        foreach (var name in (string[])["commit", "begin", "rollback_if_open", "cache_added", "cache_dropped", "cache_renamed"])
        {
            adapter[name] = new JinjaFunction(_ => string.Empty);
        }
    }

    /// <summary>dbt's <c>adapter.convert_type(agate_table, col_idx)</c>: the database type of a column from its agate
    /// type, as the adapter's seeds use (DuckDB: INTEGER, or BIGINT past 32 bits, DOUBLE, BOOLEAN, DATE, TIMESTAMP,
    /// VARCHAR; PostgreSQL: integer, float8, boolean, date, timestamp without time zone, text).</summary>
    private object? ConvertType(JinjaCallArguments args)
    {
        if (ContextArgs.Get(args, 0, "agate_table") is not AgateTable table)
        {
            throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.CompilerError, "adapter.convert_type: agate_table must be an agate table (load_agate_table(), run_query())", args.Span));
        }

        var index = (int)PyOps.ToLong(ContextArgs.Get(args, 1, "col_idx"), args.Span);
        if (index < 0 || index >= table.ColumnTypes.Count)
        {
            throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.CompilerError, $"adapter.convert_type: column {index} is not in the table's {table.ColumnTypes.Count} columns", args.Span));
        }

        var kind = table.ColumnTypes[index] switch
        {
            "Integer" => Adapters.SeedColumnKind.Integer,
            "Number" => Adapters.SeedColumnKind.Number,
            "Boolean" => Adapters.SeedColumnKind.Boolean,
            "Date" => Adapters.SeedColumnKind.Date,
            "DateTime" => Adapters.SeedColumnKind.DateTime,
            _ => Adapters.SeedColumnKind.Text,
        };
        var wide = kind == Adapters.SeedColumnKind.Integer
            && ((AgateColumn)table.Columns[index]!).Any(v => v is long l && l is > int.MaxValue or < int.MinValue);
        return wide ? (services.Target.Type == "postgres" ? "bigint" : "BIGINT") : Adapters.SeedColumnTypes.Name(services.Target.Type, kind);
    }

    /// <summary>dbt's <c>adapter.rename_relation(from_relation, to_relation)</c>: the table or view (its kind read from
    /// the database) takes the other's identifier, in its own schema.</summary>
    private string RenameRelation(RenderState state, JinjaCallArguments args)
    {
        if (ContextArgs.Get(args, 1, "to_relation") is RelationValue to
            && GetRelation(state, ContextArgs.Get(args, 0, "from_relation") as RelationValue, args.Span) is { } from
            && DatabaseFor(state) is { } db)
        {
            var kind = from.TryGetAttribute("type", out var type) && type is "view" ? "view" : "table";
            Fetch(db, $"alter {kind} {from} rename to {Graph.Relation.Quote(to.Identifier)}", "adapter.rename_relation", args.Span);
        }

        return string.Empty;
    }

    private string RunOn(RenderState state, RelationValue? relation, string statement, string caller, SourceSpan span)
    {
        if (relation is not null && DatabaseFor(state) is { } db)
        {
            Fetch(db, string.Format(System.Globalization.CultureInfo.InvariantCulture, statement, relation), caller, span);
        }

        return string.Empty;
    }

    /// <summary>dbt's <c>adapter.create_schema(relation)</c> / <c>adapter.drop_schema(relation)</c>: the relation's
    /// database and schema (its identifier ignored).</summary>
    private string ChangeSchema(RenderState state, JinjaCallArguments args, string statement, string caller)
    {
        if (DatabaseFor(state) is { } db && ContextArgs.Get(args, 0, "relation") is RelationValue relation)
        {
            // PostgreSQL creates schemas only in the connected database and takes no database in the name.
            var schema = relation.Database is { } database && services.Target.Type != "postgres" ? Graph.Relation.Quote(database) + "." + Graph.Relation.Quote(relation.Schema) : Graph.Relation.Quote(relation.Schema);
            Fetch(db, string.Format(System.Globalization.CultureInfo.InvariantCulture, statement, schema), caller, args.Span);
        }

        return string.Empty;
    }

    /// <summary>dbt's <c>adapter.drop_relation(relation)</c>: drops the table or view (its kind read from the
    /// database); nothing when it does not exist.</summary>
    private string DropRelation(RenderState state, RelationValue? relation, SourceSpan span)
    {
        if (GetRelation(state, relation, span) is { } existing && DatabaseFor(state) is { } db)
        {
            var kind = existing.TryGetAttribute("type", out var type) && type is "view" ? "view" : "table";
            Fetch(db, $"drop {kind} if exists {existing} cascade", "adapter.drop_relation", span);
        }

        return string.Empty;
    }

    /// <summary>dbt's <c>api</c>: <c>api.Relation.create(database, schema, identifier, type)</c> and
    /// <c>api.Column</c>'s class methods <c>create(name, label_or_dtype)</c>, <c>translate_type(dtype)</c>,
    /// <c>numeric_type(dtype, precision, scale)</c>, <c>string_type(size)</c>.</summary>
    private Dictionary<string, object?> ApiValue() => new(StringComparer.Ordinal)
    {
        ["Relation"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["create"] = new JinjaFunction(args =>
            {
                var database = ContextArgs.String(args, 0, "database");
                var schema = ContextArgs.String(args, 1, "schema") ?? services.Target.Schema;
                var identifier = ContextArgs.String(args, 2, "identifier");
                return RelationValue.Parts(services.Target.Type, database, schema, string.IsNullOrEmpty(identifier) ? null : identifier, ContextArgs.String(args, 3, "type"));
            }),
            ["add_ephemeral_prefix"] = new JinjaFunction(args => "__dbt__cte__" + ContextArgs.String(args, 0, "name")),
        },
        ["Column"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["create"] = new JinjaFunction(args => new AdapterColumn(ContextArgs.String(args, 0, "name") ?? string.Empty, AdapterColumn.TranslateType(ContextArgs.String(args, 1, "label_or_dtype") ?? ContextArgs.String(args, 1, "dtype") ?? string.Empty))),
            ["translate_type"] = new JinjaFunction(args => AdapterColumn.TranslateType(ContextArgs.String(args, 0, "dtype") ?? string.Empty)),
            ["numeric_type"] = new JinjaFunction(args => AdapterColumn.NumericType(ContextArgs.String(args, 0, "dtype") ?? string.Empty, ContextArgs.Get(args, 1, "precision"), ContextArgs.Get(args, 2, "scale"))),
            ["string_type"] = new JinjaFunction(args => AdapterColumn.StringType(ContextArgs.Get(args, 0, "size"))),
        },
    };

    private List<object?> ListSchemas(RenderState state, string? database, SourceSpan span)
    {
        if (DatabaseFor(state) is not { } db)
        {
            return [];
        }

        var result = Fetch(db, "select schema_name from information_schema.schemata where catalog_name = " + Literal(database ?? services.Target.Database) + " order by 1", "adapter.list_schemas", span);
        return [.. result.Rows.Select(r => (object?)PyStr.Str(r[0]))];
    }

    private List<object?> ListRelations(RenderState state, RelationValue? schemaRelation, SourceSpan span)
    {
        if (DatabaseFor(state) is not { } db || schemaRelation is null)
        {
            return [];
        }

        var database = schemaRelation.Database ?? services.Target.Database;
        var result = Fetch(
            db,
            "select table_name, table_type from information_schema.tables where table_catalog = " + Literal(database)
                + " and table_schema = " + Literal(schemaRelation.Schema) + " order by 1",
            "adapter.list_relations_without_caching",
            span);
        return [.. result.Rows.Select(r =>
        {
            var identifier = PyStr.Str(r[0]);
            var type = string.Equals(PyStr.Str(r[1]), "VIEW", StringComparison.OrdinalIgnoreCase) ? "view" : "table";
            return (object?)new RelationValue(services.Target.Type, database, schemaRelation.Schema, identifier, new Graph.Relation(database, schemaRelation.Schema, identifier).ToString(), type);
        })];
    }

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
