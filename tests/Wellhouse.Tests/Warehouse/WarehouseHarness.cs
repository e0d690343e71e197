using System.Globalization;
using DuckDB.NET.Data;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;
using Wellhouse.Warehouse;
using YamlDotNet.RepresentationModel;

namespace Wellhouse.Tests.Warehouse;

/// <summary>
/// Builds warehouse/ on a temporary DuckDB file without the engine: loads the seeds, renders each model's Jinja
/// naively (ref, source, var, config and the project's date macros, in their DuckDB form), runs the models in
/// dependency order (the C# models through <see cref="ICSharpModel"/>) and the singular tests. It checks the SQL and
/// the numbers; the engine's own tests check the engine.
/// </summary>
internal sealed partial class WarehouseHarness : IDisposable
{
    /// <summary>Models in dependency order; C# models by their registered names.</summary>
    public static readonly IReadOnlyList<string> ModelOrder =
    [
        "stg_well_production_checked", "stg_well_production_rejects", "stg_well_production",
        "int_production_cumsum", "int_declining_curves", "int_ml_trendlines_input", "ml_predictions_raw",
        "int_ml_trendlines_output", "int_moving_averages",
        "mart_production_monthly", "mart_production_yearly", "mart_field_production_monthly",
        "mart_field_production_yearly", "mart_revenue", "mart_decline_forecast", "mart_well_summary",
    ];

    private readonly string directory;
    private readonly Dictionary<string, object?> vars;

    public WarehouseHarness(string rawLocation, IReadOnlyDictionary<string, object?>? varOverrides = null)
    {
        directory = Path.Combine(Path.GetTempPath(), "wellhouse-warehouse-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        RawLocation = rawLocation;
        vars = ReadProjectVars();
        foreach (var (key, value) in varOverrides ?? new Dictionary<string, object?>())
        {
            vars[key] = value;
        }

        Connection = new DuckDBConnection("Data Source=" + Path.Combine(directory, "warehouse.duckdb"));
        Connection.Open();
    }

    public string RawLocation { get; }

    public DuckDBConnection Connection { get; }

    public async Task BuildAsync()
    {
        await LoadSeedsAsync();
        var csharp = WarehouseModels.ByName;
        foreach (var name in ModelOrder)
        {
            if (csharp.TryGetValue(name, out var model))
            {
                await RunCSharpModelAsync(model);
            }
            else
            {
                var path = Directory.GetFiles(Path.Combine(RepoPaths.Warehouse, "models"), name + ".sql", SearchOption.AllDirectories).Single();
                var (sql, materialized) = Render(await File.ReadAllTextAsync(path));
                var kind = materialized == "view" ? "view" : "table";
                await ExecuteAsync($"create or replace {kind} {Relation.Quote(name)} as\n{sql}");
            }
        }
    }

    /// <summary>Runs a singular test of warehouse/tests and returns its failing-row count.</summary>
    public async Task<long> RunSingularTestAsync(string name)
    {
        var (sql, _) = Render(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Warehouse, "tests", name + ".sql")));
        return await ScalarAsync<long>($"select count(*) from (\n{sql}\n) as failures");
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(value!, typeof(T), CultureInfo.InvariantCulture);
    }

    public async Task<List<object?[]>> QueryAsync(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public async Task ExecuteAsync(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        Connection.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private async Task LoadSeedsAsync()
    {
        var seeds = Path.Combine(RepoPaths.Warehouse, "seeds");
        await ExecuteAsync($"""
            create or replace table prices as select cast(month as date) as month, cast(brent_usd_per_bbl as double) as brent_usd_per_bbl,
                cast(henry_hub_usd_per_mmbtu as double) as henry_hub_usd_per_mmbtu
            from read_csv('{Path.Combine(seeds, "prices.csv")}', header = true, all_varchar = true);
            create or replace table currency_rates as select cast(month as date) as month, currency, cast(local_per_usd as double) as local_per_usd
            from read_csv('{Path.Combine(seeds, "currency_rates.csv")}', header = true, all_varchar = true);
            create or replace table data_sources as select *
            from read_csv('{Path.Combine(seeds, "data_sources.csv")}', header = true, all_varchar = true);
            """);
    }

    private async Task RunCSharpModelAsync(ICSharpModel model)
    {
        await ExecuteAsync($"drop table if exists {Relation.Quote(model.Name)}");
        var node = new Node
        {
            UniqueId = "model.wellhouse." + model.Name,
            ResourceType = ResourceType.Model,
            Name = model.Name,
            PackageName = "wellhouse",
            OriginalFilePath = "models/intermediate/_intermediate__models.yml",
            Path = "intermediate/_intermediate__models.yml",
            Fqn = ["wellhouse", "intermediate", model.Name],
            Language = "csharp",
        };
        var context = new CSharpModelContext
        {
            Connection = Connection,
            Node = node,
            Target = new Relation(null, "main", model.Name),
            Ref = name => new Relation(null, "main", name),
            Vars = vars,
        };
        await model.ExecuteAsync(context, CancellationToken.None);
    }

    private static Dictionary<string, object?> ReadProjectVars()
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Path.Combine(RepoPaths.Warehouse, "dbt_project.yml"))))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in ((YamlMappingNode)root.Children[new YamlScalarNode("vars")]).Children)
        {
            var text = ((YamlScalarNode)value).Value;
            result[((YamlScalarNode)key).Value!] = text is null or "null" or "~" ? null
                : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : text;
        }

        return result;
    }
}
