using DuckDB.NET.Data;
using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Project;

/// <summary>Jinja (var, env_var) in the strings of a source's schema-file entry, rendered at parse time as dbt does.</summary>
public class SourceJinjaTests
{
    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal) { ["RAW_PATH"] = "data", ["RAW_OWNER"] = "wells" };

    [Fact]
    public void Load_SourceWithVarAndEnvVar_RendersNamesAndLocation()
    {
        var project = Fixtures.LoadOk("source_jinja", vars: "customers_table: erp", environment: Environment);
        var orders = project.Manifest.Sources["source.source_jinja.raw.orders"];
        Assert.Equal("landing", orders.Schema);
        Assert.Equal("warehouse", orders.Database);
        Assert.Equal("loaded_at", orders.LoadedAtField);
        Assert.Equal("data/{name}.csv", orders.ExternalLocation);
        Assert.Equal("'data/orders.csv'", orders.RenderReference());

        var customers = project.Manifest.Sources["source.source_jinja.raw.customers"];
        Assert.Equal("erp_customers", customers.Identifier);
        Assert.Equal("wells", customers.Meta["owner"]);
        Assert.Equal("\"warehouse\".\"landing\".\"erp_customers\"", customers.RenderReference());
    }

    [Fact]
    public void Compile_ModelOnRenderedSources_UsesRenderedRelations()
    {
        var project = Fixtures.LoadOk("source_jinja", environment: Environment);
        var compiler = new Compiler(project);
        var orders = compiler.Compile(project.Manifest.Nodes["model.source_jinja.orders"]);
        var customers = compiler.Compile(project.Manifest.Nodes["model.source_jinja.customers"]);
        Assert.True(orders.Success && customers.Success);
        Assert.Equal("select id, amount from 'data/orders.csv'", orders.CompiledCode!.Trim());
        Assert.Equal("select * from \"warehouse\".\"landing\".\"crm_customers\"", customers.CompiledCode!.Trim());
    }

    [Fact]
    public void Compile_ExternalLocationFromEnvVar_ReadsFixtureCsv()
    {
        var data = Path.Combine(Fixtures.Parse("source_jinja"), "data").Replace('\\', '/');
        var project = Fixtures.LoadOk("source_jinja", environment: new Dictionary<string, string> { ["RAW_PATH"] = data });
        var sql = new Compiler(project).Compile(project.Manifest.Nodes["model.source_jinja.orders"]).CompiledCode!;
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"select sum(amount)::bigint from ({sql})";
        Assert.Equal(35L, command.ExecuteScalar());
    }

    [Fact]
    public void Load_BadJinjaAndMissingEnvVarInSource_ReportsYmlPositions()
    {
        var result = Fixtures.Load("source_jinja_bad");
        Assert.False(result.Success);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 2, string.Join("\n", errors.Select(e => e.Format(null))));
        Assert.Equal("JINJA001", errors[0].Code);
        Assert.Equal("unexpected '}'", errors[0].Message);
        Assert.Equal(new SourceSpan("models/sources.yml", 4, 13), errors[0].Span);
        Assert.Equal("DBT301", errors[1].Code);
        Assert.Equal("env var required but not provided: 'RAW_PATH'", errors[1].Message);
        Assert.Equal(new SourceSpan("models/sources.yml", 9, 30), errors[1].Span);
    }
}
