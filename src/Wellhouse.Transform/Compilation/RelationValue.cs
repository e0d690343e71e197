using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// What <c>ref()</c>, <c>source()</c> and <c>this</c> return: prints as the quoted relation (or, for an ephemeral
/// model, its CTE name; for an external source, its quoted file location) and exposes dbt's Relation attributes.
/// </summary>
internal sealed class RelationValue(string? database, string schema, string identifier, string rendered, string? type = null) : IJinjaObject
{
    public string? Database { get; } = database;

    public string Schema { get; } = schema;

    public string Identifier { get; } = identifier;

    public static RelationValue Of(Relation relation) => new(relation.Database, relation.Schema, relation.Identifier, relation.ToString());

    public bool TryGetAttribute(string name, out object? value)
    {
        switch (name)
        {
            case "database":
                value = Database;
                return true;
            case "schema":
                value = Schema;
                return true;
            case "identifier" or "name" or "table":
                value = Identifier;
                return true;
            case "render":
                value = new JinjaFunction(_ => rendered);
                return true;
            case "is_table":
                value = type == "table";
                return true;
            case "is_view":
                value = type == "view";
                return true;
            case "is_cte":
                value = false;
                return true;
            case "type":
                value = type;
                return true;
            case "include":
                value = new JinjaFunction(Include);
                return true;
            default:
                value = null;
                return false;
        }
    }

    public override string ToString() => rendered;

    private RelationValue Include(JinjaCallArguments args)
    {
        var withDatabase = args.Keyword.GetValueOrDefault("database") is not false;
        var withSchema = args.Keyword.GetValueOrDefault("schema") is not false;
        var withIdentifier = args.Keyword.GetValueOrDefault("identifier") is not false;
        var parts = new List<string>();
        if (withDatabase && Database is not null)
        {
            parts.Add(Relation.Quote(Database));
        }

        if (withSchema)
        {
            parts.Add(Relation.Quote(Schema));
        }

        if (withIdentifier)
        {
            parts.Add(Relation.Quote(Identifier));
        }

        return new RelationValue(withDatabase ? Database : null, Schema, Identifier, string.Join('.', parts));
    }
}
