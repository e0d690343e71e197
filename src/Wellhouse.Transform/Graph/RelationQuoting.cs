namespace Wellhouse.Transform.Graph;

/// <summary>
/// dbt's <c>quoting:</c> config: whether the database, schema and identifier of a relation are quoted. The project's
/// (dbt_project.yml) applies to every relation the project builds and to its sources, a source's and a source table's
/// over it. The engine always renders quoted names, so where a part is not quoted it takes the name the database gives
/// an unquoted one: PostgreSQL folds it to lower case (<c>MyModel</c> is the table <c>mymodel</c>, as dbt-postgres
/// builds it), DuckDB keeps it (its names are case-insensitive either way).
/// </summary>
public sealed record RelationQuoting(bool Database, bool Schema, bool Identifier)
{
    public static readonly RelationQuoting All = new(true, true, true);

    /// <summary>The keys of a <c>quoting:</c> mapping (database, schema, identifier: true or false) over this policy;
    /// <paramref name="problem"/> names a key with another value or an unknown key.</summary>
    public RelationQuoting With(object? quoting, out string? problem)
    {
        problem = null;
        if (quoting is null)
        {
            return this;
        }

        if (quoting is not IDictionary<string, object?> keys)
        {
            problem = "quoting must be a mapping of database, schema and identifier to true or false";
            return this;
        }

        var result = this;
        foreach (var (key, value) in keys)
        {
            if (key is not ("database" or "schema" or "identifier" or "column"))
            {
                problem = $"quoting has no key '{key}' (database, schema, identifier, column)";
                continue;
            }

            bool? flag = value switch
            {
                bool b => b,
                string s when bool.TryParse(s, out var parsed) => parsed,
                _ => null,
            };
            if (flag is not { } on)
            {
                if (value is not null)
                {
                    problem = $"quoting.{key} must be true or false, not '{value}'";
                }

                continue;
            }

            result = key switch
            {
                "database" => result with { Database = on },
                "schema" => result with { Schema = on },
                "identifier" => result with { Identifier = on },
                _ => result,
            };
        }

        return result;
    }

    /// <summary>The name a part has in the catalog of <paramref name="adapterType"/>: folded to lower case on PostgreSQL
    /// when the part is not quoted.</summary>
    public static string? Name(string? part, bool quoted, string adapterType) =>
        part is null || quoted || adapterType != "postgres" ? part : part.ToLowerInvariant();
}
