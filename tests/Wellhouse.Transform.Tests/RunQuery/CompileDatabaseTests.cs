using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.RunQuery;

/// <summary>The compile-time database outside a runner worker: the shared hook session, and no database at all.</summary>
public sealed class CompileDatabaseTests : IDisposable
{
    private readonly RunQueryProject project = new();

    public void Dispose() => project.Dispose();

    private LoadedProject Load()
    {
        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.Directory, ProfilesDir = project.Directory });
        Assert.True(load.Success, string.Join("\n", load.Diagnostics.Select(d => d.Format(project.Directory))));
        return load.Project!;
    }

    [Fact]
    public void Compile_OutsideAWorker_QueriesTheFallbackSession()
    {
        var loaded = Load();
        using var adapter = DuckDbAdapter.Open(DbtRunner.ToAdapterTarget(loaded.Target, loaded.ProjectDir));
        using var session = adapter.OpenSession();
        session.Execute("create table main.payments as select * from (values (1, 'cash', 1.0), (2, 'card', 2.0)) v(order_id, payment_method, amount)", TestContext.Current.CancellationToken);
        var hooks = new CompileHooks { Database = new CompileDatabase(session, new Lock()) };

        var result = new Compiler(loaded, hooks).Compile(loaded.Manifest.Nodes["model.compile_queries.payments_by_method"]);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Format(project.Directory))));
        Assert.Contains("as card_amount,", result.CompiledCode, StringComparison.Ordinal);
        Assert.Contains("as cash_amount,", result.CompiledCode, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_WithoutDatabase_RunQueryReturnsNone()
    {
        var loaded = Load();

        var result = new Compiler(loaded).Compile(loaded.Manifest.Nodes["model.compile_queries.payments_by_method"]);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("JINJA013", error.Code);
        Assert.Equal("'None' has no attribute 'columns'", error.Message);
        Assert.Equal(("macros/get_column_values.sql", 10), (error.Span.File, error.Span.Line));
    }
}
