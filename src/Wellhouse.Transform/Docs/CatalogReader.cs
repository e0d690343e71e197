using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Docs;

/// <summary>
/// Reads the catalog from DuckDB's <c>duckdb_tables()</c>, <c>duckdb_views()</c> and <c>duckdb_columns()</c>, the
/// sources dbt-duckdb's <c>duckdb__get_catalog</c> macro reads (tables as <c>BASE TABLE</c>, views as <c>VIEW</c>,
/// owner NULL), then keeps the relations of the manifest's models, seeds and sources, matched case-insensitively on
/// database, schema and identifier as DuckDB resolves names.
/// </summary>
internal static class CatalogReader
{
    private const string Query = """
        with relations as (
            select database_name, schema_name, table_name, 'BASE TABLE' as table_type, comment from duckdb_tables()
            union all
            select database_name, schema_name, view_name, 'VIEW', comment from duckdb_views() where not internal
        )
        select r.database_name, r.schema_name, r.table_name, r.table_type, r.comment,
               c.column_name, c.column_index, c.data_type, c.comment
        from relations r
        join duckdb_columns() c
          on c.database_name = r.database_name and c.schema_name = r.schema_name and c.table_name = r.table_name
        order by r.database_name, r.schema_name, r.table_name, c.column_index
        """;

    public static Catalog Read(ISqlSession session, Manifest manifest, IReadOnlySet<string>? selected = null)
    {
        var relations = new Dictionary<string, CatalogTable>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in session.Query(Query).GroupBy(row => Key((string)row[0]!, (string)row[1]!, (string)row[2]!), StringComparer.OrdinalIgnoreCase))
        {
            var first = group.First();
            var columns = group.Select(row => new CatalogColumn((string)row[5]!, (string)row[7]!, Convert.ToInt32(row[6], System.Globalization.CultureInfo.InvariantCulture), row[8] as string)).ToList();
            relations[group.Key] = new CatalogTable(string.Empty, (string)first[3]!, (string)first[0]!, (string)first[1]!, (string)first[2]!, first[4] as string, columns);
        }

        var catalog = new Catalog();
        foreach (var node in manifest.Nodes.Values.Where(n => n.ResourceType is ResourceType.Model or ResourceType.Seed or ResourceType.Snapshot && !n.IsEphemeral))
        {
            if ((selected is null || selected.Contains(node.UniqueId))
                && relations.TryGetValue(Key(node.Database ?? string.Empty, node.Schema, node.Alias), out var table))
            {
                catalog.Nodes[node.UniqueId] = table with { UniqueId = node.UniqueId };
            }
        }

        foreach (var source in manifest.Sources.Values.Where(s => s.ExternalLocation is null))
        {
            if ((selected is null || selected.Contains(source.UniqueId))
                && relations.TryGetValue(Key(source.Database ?? string.Empty, source.Schema, source.Identifier), out var table))
            {
                catalog.Sources[source.UniqueId] = table with { UniqueId = source.UniqueId };
            }
        }

        return catalog;
    }

    private static string Key(string database, string schema, string name) => database + "\u0001" + schema + "\u0001" + name;
}
