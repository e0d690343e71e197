using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Docs;

/// <summary>
/// Reads the catalog with the adapter's catalog query (<see cref="SqlDialect.CatalogQuery"/>: every table and view with
/// its columns), then keeps the relations of the manifest's models, seeds and sources, matched case-insensitively on
/// database, schema and identifier as DuckDB resolves names.
/// </summary>
internal static class CatalogReader
{
    public static Catalog Read(ISqlAdapter adapter, ISqlSession session, Manifest manifest, IReadOnlySet<string>? selected = null)
    {
        var relations = new Dictionary<string, CatalogTable>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in session.Query(adapter.Dialect.CatalogQuery).GroupBy(row => Key((string)row[0]!, (string)row[1]!, (string)row[2]!), StringComparer.OrdinalIgnoreCase))
        {
            var first = group.First();
            var columns = group.Select(row => new CatalogColumn((string)row[5]!, (string)row[7]!, Convert.ToInt32(row[6], System.Globalization.CultureInfo.InvariantCulture), row[8] as string)).ToList();
            relations[group.Key] = new CatalogTable(string.Empty, (string)first[3]!, (string)first[0]!, (string)first[1]!, (string)first[2]!, first[4] as string, columns) { Owner = first[9] as string };
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
