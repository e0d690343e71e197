namespace Wellhouse.Transform.Graph;

/// <summary>A database relation (table or view). Renders as dbt renders <c>{{ this }}</c>: quoted, dot-separated.</summary>
public sealed record Relation(string? Database, string Schema, string Identifier)
{
    public override string ToString() => Database is null
        ? $"{Quote(Schema)}.{Quote(Identifier)}"
        : $"{Quote(Database)}.{Quote(Schema)}.{Quote(Identifier)}";

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
