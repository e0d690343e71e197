using static Wellhouse.Transform.Tests.Jinja.JinjaTestHelper;

namespace Wellhouse.Transform.Tests.Jinja;

/// <summary>Builtin filters and tests.</summary>
public sealed class JinjaFilterTests
{
    [Theory]
    [InlineData("{{ ' a ' | trim }}|{{ 'aB' | lower }}|{{ 'ab cd' | title }}|{{ 'aB' | capitalize }}", "a|ab|Ab Cd|Ab")]
    [InlineData("{{ [1, 2] | join(',') }} {{ none | default('d') }} {{ '' | default('d', true) }} {{ x | d('u') }}", "1,2 None d u")]
    [InlineData("{{ 2.5 | round }} {{ 2.675 | round(2) }} {{ 2.1 | round(method='ceil') }} {{ '4.7' | int }} {{ 'x' | float }}", "2.0 2.67 3.0 4 0.0")]
    [InlineData("{{ [3, 1, 2] | sort }} {{ ['b', 'A'] | sort }} {{ [1, 1, 2] | unique | list }} {{ [1, 2] | reverse | list }}", "[1, 2, 3] ['A', 'b'] [1, 2] [2, 1]")]
    [InlineData("{{ [1, 2, 3] | sum }} {{ [3, 1] | min }} {{ [3, 1] | max }} {{ -2 | abs }} {{ [1, 2] | first }} {{ 'ab' | last }}", "6 1 3 2 1 b")]
    [InlineData("{{ range(5) | select('odd') | list }} {{ range(5) | reject('odd') | list }} {{ ['a'] | map('upper') | list }}", "[1, 3] [0, 2, 4] ['A']")]
    [InlineData("{{ {'b': 1, 'a': 2} | dictsort }} {{ {'a': [1, 'x<']} | tojson }}", "[('a', 2), ('b', 1)] {\"a\": [1, \"x\\u003c\"]}")]
    [InlineData("{{ 'a\nb' | indent(2) }}|{{ 'a b  c' | wordcount }}|{{ range(5) | batch(2) | list }}", "a\n  b|3|[[0, 1], [2, 3], [4]]")]
    public void Filters_Builtin_AsJinja2(string template, string expected) => Assert.Equal(expected, Render(template));

    [Fact]
    public void Filters_MapAndSelectAttr_OnRows()
    {
        var rows = new List<object?>
        {
            new Dictionary<string, object?> { ["n"] = "a", ["ok"] = true },
            new Dictionary<string, object?> { ["n"] = "b", ["ok"] = false },
        };
        Assert.Equal("a|b a", Render("{{ rows | map(attribute='n') | join('|') }} {{ rows | selectattr('ok') | map(attribute='n') | join }}", new() { ["rows"] = rows }));
    }

    [Theory]
    [InlineData("{{ none is none }} {{ 1 is number }} {{ 1.0 is integer }} {{ 'a' is string }} {{ {} is mapping }}", "True True False True True")]
    [InlineData("{{ [] is sequence }} {{ 3 is odd }} {{ 4 is even }} {{ 9 is divisibleby 3 }} {{ 1 is in [1] }}", "True True True True True")]
    [InlineData("{{ 'ab' is lower }} {{ 'AB' is upper }} {{ true is true }} {{ 1 is false }} {{ 2 is gt 1 }} {{ 1 is eq 1 }}", "True True True False True True")]
    public void Tests_Builtin_AsJinja2(string template, string expected) => Assert.Equal(expected, Render(template));
}
