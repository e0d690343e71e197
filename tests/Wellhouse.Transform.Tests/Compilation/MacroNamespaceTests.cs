using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Compilation;

/// <summary>Macros bound to a render only when looked up keep dbt's name resolution: a project macro replaces a
/// context function of the same name (dbt's <c>builtins</c> still reach the original), the node's package and the root
/// project win over dbt's macros, and a package's macros see each other.</summary>
public sealed class MacroNamespaceTests
{
    [Fact]
    public async Task A_project_ref_macro_replaces_the_context_ref_and_reaches_it_through_builtins()
    {
        using var project = new TempProject("wellhouse-namespaces-");
        project.WriteProject("ns");
        project.Write("macros/ref.sql", "{% macro ref(name) %}{% do log('ref ' ~ name, info=true) %}{{ return(builtins.ref(name)) }}{% endmacro %}\n"
            + "{% macro hash(field) %}'project hash'{% endmacro %}");
        project.Write("models/base.sql", "select 1 as id");
        project.Write("models/child.sql", "select id, {{ hash('id') }} as h, {{ dbt.hash('id') }} is not null as dbt_hash from {{ ref('base') }}");

        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.True(report.Success, string.Join("\n", project.Log.Concat(report.FormatProblems())));
        Assert.Contains(project.Log, l => l == "ref base");
        Assert.Equal([[1, "project hash", true]], project.Query("select id, h, dbt_hash from main.child"));
        Assert.Equal(["model.ns.base"], report.Project!.Manifest.Nodes["model.ns.child"].DependsOnNodes);
    }
}
