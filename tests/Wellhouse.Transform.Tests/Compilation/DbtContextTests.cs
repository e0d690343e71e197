using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Compilation;

/// <summary>The dbt Jinja context, through the models of tests/fixtures/parse/context.</summary>
public class DbtContextTests
{
    private static string CompileCtx(IReadOnlyDictionary<string, string>? env = null, CompileHooks? hooks = null)
    {
        var project = Fixtures.LoadOk("context", environment: env);
        var result = new Compiler(project, hooks).Compile(project.Manifest.Nodes["model.context.ctx"]);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Format(null))));
        return result.CompiledCode!;
    }

    [Fact]
    public void Compile_This_IsTheNodesRelationWithProjectAliasMacro()
    {
        var sql = CompileCtx();
        Assert.Contains("'\"ctx\".\"analytics\".\"CTX\"' as this_relation", sql, StringComparison.Ordinal);
        Assert.Contains("'ctx|analytics|CTX' as parts", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_Target_HasProfileValues()
    {
        Assert.Contains("'ci|duckdb|analytics|ctx|3|context' as target_info", CompileCtx(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_MacrosCallEachOtherAndReturn()
    {
        Assert.Contains("42 as answer", CompileCtx(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ConfigGet_ReadsMergedConfig()
    {
        Assert.Contains("'custom_value|fallback|table' as config_values", CompileCtx(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_IsIncremental_FalseUnlessHookSaysSo()
    {
        Assert.Contains("False as incremental", CompileCtx(), StringComparison.Ordinal);
        Assert.Contains("True as incremental", CompileCtx(hooks: new CompileHooks { IsIncremental = _ => true }), StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_VarsEnvAndExecute()
    {
        var sql = CompileCtx(new Dictionary<string, string> { ["CTX_ENV"] = "set" });
        Assert.Contains("'inner|outer|dflt' as vars", sql, StringComparison.Ordinal);
        Assert.Contains("'set' as env", sql, StringComparison.Ordinal);
        Assert.Contains("True as executing", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ModulesRunStartedInvocationGraph()
    {
        var sql = CompileCtx();
        Assert.Contains("'2024-01-02' as a_date", sql, StringComparison.Ordinal);
        Assert.Contains("'True' as started", sql, StringComparison.Ordinal);
        Assert.Contains("'36' as invocation", sql, StringComparison.Ordinal);
        Assert.Contains("'ctx,failing,upstream,uses_disabled' as models", sql, StringComparison.Ordinal);
        Assert.Contains("'\"ctx\".\"analytics\".\"UPSTREAM\"' as upstream", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DisabledFolder_MovesNodeToDisabled()
    {
        var manifest = Fixtures.LoadOk("context").Manifest;
        Assert.False(manifest.Nodes.ContainsKey("model.context.disabled_model"));
        Assert.True(manifest.Disabled.ContainsKey("model.context.disabled_model"));
    }

    [Fact]
    public void Load_RefToDisabledModel_SaysItIsDisabled()
    {
        var result = Fixtures.Load("context", vars: "use_disabled: true");
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("DBT200", error.Code);
        Assert.Equal("model 'uses_disabled' depends on a node named 'disabled_model' which is disabled", error.Message);
    }

    [Fact]
    public void Load_RaiseCompilerError_IsDiagnosticAtCall()
    {
        var result = Fixtures.Load("context", vars: "fail: true");
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("DBT302", error.Code);
        Assert.Equal("flag was set", error.Message);
        Assert.Equal("macros/helpers.sql", error.Span.File);
        Assert.Equal(22, error.Span.Line);
    }

    [Fact]
    public void Load_DuplicateNames_ReportsBothFiles()
    {
        var result = Fixtures.Load("duplicates");
        var errors = result.Diagnostics.Where(d => d.Code == "DBT120").ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Message == "two models are named 'same': models/a/same.sql and models/b/same.sql" && e.Span == new SourceSpan("models/b/same.sql", 1, 1));
        Assert.Contains(errors, e => e.Message == "model 'same' is described twice in schema files (first at models/schema.yml(3,5))" && e.Span == new SourceSpan("models/schema.yml", 4, 5));
    }

    [Fact]
    public void Compile_RunQueryWithoutBackEnd_ReturnsNoResult()
    {
        var project = Fixtures.LoadOk("context");
        var node = project.Manifest.Nodes["model.context.upstream"];
        Assert.Equal(ResourceType.Model, node.ResourceType);
        Assert.Equal("select 1 as id\n\n\n", new Compiler(project).Compile(node).CompiledCode);
        var hooks = new CompileHooks { ExtraGlobals = new Dictionary<string, object?> { ["run_query"] = new Wellhouse.Transform.Jinja.JinjaFunction(_ => "rows") } };
        Assert.Equal("select 1 as id\n\n\n", new Compiler(project, hooks).Compile(node).CompiledCode);
    }

    [Fact]
    public void Compile_LogPrintWarn_GoToHook()
    {
        var project = Fixtures.LoadOk("context");
        var lines = new List<string>();
        new Compiler(project, new CompileHooks { Log = lines.Add }).Compile(project.Manifest.Nodes["model.context.upstream"]);
        Assert.Equal(["compiling UPSTREAM", "printed 1", "warning: careful"], lines);
    }
}
