using DuckDB.NET.Data;

namespace Wellhouse.Warehouse.Bench;

/// <summary>
/// Writes relations of a snapshot to CSV files (header, ISO dates), ordered by well and the series' date, for the peer
/// baseline of bench/api (FastAPI + pandas loads them). Views are evaluated in full, once.
/// </summary>
internal static class ExportRelations
{
    private static readonly Dictionary<string, string> OrderBy = new(StringComparer.Ordinal)
    {
        ["mart_production_monthly"] = "well_code, month",
        ["mart_production_yearly"] = "well_code, year",
        ["mart_production_daily"] = "well_code, production_period",
        ["int_production_cumsum"] = "well_code, production_period",
        ["int_moving_averages"] = "well_code, production_period, \"window\"",
        ["int_declining_curves"] = "well_code, stream, production_period",
        ["mart_decline_forecast"] = "well_code, stream, month",
        ["int_ml_trendlines_output"] = "well_code, stream, production_period",
        ["mart_revenue"] = "well_code, month",
        ["mart_well_summary"] = "well_code",
    };

    public static int Run(string database, string folder, IReadOnlyList<string> relations)
    {
        Directory.CreateDirectory(folder);
        using var connection = new DuckDBConnection($"Data Source={database};ACCESS_MODE=READ_ONLY");
        connection.Open();
        foreach (var relation in relations.Count > 0 ? relations : [.. OrderBy.Keys])
        {
            if (!OrderBy.TryGetValue(relation, out var order))
            {
                Console.Error.WriteLine($"unknown relation {relation}");
                return 2;
            }

            var path = Path.Combine(Path.GetFullPath(folder), relation + ".csv").Replace("'", "''", StringComparison.Ordinal);
            using var command = connection.CreateCommand();
            command.CommandText = $"copy (select * from {relation} order by {order}) to '{path}' (header, dateformat '%Y-%m-%d')";
            command.ExecuteNonQuery();
            Console.WriteLine($"exported {relation}");
        }

        return 0;
    }
}
