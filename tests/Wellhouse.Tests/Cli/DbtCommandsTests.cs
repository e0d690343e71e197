using Wellhouse.Testing;

namespace Wellhouse.Tests.Cli;

public sealed class DbtCommandsTests
{
    [Fact]
    public async Task Build_FailingModel_OldTablesIntact_DownstreamSkipped_ExitOne()
    {
        using var project = new FixtureProject("run/failing_model");
        Assert.Equal(0, await project.RunAsync("build"));
        var database = project.DatabasePath("dev.duckdb");
        Assert.Equal(20, Convert.ToInt32(DuckDbReader.Scalar(database, "select doubled from main.report")));

        var exit = await project.RunAsync("build", "--vars", "{amount: 11, extra_column: no_such_column}");

        Assert.Equal(1, exit);
        var output = project.Output.ToString();
        Assert.Contains("Database Error in model report (models/report.sql)", output);
        Assert.Contains("line 4:", output);
        Assert.Contains("4 |     no_such_column as extra", output);
        Assert.Contains("SKIP relation main.downstream", output);
        Assert.Contains("Done. PASS=1 WARN=0 ERROR=1 SKIP=1 NO-OP=0 TOTAL=3", output);
        Assert.Equal(11, Convert.ToInt32(DuckDbReader.Scalar(database, "select amount from main.base")));
        Assert.Equal(20, Convert.ToInt32(DuckDbReader.Scalar(database, "select doubled from main.report")));
        Assert.Equal(20, Convert.ToInt32(DuckDbReader.Scalar(database, "select doubled from main.downstream")));
    }

    [Fact]
    public async Task Seed_BadValue_DiagnosticWithFileLineColumn_ExitOne()
    {
        using var project = new FixtureProject("run/bad_seed");

        var exit = await project.RunAsync("seed");

        Assert.Equal(1, exit);
        Assert.Contains("seeds/prices.csv(3,2): error SEED001: value 'cheap' in column 'price' is not a valid decimal(10,2)", project.Output.ToString());
        Assert.DoesNotContain("   at ", project.Output.ToString() + project.Error);
    }

    [Fact]
    public async Task Build_TestSeverities_WarnPassFailAndSkip()
    {
        using var project = new FixtureProject("run/test_severity");

        var exit = await project.RunAsync("build");

        var output = project.Output.ToString();
        Assert.Equal(1, exit);
        Assert.Contains("WARN 2 n_small_warn", output);
        Assert.Contains("WARN 3 n_thresholds", output);
        Assert.Contains("FAIL 2 numbers_under_limit", output);
        Assert.Contains("PASS not_null_numbers_n", output);
        Assert.Contains("SKIP relation main.after_numbers", output);
        Assert.Equal(0L, DuckDbReader.Scalar(project.DatabasePath("dev.duckdb"), "select count(*) from main_dbt_test__audit.unique_numbers_n"));
    }

