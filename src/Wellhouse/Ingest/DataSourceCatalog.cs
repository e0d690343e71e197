using Microsoft.Extensions.Options;
using nietras.SeparatedValues;
using Wellhouse.Hosting;
using Wellhouse.Refresh;

namespace Wellhouse.Ingest;

/// <summary>
/// The data sources the warehouse knows: the <c>data_source</c> column of the seed <c>seeds/data_sources.csv</c> of the
/// warehouse project a refresh builds. Ingest refuses rows of any other source (the warehouse could not tell their
/// reporting period, day or month, so it would keep every one of them out). Read on each upload, so a row added to the
/// seed counts at once. No project found: no list, and ingest does not check (a refresh cannot build then anyway).
/// </summary>
internal sealed class DataSourceCatalog(IOptions<WellhouseOptions> options)
{
    public const string SeedPath = "seeds/data_sources.csv";

    /// <summary>The seed's data sources, or null when there is no warehouse project or seed.</summary>
    public IReadOnlySet<string>? Known() =>
        RepositoryPaths.WarehouseProject(options.Value.Warehouse.ProjectDir) is { } project
        && Path.Combine(project, SeedPath) is var seed && File.Exists(seed) ? Read(seed) : null;

    /// <summary>What an operator reads when rows name an unknown source: the known ones and how to add one.</summary>
    public static string Hint(IReadOnlySet<string> known) =>
        $"the warehouse knows the data sources {string.Join(", ", known.Order(StringComparer.Ordinal))}; to add one, add a row "
        + $"(data_source, period_type 'day' or 'month', currency, price_region, description) to warehouse/{SeedPath} and upload again "
        + "(the next refresh rebuilds the warehouse with it)";

    private static HashSet<string> Read(string seed)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(seed);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in reader)
        {
            names.Add(row["data_source"].ToString().Trim());
        }

        return names;
    }
}
