using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Compilation;

public class CompilerTests
{
    private static (LoadedProject Project, Compiler Compiler) Basic(string? vars = null)
    {
        var project = Fixtures.LoadOk("basic", vars: vars);
        return (project, new Compiler(project));
    }

    private static string Compile(Compiler compiler, Node node)
    {
        var result = compiler.Compile(node);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Format(Fixtures.Parse("basic")))));
        Assert.Equal(result.CompiledCode, node.CompiledCode);
        return result.CompiledCode!;
    }

    [Fact]
    public void Compile_ModelWithEphemeralRefAndForLoop_InjectsCte()
    {
        var (project, compiler) = Basic();
        var sql = Compile(compiler, project.Manifest.Nodes["model.basic.orders"]);
        Assert.StartsWith("with __dbt__cte__stg_payments as (\n", sql.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("from \"basic\".\"main\".\"stg_orders\"\nwhere amount > 0\n), payments as (", sql, StringComparison.Ordinal);
        Assert.Contains("select * from __dbt__cte__stg_payments", sql, StringComparison.Ordinal);
        Assert.Contains("then payments.amount else 0 end) as coupon_amount,", sql, StringComparison.Ordinal);
        Assert.Contains("from \"basic\".\"main\".\"stg_orders\" as orders", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ProjectMacroAndVars_Rendered()
    {
        var (project, compiler) = Basic("min_amount: 7");
        Assert.Contains("round(amount / 100.0, 2) as amount", Compile(compiler, project.Manifest.Nodes["model.basic.stg_orders"]), StringComparison.Ordinal);
        Assert.Contains("where amount > 7", Compile(compiler, project.Manifest.Nodes["model.basic.orders"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ExternalSource_ReadsFile()
    {
        var (project, compiler) = Basic();
        Assert.Contains("left join 'data/events.parquet' as events", Compile(compiler, project.Manifest.Nodes["model.basic.customers"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_NotNullTest_SelectsNullRows()
    {
        var (project, compiler) = Basic();
        var test = project.Manifest.Nodes.Values.Single(n => n.Name == "not_null_stg_orders_order_id");
        Assert.Equal("\nselect order_id\nfrom \"basic\".\"main\".\"stg_orders\"\nwhere order_id is null\n", Compile(compiler, test));
    }

    [Fact]
    public void Compile_AcceptedValuesWithWhere_UsesSubquery()
    {
        var (project, compiler) = Basic();
        var test = project.Manifest.Nodes.Values.Single(n => n.Name == "accepted_values_stg_orders_status__placed__shipped__completed__return_pending__returned");
        var sql = Compile(compiler, test);
        Assert.Contains("from (select * from \"basic\".\"main\".\"stg_orders\" where order_date > '2018-01-01') dbt_subquery", sql, StringComparison.Ordinal);
        Assert.Contains("where value_field not in ('placed', 'shipped', 'completed', 'return_pending', 'returned')", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_WhereConfigWithVar_RenderedAtParse()
    {
        var (project, compiler) = Basic("start_date: '2019-06-01'");
        var test = project.Manifest.Nodes.Values.Single(n => n.Name.StartsWith("accepted_values_stg_orders_status", StringComparison.Ordinal));
        Assert.Equal("order_date > '2019-06-01'", test.Config.Where);
        Assert.Contains("where order_date > '2019-06-01') dbt_subquery", Compile(compiler, test), StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_Relationships_RendersToArgument()
    {
        var (project, compiler) = Basic();
        var test = project.Manifest.Nodes.Values.Single(n => n.Name == "relationships_orders_order_id__order_id__ref_stg_orders_");
        var sql = Compile(compiler, test);
        Assert.Contains("from \"basic\".\"main_marts\".\"fct_orders\"", sql, StringComparison.Ordinal);
        Assert.Contains("select order_id as to_field\n    from \"basic\".\"main\".\"stg_orders\"", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_CustomGenericAndSingularTests()
    {
        var (project, compiler) = Basic();
        var custom = project.Manifest.Nodes.Values.Single(n => n.Name == "is_positive_orders_order_id");
        Assert.Equal("\n\nselect * from \"basic\".\"main_marts\".\"fct_orders\" where order_id <= 0\n", Compile(compiler, custom));
        Assert.Equal("ERROR", custom.Config.Severity);
        Assert.Equal(["key", "positivity"], custom.Config.Tags);
        var singular = project.Manifest.Nodes.Values.Single(n => n.Name == "assert_positive_amount");
        Assert.Equal("select * from \"basic\".\"main_marts\".\"fct_orders\" where amount < 0", Compile(compiler, singular));
    }

    [Fact]
    public void Compile_UndefinedMacroCalled_ParsesThenIsDiagnosticWithPosition()
    {
        // As dbt: parsing renders with a chainable undefined (dbt parse exits 0); compiling calls it and fails.
        using var temp = new TempFolder();
        var dir = temp.CopyFixture("basic");
        File.WriteAllText(Path.Combine(dir, "models", "marts", "orders.sql"), "select 1 as order_id,\n    {{ 1 if execute else 0 }} as amount, {{ paymnt.total(1) }} as x, '{{ missing }}' as y\n");
        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = dir, Environment = new Dictionary<string, string>() });
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        var compiled = new Compiler(result.Project!).Compile(result.Project!.Manifest.Nodes["model.basic.orders"]);
        Assert.False(compiled.Success);
        var error = Assert.Single(compiled.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("JINJA012", error.Code);
        Assert.Equal("models/marts/orders.sql", error.Span.File);
        Assert.Equal((2, 45), (error.Span.Line, error.Span.Column));
        Assert.Equal("'paymnt' is undefined", error.Message);
    }

    [Fact]
    public void Compile_UndefinedVariablePrinted_RendersEmpty()
    {
        using var temp = new TempFolder();
        var dir = temp.CopyFixture("basic");
        File.WriteAllText(Path.Combine(dir, "models", "marts", "orders.sql"), "select 1 as order_id, '{{ missing }}{{ target.no_such_key }}' as y\n");
        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = dir, Environment = new Dictionary<string, string>() });
        Assert.True(result.Success);
        var compiled = new Compiler(result.Project!).Compile(result.Project!.Manifest.Nodes["model.basic.orders"]);
        Assert.Equal("select 1 as order_id, '' as y", compiled.CompiledCode);
    }

    [Fact]
    public void Compile_InParallel_SameAsSequential()
    {
        var (project, compiler) = Basic();
        var nodes = project.Manifest.Nodes.Values.ToList();
        var sequential = nodes.ToDictionary(n => n.UniqueId, n => compiler.Compile(n).CompiledCode);
        var parallel = new System.Collections.Concurrent.ConcurrentDictionary<string, string?>();
        Parallel.ForEach(Enumerable.Range(0, 4).SelectMany(_ => nodes), new ParallelOptions { MaxDegreeOfParallelism = 4 }, n => parallel[n.UniqueId] = compiler.Compile(n).CompiledCode);
        Assert.All(nodes, n => Assert.Equal(sequential[n.UniqueId], parallel[n.UniqueId]));
    }
}
