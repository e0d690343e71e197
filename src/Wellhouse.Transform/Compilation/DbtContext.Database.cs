using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// Database access while compiling, as dbt offers it (dbt docs: "run_query", "statement blocks", "execute";
/// dbt-core <c>providers.py</c> <c>load_result</c>/<c>store_result</c>, the global project's <c>statement</c> and
/// <c>run_query</c> macros). Only a compile render (<c>execute</c> true) with a database touches it; while parsing,
/// or without a database, <c>run_query</c> and <c>load_result</c> return none and <c>statement</c> renders nothing
/// without rendering its body, which is what dbt's parse phase does.
/// </summary>
internal sealed partial class DbtContext
{
    private void AddDatabaseFunctions(Dictionary<string, object?> globals, RenderState state)
    {
        globals["run_query"] = new JinjaFunction(args => RunQuery(args, state));
        globals["statement"] = new JinjaFunction(args => Statement(args, state));
        globals["load_result"] = new JinjaFunction(args => LoadResult(args, state));
        globals["store_result"] = new JinjaFunction(args => StoreResult(args, state));
        globals["store_raw_result"] = new JinjaFunction(args => StoreRawResult(args, state));
        globals["noop_statement"] = new JinjaFunction(args => NoopStatement(args, state));
        globals["load_relation"] = new JinjaFunction(args => GetRelation(state, ContextArgs.Get(args, 0, "relation") as RelationValue, args.Span));
        globals["api"] = ApiValue();
    }

    /// <summary>The <c>adapter</c> methods that read the database: <c>execute</c>, <c>get_relation</c>,
    /// <c>get_columns_in_relation</c>.</summary>
    private void AddDatabaseAdapterMethods(Dictionary<string, object?> adapter, RenderState state)
    {
        adapter["execute"] = new JinjaFunction(args => AdapterExecute(args, state));
        adapter["get_relation"] = new JinjaFunction(args =>
        {
            var relation = new RelationValue(
                services.Target.Type,
                ContextArgs.String(args, 0, "database") ?? services.Target.Database,
                ContextArgs.String(args, 1, "schema") ?? services.Target.Schema,
                ContextArgs.String(args, 2, "identifier") ?? string.Empty,
                string.Empty);
            return GetRelation(state, relation, args.Span);
        });
        adapter["get_columns_in_relation"] = new JinjaFunction(args => GetColumns(state, ContextArgs.Get(args, 0, "relation"), args.Span));
        AddCatalogAdapterMethods(adapter, state);
    }

    private ICompileDatabase? DatabaseFor(RenderState state) => state.Phase == RenderPhase.Compile ? hooks?.Database : null;

    private object? RunQuery(JinjaCallArguments args, RenderState state)
    {
        var database = DatabaseFor(state);
        if (database is null)
        {
            return null;
        }

        var sql = PyStr.Str(ContextArgs.Get(args, 0, "sql"));
        return new AgateTable(Fetch(database, sql, "run_query", args.Span), Printer());
    }

    private string Statement(JinjaCallArguments args, RenderState state)
    {
        var database = DatabaseFor(state);
        if (database is null || args.Caller is null)
        {
            return string.Empty;
        }

        var sql = PyStr.Str(args.Caller.Call(new JinjaCallArguments([], span: args.Span)));
        var name = ContextArgs.Get(args, 0, "name");
        var fetch = PyOps.Truthy(ContextArgs.Get(args, 1, "fetch_result", false), args.Span);
        var result = Fetch(database, sql, "statement", args.Span);
        if (name is "main")
        {
            state.MainStatementSql = sql;
        }

        if (name is not null)
        {
            var table = new AgateTable(fetch ? result : QueryTable.Empty, Printer());
            Store(state, PyStr.Str(name), Response(), table);
        }

        return string.Empty;
    }

    /// <summary>dbt's <c>noop_statement(name, message, code, rows_affected, res)</c>: a statement block whose SQL is
    /// not run (what was already run is only recorded): the result named <c>name</c> holds a response of
    /// <c>message</c>, <c>code</c> and <c>rows_affected</c> and the table <c>res</c> (empty if none). Nothing while
    /// parsing, as dbt's statement.</summary>
    private string NoopStatement(JinjaCallArguments args, RenderState state)
    {
        if (DatabaseFor(state) is null || args.Caller is null)
        {
            return string.Empty;
        }

        var sql = PyStr.Str(args.Caller.Call(new JinjaCallArguments([], span: args.Span)));
        var name = ContextArgs.String(args, 0, "name");
        if (name == "main")
        {
            state.MainStatementSql = sql;
        }

        if (name is not null)
        {
            var rows = ContextArgs.Get(args, 3, "rows_affected");
            var response = new AdapterResponseValue(
                ContextArgs.String(args, 1, "message") ?? string.Empty,
                ContextArgs.String(args, 2, "code"),
                rows is null ? null : PyOps.ToLong(rows, args.Span));
            Store(state, name, response, ContextArgs.Get(args, 4, "res") as AgateTable ?? new AgateTable(QueryTable.Empty, Printer()));
        }

        return string.Empty;
    }

    private object? AdapterExecute(JinjaCallArguments args, RenderState state)
    {
        var database = DatabaseFor(state);
        if (database is null)
        {
            return new PyTuple([new AdapterResponseValue("OK", null, null), new AgateTable(QueryTable.Empty, Printer())]);
        }

