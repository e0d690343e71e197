using System.Globalization;
using Npgsql;
using Wellhouse.Generate;
using Wellhouse.Testing;
using Wellhouse.Transform.Graph;

[assembly: AssemblyFixture(typeof(PostgresCluster))]

namespace Wellhouse.Tests.Warehouse;

/// <summary>
/// warehouse/ built with <c>--target postgres</c> on the private test cluster (the raw rows loaded into the table
/// main.well_production as text, libpq's environment variables naming the database) and with the DuckDB target ci on
/// the same rows: every node passes on both and every mart holds the same rows (text, dates and integers equal,
/// doubles to a relative 1e-9).
/// </summary>
public sealed class PostgresWarehouseTests(PostgresCluster cluster)
{
    /// <summary>Relative tolerance of doubles: the engines sum in different orders, and the C# fits read those sums.</summary>
    private const double Tolerance = 1e-9;

    [Fact]
    public async Task Warehouse_OnVolveSample_BuildsTheSameMartsOnPostgresAsOnDuckDb()
    {
        await CompareAsync(RepoPaths.Sample);
    }

    [Fact]
    public async Task Warehouse_OnGeneratedMonthlyWells_BuildsTheSameMartsOnPostgresAsOnDuckDb()
    {
        var directory = Path.Combine(Path.GetTempPath(), "wellhouse-pg-input-" + Guid.NewGuid().ToString("N"));
        try
        {
            GeneratedDataset.Write(new SyntheticWellOptions(Wells: 8, Days: 1500, Monthly: true, Seed: 11, Start: new DateOnly(2015, 1, 1)), directory, parquet: false);
            await CompareAsync(Directory.GetFiles(directory, "well_production_part*.csv").Single());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Warehouse_OnCitusTarget_ShardsThePerWellTablesByWellAndCopiesTheSeedsToEveryNode()
    {
        var database = await cluster.CreateDatabaseAsync();
        try
        {
            await LoadRawAsync(database, RepoPaths.Sample);
            cluster.Query(database, CitusRecorder.Sql);

            await using var build = (await WarehouseBuild.RunAsync(new WarehouseBuildOptions
            {
                Target = "citus",
                RawLocation = string.Empty,
                Environment = Environment(database),
            })).EnsureSucceeded();

            var calls = cluster.Query(database, "select fn, replace(tbl, '__dbt_tmp', ''), coalesce(col, '-') from public.citus_calls order by 2")
                .Select(row => string.Join(" ", row)).ToList();
            string[] reference = ["currency_rates", "data_sources", "price_benchmarks", "prices"];
            string[] distributed =
            [
                "int_decline_fits", "int_decline_forecast", "int_population_forecast", "int_refresh_wells", "int_well_status",
                "int_well_totals", "int_wells", "mart_production_monthly", "mart_production_yearly", "mart_revenue", "mart_well_summary", "ml_predictions_raw",
                "stg_well_production_accepted",
            ];
            Assert.Equal(
                reference.Select(t => $"create_reference_table main.{t} -").Concat(distributed.Select(t => $"create_distributed_table main.{t} well_code")).Order(StringComparer.Ordinal),
                calls.Order(StringComparer.Ordinal));
        }
        finally
        {
            await cluster.DropDatabaseAsync(database);
        }
    }

    private async Task CompareAsync(string rawCsv)
    {
        var database = await cluster.CreateDatabaseAsync();
        try
        {
            await LoadRawAsync(database, rawCsv);
            await using var duckdb = (await WarehouseBuild.RunAsync(new WarehouseBuildOptions { RawLocation = rawCsv })).EnsureSucceeded();
            await using var postgres = (await WarehouseBuild.RunAsync(new WarehouseBuildOptions
            {
                Target = "postgres",
                RawLocation = string.Empty,
                Environment = Environment(database),
            })).EnsureSucceeded();

            Assert.Equal(
                duckdb.Results.Select(r => (r.Node.UniqueId, r.Status)).Order(),
                postgres.Results.Select(r => (r.Node.UniqueId, r.Status)).Order());
            var marts = duckdb.Results.Where(r => r.Node.ResourceType == ResourceType.Model && r.Node.Name.StartsWith("mart_", StringComparison.Ordinal))
                .Select(r => r.Node.Name).Order(StringComparer.Ordinal).ToList();
            Assert.True(marts.Count >= 9, string.Join(", ", marts));
            var compared = 0;
            foreach (var mart in marts)
            {
                var expected = Sorted(await duckdb.QueryAsync($"select * from main.{mart}"));
                var actual = Sorted(cluster.Query(database, $"select * from main.{mart}"));
                Assert.True(expected.Count == actual.Count, $"{mart}: {expected.Count} rows on DuckDB, {actual.Count} on PostgreSQL");
                for (var i = 0; i < expected.Count; i++)
                {
                    AssertRow(mart, expected[i], actual[i]);
                }

                compared += expected.Count;
            }

            Assert.True(compared > 1000, $"{compared} mart rows compared");
        }
        finally
        {
            await cluster.DropDatabaseAsync(database);
        }
    }

    /// <summary>libpq's environment variables naming the test database.</summary>
    private Dictionary<string, string> Environment(string database) => new(StringComparer.Ordinal)
    {
        ["PGHOST"] = cluster.Host,
        ["PGPORT"] = cluster.Port.ToString(CultureInfo.InvariantCulture),
        ["PGUSER"] = PostgresCluster.User,
        ["PGPASSWORD"] = PostgresCluster.Password,
        ["PGDATABASE"] = database,
    };

    /// <summary>The raw CSV's columns as text in main.well_production (stg_well_production_typed casts them).</summary>
    private async Task LoadRawAsync(string database, string rawCsv)
    {
        var header = File.ReadLines(rawCsv).First().Split(',');
        await using var connection = new NpgsqlConnection(cluster.ConnectionString(database));
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(
            $"create schema main; create table main.well_production ({string.Join(", ", header.Select(name => Relation.Quote(name) + " text"))})", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var writer = await connection.BeginTextImportAsync("copy main.well_production from stdin (format csv, header true)");
        await writer.WriteAsync(await File.ReadAllTextAsync(rawCsv));
    }

    /// <summary>Rows ordered by their values as text, doubles rounded to 6 significant digits (so that the last bits
    /// of a double do not reorder rows).</summary>
    private static List<object?[]> Sorted(List<object?[]> rows) =>
        [.. rows.OrderBy(row => string.Join("|", row.Select(value => Key(value))), StringComparer.Ordinal)];

    private static string Key(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("G6", CultureInfo.InvariantCulture),
        decimal m => ((double)m).ToString("G6", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IConvertible c => c.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static void AssertRow(string mart, object?[] expected, object?[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var c = 0; c < expected.Length; c++)
        {
            var (e, a) = (expected[c], actual[c]);
            if (e is double or float or decimal && a is double or float or decimal)
            {
                var (x, y) = (Convert.ToDouble(e, CultureInfo.InvariantCulture), Convert.ToDouble(a, CultureInfo.InvariantCulture));
                var close = x.Equals(y) || Math.Abs(x - y) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
                Assert.True(close, $"{mart} column {c + 1}: DuckDB {x:R}, PostgreSQL {y:R} in row {string.Join(", ", expected.Select(Key))}");
            }
            else
            {
                Assert.True(Key(e) == Key(a) || (e is long or int or short && a is long or int or short && Convert.ToInt64(e, CultureInfo.InvariantCulture) == Convert.ToInt64(a, CultureInfo.InvariantCulture)),
                    $"{mart} column {c + 1}: DuckDB {Key(e)} ({e?.GetType().Name}), PostgreSQL {Key(a)} ({a?.GetType().Name}) in row {string.Join(", ", expected.Select(Key))}");
            }
        }
    }
}
