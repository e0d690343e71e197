using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Compilation;

/// <summary>dbt's <c>set()</c> global is a Python set: equal regardless of order (dbt_utils' equality test compares
/// two column sets built in different orders), printed as <c>{...}</c>, with set methods; <c>set()</c> of a value
/// that is not iterable is the default.</summary>
public sealed class SetGlobalTests
{
    private static string Compile(string sql)
    {
        using var project = new TempProject("wellhouse-set-");
        project.WriteProject("sets");
        project.Write("models/m.sql", sql);
        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });
        Assert.True(load.Success, string.Join("\n", load.Diagnostics));
        var result = new Compiler(load.Project!).Compile(load.Project!.Manifest.Nodes["model.sets.m"]);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Format(null))));
        return result.CompiledCode!.Trim();
    }

    [Theory]
    [InlineData("{{ set(['a', 'b', 'c']) == set(['c', 'a', 'b', 'a']) }}", "True")]
    [InlineData("{{ set(['a', 'b']) != set(['b', 'a']) }}", "False")]
    [InlineData("{{ set(['a', 'b']) == set(['a', 'c']) }}", "False")]
    [InlineData("{{ set(['a', 'b']) == ['a', 'b'] }}", "False")]
    [InlineData("{{ set([1, 2, 1]) }} {{ set([]) }} {{ set([3, 1]) | length }}", "{1, 2} set() 2")]
    [InlineData("{{ set([1, 2]).union([3]) }} {{ set([1, 2, 3]).difference([2]) }} {{ set([1, 2]).intersection([2, 5]) }}", "{1, 2, 3} {1, 3} {2}")]
    [InlineData("{% set s = set(['x']) %}{% do s.add('y') %}{% do s.add('x') %}{{ s }} {{ 'y' in s }} {{ s.issubset(['x', 'y', 'z']) }}", "{'x', 'y'} True True")]
    [InlineData("{{ set(none, default='not iterable') }}", "not iterable")]
    public void Set_behaves_as_a_python_set(string template, string expected)
    {
        Assert.Equal(expected, Compile(template));
    }
}
