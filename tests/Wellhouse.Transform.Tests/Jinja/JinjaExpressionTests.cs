using static Wellhouse.Transform.Tests.Jinja.JinjaTestHelper;

namespace Wellhouse.Transform.Tests.Jinja;

/// <summary>Operators, literals, attribute access and Python methods.</summary>
public sealed class JinjaExpressionTests
{
    [Theory]
    [InlineData("{{ 7 // 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 2 ** 3 ** 2 }}", "3 -4 2 3.5 64")]
    [InlineData("{{ 1 < 2 < 3 }} {{ 1 < 3 < 2 }} {{ 1 == 1.0 }} {{ 'a' in 'cat' }} {{ 2 not in [1] }}", "True False True True True")]
    [InlineData("{{ 0 or 'x' }} {{ 1 and [] }} {{ not none }}", "x [] True")]
    [InlineData("{{ 'a' ~ 1 ~ none }} {{ 'ab' * 2 }} {{ [1] + [2] }}", "a1None abab [1, 2]")]
    [InlineData("{{ 'y' if 0 else 'n' }} {{ -2 ** 2 }} {{ 1 + 2 * 3 }}", "n 4 7")]
    [InlineData("{{ [1, 2, 3, 4][1:3] }} {{ 'abc'[::-1] }} {{ (1,) }} {{ {'a': none} }}", "[2, 3] cba (1,) {'a': None}")]
    public void Operators_Python_Semantics(string template, string expected) => Assert.Equal(expected, Render(template));

    [Fact]
    public void Attribute_OnDict_FallsBackToItem()
    {
        var globals = new Dictionary<string, object?> { ["d"] = new Dictionary<string, object?> { ["a"] = 1L, ["keys"] = "k" } };
        Assert.Equal("1 1 k ['a', 'keys']", Render("{{ d.a }} {{ d['a'] }} {{ d['keys'] }} {{ d.keys() | list }}", globals));
    }

    [Theory]
    [InlineData("{{ ' A,b '.strip().lower().split(',') }}", "['a', 'b']")]
    [InlineData("{{ '{}-{x:>3}'.format(1, x='y') }}", "1-  y")]
    [InlineData("{{ 'a_b'.startswith(('x', 'a')) }} {{ 'abc'.find('c') }} {{ 'aaa'.replace('a', 'b', 2) }}", "True 2 bba")]
    [InlineData("{% set l = [3, 1] %}{% do l.sort() %}{{ l }} {{ l.pop() }} {{ l.index(1) }}", "[1, 3] 3 0")]
    [InlineData("{% set d = {'a': 1} %}{{ d.get('b', 2) }} {{ d.setdefault('c', 3) }} {{ d.pop('a') }} {{ d }}", "2 3 1 {'c': 3}")]
    public void Methods_StrListDict_AsPython(string template, string expected) => Assert.Equal(expected, Render(template));

    [Fact]
    public void Defined_UndefinedNameAndAttribute_TestedWithoutError()
    {
        var globals = new Dictionary<string, object?> { ["d"] = new Dictionary<string, object?>() };
        Assert.Equal("False True False x", Render("{{ nope is defined }} {{ nope is undefined }} {{ d.a is defined }} {{ nope | default('x') }}", globals));
    }
}
