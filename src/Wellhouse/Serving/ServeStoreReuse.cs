using System.Data.Common;
using System.Globalization;

namespace Wellhouse.Serving;

/// <summary>The store of the snapshot an incremental refresh started from (read only, never written).</summary>
internal sealed record ServePrevious(string Path, string SnapshotId);

/// <summary>
/// What an incremental build of a serving store reuses (docs/architecture.md, "Snapshots"): the parent's store, mapped
/// read-only, and the wells the warehouse recomputed (int_refresh_wells of the new snapshot, and the application's
/// refresh_wells it is built from, which only a snapshot started from its parent has). A per-well relation
/// (<see cref="ServeRelations.PerWell"/>) then takes the unchanged wells' rows from the parent's store
/// (<see cref="ServeStoreMerge"/>). No reuse, and a full build with the reason, when the parent's store is missing or
/// of another format or snapshot, when the snapshot has no refresh_wells (built whole), or when more than half the wells changed
/// (copying would save little).
/// </summary>
internal sealed class ServeStoreReuse
{
    private ServeStoreReuse(ServeStore store, int[] changed)
    {
        Store = store;
        Changed = changed;
        ChangedSet = changed.ToHashSet();
    }

    public ServeStore Store { get; }

    /// <summary>The changed wells, ascending.</summary>
    public IReadOnlyList<int> Changed { get; }

    public IReadOnlySet<int> ChangedSet { get; }

    /// <summary>The parent's relation to merge with, or null when the relation is scanned whole.</summary>
    public ServeRelation? Relation(string name) => ServeRelations.PerWell.Contains(name) ? Store.Relation(name) : null;

    /// <summary>The reuse, with a note for the run log; or null and the reason for a full build.</summary>
    public static (ServeStoreReuse? Reuse, string Note) Open(DbConnection connection, ServePrevious previous)
    {
        if (!File.Exists(previous.Path))
        {
            return (null, $"full build: the parent's store {System.IO.Path.GetFileName(previous.Path)} is missing");
        }

        ServeStore store;
        try
        {
            store = ServeStore.Open(previous.Path, previous.SnapshotId);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            return (null, $"full build: the parent's store is not usable ({ex.Message})");
        }

        var changed = new List<int>();
        try
        {
            using var command = connection.CreateCommand();
            // Both the application's list (main.refresh_wells, written only when a snapshot is started from its parent:
            // a full build has none) and the warehouse's model of it.
            command.CommandText = """
                select distinct well_code from (select well_code from main.refresh_wells union all select well_code from int_refresh_wells)
                where well_code is not null order by well_code
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                changed.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }
        catch (Exception ex) when (ex is DbException or OverflowException)
        {
            return (null, $"full build: the snapshot's int_refresh_wells cannot be read ({ex.Message.Split('\n')[0]})");
        }

        var wells = store.Footer.Relations.Select(r => r.Wells).DefaultIfEmpty(0).Max();
        if (changed.Count * 2L > wells)
        {
            return (null, $"full build: {changed.Count:N0} wells changed, more than half of the parent store's {wells:N0}");
        }

        return (new ServeStoreReuse(store, [.. changed]),
            $"incremental on the store of {previous.SnapshotId}: {changed.Count:N0} changed well(s) scanned, the others' rows copied");
    }

    /// <summary>Well codes as a SQL list of literals (<c>null</c> for none, which matches no row).</summary>
    public static string List(IEnumerable<int> wells)
    {
        var list = string.Join(", ", wells.Select(w => w.ToString(CultureInfo.InvariantCulture)));
        return list.Length == 0 ? "null" : list;
    }
}
