using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// What <c>ref()</c>, <c>source()</c>, <c>this</c>, <c>api.Relation.create</c> and the adapter's catalog methods
/// return (dbt's <c>BaseRelation</c>: dbt-duckdb's <c>DuckDBRelation</c> on DuckDB, dbt-postgres's
/// <c>PostgresRelation</c> on PostgreSQL, the class <c>metadata.type</c> names): prints as the quoted relation (or,
/// for an ephemeral model, its CTE name; for an external source, its quoted file location). Attributes
/// <c>database</c>, <c>schema</c>, <c>identifier</c>/<c>name</c>/<c>table</c>, <c>type</c>, <c>is_table</c>,
/// <c>is_view</c>, <c>is_materialized_view</c>, <c>is_cte</c>, <c>path</c>, <c>include_policy</c>,
/// <c>quote_policy</c>, <c>metadata</c>; methods <c>render()</c>, <c>include(database, schema, identifier)</c>,
/// <c>without_identifier()</c>, <c>incorporate(path={...}, type=...)</c>, <c>quote(...)</c> and, as dbt's
/// relations are mappings, <c>get(key, default)</c> (so dbt_utils' <c>_is_relation</c>, which checks
/// <c>obj is mapping and obj.get('metadata').type</c> ends with Relation, accepts it).
/// </summary>
internal sealed class RelationValue(string adapterType, string? database, string schema, string identifier, string rendered, string? type = null, bool isCte = false)
    : IJinjaMapping
{
    /// <summary>The relation class of the adapter's dbt plugin.</summary>
    private string ClassName => AdapterType == "postgres" ? "PostgresRelation" : "DuckDBRelation";

    /// <summary>The adapter type (profiles.yml <c>type</c>) the relation belongs to.</summary>
    public string AdapterType { get; } = adapterType;

    public string? Database { get; } = database;

    public string Schema { get; } = schema;

    public string Identifier { get; } = identifier;

    public static RelationValue Of(string adapterType, Relation relation) => new(adapterType, relation.Database, relation.Schema, relation.Identifier, relation.ToString());

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "database" => Database,
            "schema" => Schema,
            "identifier" or "name" or "table" => Identifier,
            "render" => new JinjaFunction(_ => rendered),
            "is_table" => type == "table",
            "is_view" => type == "view",
            "is_materialized_view" => type == "materialized_view",
            "is_cte" => isCte,
            "type" => type,
            "include" => new JinjaFunction(Include),
            "without_identifier" => new JinjaFunction(_ => Parts(AdapterType, Database, Schema, null, type)),
            "incorporate" => new JinjaFunction(Incorporate),
            "information_schema" => new JinjaFunction(args => InformationSchema(ContextArgs.String(args, 0, "view_name"))),
            "quote" => new JinjaFunction(_ => this),
            "get" => new JinjaFunction(args => TryGetAttribute(ContextArgs.String(args, 0, "key") ?? string.Empty, out var v) ? v : ContextArgs.Get(args, 1, "default")),
            "path" => PartsDict(Database, Schema, Identifier),
            "include_policy" => PartsDict(true, true, true),
            "quote_policy" => PartsDict(true, true, true),
            "metadata" => new Dictionary<string, object?>(StringComparer.Ordinal) { ["type"] = ClassName },
            "external" or "limit" or "event_time" => null,
            "require_alias" => false,
            _ => Missing,
        };
        if (ReferenceEquals(value, Missing))
        {
            value = null;
            return false;
        }

        return true;
    }

    public override string ToString() => rendered;

    private static readonly object Missing = new();

    private static Dictionary<string, object?> PartsDict(object? database, object? schema, object? identifier) => new(StringComparer.Ordinal)
    {
        ["database"] = database,
        ["schema"] = schema,
        ["identifier"] = identifier,
    };

    /// <summary>A relation of the given parts, printed as dbt prints one: the non-null parts quoted, joined by dots.</summary>
    public static RelationValue Parts(string adapterType, string? database, string? schema, string? identifier, string? type)
    {
        var parts = new[] { database, schema, identifier }.Where(p => p is not null).Select(p => Relation.Quote(p!));
        return new RelationValue(adapterType, database, schema ?? string.Empty, identifier ?? string.Empty, string.Join('.', parts), type);
    }

    private RelationValue Include(JinjaCallArguments args)
    {
        var withDatabase = args.Keyword.GetValueOrDefault("database") is not false;
        var withSchema = args.Keyword.GetValueOrDefault("schema") is not false;
        var withIdentifier = args.Keyword.GetValueOrDefault("identifier") is not false;
        var relation = Parts(AdapterType, withDatabase ? Database : null, withSchema ? Schema : null, withIdentifier ? Identifier : null, type);
        return new RelationValue(AdapterType, withDatabase ? Database : null, Schema, Identifier, relation.ToString(), type, isCte);
    }

    /// <summary>dbt's <c>relation.information_schema(view_name)</c>: the database's information schema, or one of its
    /// views, printed as dbt's <c>InformationSchema</c> prints (only the database quoted):
    /// <c>"db".information_schema.columns</c>.</summary>
    private RelationValue InformationSchema(string? view)
    {
        var rendered = (Database is null ? string.Empty : Relation.Quote(Database) + ".") + "information_schema" + (view is null ? string.Empty : "." + view);
        return new RelationValue(AdapterType, Database, "information_schema", view ?? string.Empty, rendered);
    }

    /// <summary>dbt's <c>incorporate(path={...}, type=...)</c>: a copy with the given path parts and type.</summary>
    private RelationValue Incorporate(JinjaCallArguments args)
    {
        var path = ContextArgs.Get(args, 0, "path") as IDictionary<string, object?>;
        string? Part(string key, string? current) => path is not null && path.TryGetValue(key, out var v) ? v as string : current;
        var newType = args.Keyword.TryGetValue("type", out var t) ? t as string : type;
        return Parts(AdapterType, Part("database", Database), Part("schema", Schema), Part("identifier", Identifier), newType);
    }
}
