using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// Which materialization builds a model, seed, data test or snapshot, as dbt-core's <c>Manifest.find_materialization_macro_by_name</c> chooses:
/// the candidates are <c>materialization_&lt;name&gt;_&lt;adapter&gt;</c> (specificity 0) and
/// <c>materialization_&lt;name&gt;_default</c> (specificity 1) of the root project, of installed packages and of the
/// adapter itself (here: the engine's own view, table, incremental and external builds, and dbt's default seed, test,
/// snapshot and unit ones). The most specific wins, then
/// the root project over packages over the adapter. A package may not replace one of the adapter's own (dbt 1.8+'s
/// <c>require_explicit_package_overrides_for_builtin_materializations</c>, true by default): the root project's or
/// the adapter's is used instead, unless the root project's <c>flags:</c> sets it false (then the package's is used,
/// and dbt warns that this is deprecated).
/// </summary>
internal static class MaterializationResolver
{
    private enum Locality
    {
        Builtin = 1,
        Package = 2,
        Root = 3,
    }

    /// <summary>dbt-duckdb ships its own table, view, incremental and external materializations (adapter-specific);
    /// dbt-postgres uses dbt's default ones.</summary>
    private static readonly string[] Builtins = ["view", "table", "incremental", "external"];

    /// <summary>dbt's global project's seed, test, snapshot and unit materializations (<c>default</c> on every
    /// adapter; neither dbt-duckdb nor dbt-postgres replaces them).</summary>
    private static readonly string[] CoreBuiltins = ["seed", "test", "snapshot", "unit"];

    /// <summary>The block that builds <paramref name="node"/>, or null when the engine's own materialization does.</summary>
    /// <exception cref="InvalidOperationException">dbt's "No materialization ... was found", two packages defining
    /// the same one, or a model language the block does not support; the message is dbt's.</exception>
    public static MaterializationEntry? Resolve(IReadOnlyList<MaterializationEntry> blocks, string rootProject, string adapterType, Node node, bool packagesMayOverrideBuiltins = false)
    {
        var name = node.Config.Materialized;
        var candidates = new List<(int Specificity, Locality Locality, MaterializationEntry? Entry)>();
        string[] types = [adapterType, "default"];
        for (var specificity = 0; specificity < types.Length; specificity++)
        {
            var type = types[specificity];
            foreach (var entry in blocks.Where(b => b.Block.Name == name && b.Block.Adapter == type))
            {
                candidates.Add((specificity, entry.PackageName == rootProject ? Locality.Root : Locality.Package, entry));
            }

            if (Builtins.Contains(name) && (type == "default") == (adapterType != "duckdb") || CoreBuiltins.Contains(name) && type == "default")
            {
                candidates.Add((specificity, Locality.Builtin, null));
            }
        }

        if (candidates.Count == 0)
        {
            throw new InvalidOperationException($"No materialization '{name}' was found for adapter {adapterType}! (searched types 'default' and '{adapterType}')");
        }

        var ordered = candidates.OrderBy(c => c.Specificity).ThenByDescending(c => c.Locality).ToList();
        var best = ordered[0];
        if (ordered.Count > 1 && ordered[1].Specificity == best.Specificity && ordered[1].Locality == best.Locality)
        {
            throw new InvalidOperationException($"Found two materializations with the name {name} (packages {best.Entry!.PackageName} and {ordered[1].Entry!.PackageName}). dbt cannot resolve this ambiguity");
        }

        if (best.Locality == Locality.Package && !packagesMayOverrideBuiltins && candidates.Any(c => c.Locality == Locality.Builtin))
        {
            best = ordered.First(c => c.Locality != Locality.Package);
        }

        if (best.Entry is { } chosen && !chosen.Block.SupportedLanguages.Contains(node.Language))
        {
            var languages = string.Join(", ", chosen.Block.SupportedLanguages.Select(l => $"'{l}'"));
            throw new InvalidOperationException($"Materialization \"{chosen.Macro.Macro.Name}\" only supports languages [{languages}]; got \"{node.Language}\"");
        }

        return best.Entry;
    }
}