        var result = Fetch(database, PyStr.Str(ContextArgs.Get(args, 0, "sql")), "adapter.execute", args.Span);
        var fetch = PyOps.Truthy(ContextArgs.Get(args, 2, "fetch", false), args.Span);
        var limit = ContextArgs.Get(args, 3, "limit");
        if (fetch && limit is not null)
        {
            result = result with { Rows = [.. result.Rows.Take((int)Math.Clamp(PyOps.ToLong(limit, args.Span), 0, int.MaxValue))] };
        }

        return new PyTuple([Response(), new AgateTable(fetch ? result : QueryTable.Empty, Printer())]);
    }

    /// <summary>dbt's <c>load_result</c>: the stored result (once; <c>main</c> any number of times), none if never stored.</summary>
    private static object? LoadResult(JinjaCallArguments args, RenderState state)
    {
        var name = ContextArgs.String(args, 0, "name") ?? string.Empty;
        if (!state.StatementResults.TryGetValue(name, out var result))
        {
            return null;
        }

        if (name == "main")
        {
            return result;
        }

        if (result is null)
        {
            throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DbtContextCodes.ResultAlreadyLoaded, $"The 'statement' result named '{name}' has already been loaded into a variable", args.Span));
        }

        state.StatementResults[name] = null;
        return result;
    }

    private string StoreResult(JinjaCallArguments args, RenderState state)
    {
        var table = ContextArgs.Get(args, 2, "agate_table") as AgateTable ?? new AgateTable(QueryTable.Empty, Printer());
        Store(state, ContextArgs.String(args, 0, "name") ?? string.Empty, ContextArgs.Get(args, 1, "response"), table);
        return string.Empty;
    }

    private string StoreRawResult(JinjaCallArguments args, RenderState state)
    {
        var rows = ContextArgs.Get(args, 3, "rows_affected");
        var response = new AdapterResponseValue(
            ContextArgs.String(args, 1, "message") ?? string.Empty,
            ContextArgs.String(args, 2, "code"),
            rows is null ? null : PyOps.ToLong(rows, args.Span));
        var table = ContextArgs.Get(args, 4, "agate_table") as AgateTable ?? new AgateTable(QueryTable.Empty, Printer());
        Store(state, ContextArgs.String(args, 0, "name") ?? string.Empty, response, table);
        return string.Empty;
    }

    private static void Store(RenderState state, string name, object? response, AgateTable table) =>
        state.StatementResults[name] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["response"] = response,
            ["data"] = table.AsMatrix(),
            ["table"] = table,
        };

    private RelationValue? GetRelation(RenderState state, RelationValue? relation, SourceSpan span)
    {
        var database = DatabaseFor(state);
        if (database is null || relation is null)
        {
            return null;
        }

        var target = new Relation(relation.Database ?? services.Target.Database, relation.Schema, relation.Identifier);
        var kind = Catalog(() => database.GetRelationKind(target), "adapter.get_relation", span);
        return kind switch
        {
            RelationKind.Table => new RelationValue(services.Target.Type, target.Database, target.Schema, target.Identifier, target.ToString(), "table"),
            RelationKind.View => new RelationValue(services.Target.Type, target.Database, target.Schema, target.Identifier, target.ToString(), "view"),
            _ => null,
        };
    }

    private List<object?> GetColumns(RenderState state, object? relation, SourceSpan span)
    {
        var database = DatabaseFor(state);
        if (database is null || relation is not RelationValue value)
        {
            return [];
        }

        var target = new Relation(value.Database ?? services.Target.Database, value.Schema, value.Identifier);
        if (services.Target.Type == "postgres")
        {
            return PostgresColumns(database, target, span);
        }

        return [.. Catalog(() => database.GetColumns(target), "adapter.get_columns_in_relation", span).Select(c => (object?)new AdapterColumn(c.Name, c.DataType))];
    }

    /// <summary>dbt-postgres's <c>postgres__get_columns_in_relation</c>: information_schema.columns' <c>data_type</c>
    /// as the dtype (<c>character varying</c>, <c>numeric</c>, <c>USER-DEFINED</c> for an enum, <c>ARRAY</c>, a
    /// domain's base type) with the character length, numeric precision and scale beside it, in column order.</summary>
    private static List<object?> PostgresColumns(ICompileDatabase database, Relation relation, SourceSpan span)
    {
        var schema = relation.Schema == "pg_temp"
            ? "table_schema = (select nspname from pg_catalog.pg_namespace where oid = pg_catalog.pg_my_temp_schema())"
            : "table_schema = " + Literal(relation.Schema);
        var table = Fetch(
            database,
            "select column_name, data_type, character_maximum_length, numeric_precision, numeric_scale from information_schema.columns"
                + " where table_name = " + Literal(relation.Identifier) + " and " + schema + " order by ordinal_position",
            "adapter.get_columns_in_relation",
            span);
        return [.. table.Rows.Select(row => (object?)new AdapterColumn((string)row[0]!, (string)row[1]!, postgres: true, charSize: Whole(row[2]), numericPrecision: Whole(row[3]), numericScale: Whole(row[4])))];

        static long? Whole(object? value) => value is null ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static QueryTable Fetch(ICompileDatabase database, string sql, string caller, SourceSpan span) =>
        Catalog(() => database.Fetch(sql), caller, span);

    private static T Catalog<T>(Func<T> query, string caller, SourceSpan span)
    {
        try
        {
            return query();
        }
        catch (AdapterException ex)
        {
            var message = string.Join("\n  ", ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()));
            throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DbtContextCodes.DatabaseError, $"database error in {caller}: {message}", span));
        }
    }

    /// <summary>dbt-duckdb's response for every statement: <c>AdapterResponse(_message="OK")</c>.</summary>
    private static AdapterResponseValue Response() => new("OK", null, null);

    private Action<string>? Printer() => hooks?.Log ?? services.Log;
}