    [Fact]
    public async Task Ls_OutputName_ListsSelectedModels()
    {
        using var project = new FixtureProject("jaffle_shop");

        var exit = await project.RunAsync("ls", "-s", "+orders", "--resource-type", "model", "--output", "name");

        Assert.Equal(0, exit);
        Assert.Equal(["orders", "stg_orders", "stg_payments"], project.Output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("eager", true)]
    [InlineData("cautious", false)]
    public async Task Ls_IndirectSelection_DecidesWhetherATestOfTwoModelsComesWithOne(string mode, bool relationshipsListed)
    {
        using var project = new FixtureProject("jaffle_shop");

        var exit = await project.RunAsync("ls", "-s", "orders", "--resource-type", "test", "--output", "name", "--indirect-selection", mode);

        Assert.Equal(0, exit);
        var names = project.Output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("unique_orders_order_id", names);
        Assert.Equal(relationshipsListed, names.Contains("relationships_orders_customer_id__customer_id__ref_customers_"));
    }

    [Fact]
    public async Task Ls_IndirectSelection_AnUnknownModeIsAnError()
    {
        using var project = new FixtureProject("jaffle_shop");

        var exit = await project.RunAsync("ls", "-s", "orders", "--indirect-selection", "careful");

        Assert.NotEqual(0, exit);
        Assert.Contains("--indirect-selection must be one of eager, cautious, buildable, empty, not 'careful'", project.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ls_Warehouse_ListsItsCSharpModels()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var warehouse = Path.Combine(FixtureProject.RepoRoot(), "warehouse");

        var exit = await Wellhouse.Cli.WellhouseCli.RunAsync(["ls", "--project-dir", warehouse, "--profiles-dir", warehouse, "-s", "int_decline_fits+", "--resource-type", "model", "--output", "name"], output, error);

        Assert.True(exit == 0, error.ToString());
        var names = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // int_decline_fits is a C# model (language: csharp); its SQL and C# descendants come with it, and nothing upstream.
        Assert.Equal(
            ["int_decline_fits", "int_decline_forecast", "int_declining_curves", "int_moving_averages", "mart_decline_forecast", "mart_well_summary"],
            names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Debug_JaffleShop_AllChecksPassed()
    {
        using var project = new FixtureProject("jaffle_shop");

        var exit = await project.RunAsync("debug");

        Assert.Equal(0, exit);
        Assert.Contains("All checks passed!", project.Output.ToString());
    }

    [Fact]
    public async Task Clean_RemovesTargetFolder()
    {
        using var project = new FixtureProject("jaffle_shop");
        Directory.CreateDirectory(Path.Combine(project.Directory, "target", "compiled"));

        var exit = await project.RunAsync("clean");

        Assert.Equal(0, exit);
        Assert.False(Directory.Exists(Path.Combine(project.Directory, "target")));
    }

    [Fact]
    public async Task Run_UnknownProjectDir_DiagnosticNotStackTrace()
    {
        using var project = new FixtureProject("jaffle_shop");

        var exit = await Wellhouse.Cli.WellhouseCli.RunAsync(["run", "--project-dir", Path.Combine(project.Directory, "nope")], project.Output, project.Error);

        Assert.Equal(2, exit);
        Assert.Contains("dbt_project.yml", project.Error.ToString());
        Assert.DoesNotContain("   at ", project.Error.ToString());
    }

    [Fact]
    public async Task Ls_OutputJson_OneObjectPerNode()
    {
        using var project = new FixtureProject("jaffle_shop");

        var exit = await project.RunAsync("ls", "-s", "orders", "--output", "json", "--resource-type", "model");

        Assert.Equal(0, exit);
        using var json = System.Text.Json.JsonDocument.Parse(project.Output.ToString().Trim());
        Assert.Equal("model.jaffle_shop.orders", json.RootElement.GetProperty("unique_id").GetString());
        Assert.Equal("table", json.RootElement.GetProperty("config").GetProperty("materialized").GetString());
    }

    [Fact]
    public async Task Compile_WritesCompiledSqlWithoutBuilding()
    {
        using var project = new FixtureProject("jaffle_shop");

        var exit = await project.RunAsync("compile", "-s", "orders");

        Assert.Equal(0, exit);
        var compiled = File.ReadAllText(Path.Combine(project.Directory, "target", "compiled", "jaffle_shop", "models", "orders.sql"));
        Assert.Contains("sum(case when payment_method = 'gift_card' then amount else 0 end) as gift_card_amount", compiled);
        Assert.Contains("\"jaffle_shop\".\"main\".\"stg_orders\"", compiled);
    }

    [Fact]
    public async Task Build_ExternalSourceAndSeedConfigs_LoadedWithTypes()
    {
        using var project = new FixtureProject("run/sources_and_seeds");

        var exit = await project.RunAsync("build", "--threads", "2");

        Assert.True(exit == 0, project.Output.ToString() + project.Error);
        var database = project.DatabasePath("dev.duckdb");
        Assert.Equal(21.5, Convert.ToDouble(DuckDbReader.Scalar(database, "select oil from main.well_totals where well_id = 'A'")));
        Assert.Equal("Permian", DuckDbReader.Scalar(database, "select basin from main.well_totals where well_id = 'A'"));
        Assert.Equal("007", DuckDbReader.Scalar(database, "select code from main.typed where flag"));
        var types = DuckDbReader.Query(database, "select data_type from information_schema.columns where table_name = 'typed' order by ordinal_position").Select(r => (string)r[0]!);
        Assert.Equal(["VARCHAR", "DECIMAL(12,2)", "BOOLEAN", "DATE", "TIMESTAMP"], types);
    }

    [Fact]
    public async Task Seed_WithoutFullRefresh_Truncates_FullRefreshRecreates()
    {
        using var project = new FixtureProject("run/sources_and_seeds");
        Assert.Equal(0, await project.RunAsync("seed"));
        File.WriteAllText(Path.Combine(project.Directory, "seeds", "semicolons.csv"), "well id;basin;county\nC;Delaware;Reeves\n");

        var truncate = await project.RunAsync("seed", "-s", "semicolons");
        var refresh = await project.RunAsync("seed", "-s", "semicolons", "--full-refresh");

        Assert.Equal(1, truncate);
        Assert.Equal(0, refresh);
        Assert.Equal("Reeves", DuckDbReader.Scalar(project.DatabasePath("dev.duckdb"), "select county from main.semicolons"));
    }

    [Fact]
    public async Task Debug_UnknownExtension_ClearMessage_ExitOne()
    {
        using var project = new FixtureProject("run/sources_and_seeds");
        var profiles = Path.Combine(project.Directory, "profiles.yml");
        File.WriteAllText(profiles, File.ReadAllText(profiles).Replace("extensions: [parquet]", "extensions: [no_such_ext]", StringComparison.Ordinal));

        var exit = await project.RunAsync("debug");
        var build = await project.RunAsync("build");

        Assert.Equal(1, exit);
        Assert.Equal(2, build);
        Assert.Contains("cannot load DuckDB extension 'no_such_ext'", project.Error.ToString());
        Assert.DoesNotContain("   at ", project.Error.ToString());
    }
}
