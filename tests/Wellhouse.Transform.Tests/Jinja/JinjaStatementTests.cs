using static Wellhouse.Transform.Tests.Jinja.JinjaTestHelper;

namespace Wellhouse.Transform.Tests.Jinja;

/// <summary>Statements: if, for and loop, set and scoping, macros, call, filter, do.</summary>
public sealed class JinjaStatementTests
{
    [Theory]
    [InlineData("{% if 0 %}a{% elif '' %}b{% elif [1] %}c{% else %}d{% endif %}", "c")]
    [InlineData("{% for x in [] %}x{% else %}empty{% endfor %}", "empty")]
    [InlineData("{% for x in 'ab' %}{{ loop.index }}{{ x }}{{ loop.last }}{% endfor %}", "1aFalse2bTrue")]
    [InlineData("{% for x in range(6) if x is even %}{{ loop.index }}/{{ loop.length }} {% endfor %}", "1/3 2/3 3/3 ")]
    [InlineData("{% for k, v in {'b': 1, 'a': 2}.items() %}{{ k }}{{ v }}{% endfor %}", "b1a2")]
    [InlineData("{% for i in range(9) %}{% if i == 2 %}{% break %}{% endif %}{{ i }}{% endfor %}", "01")]
    [InlineData("{% for i in range(4) %}{% if i is odd %}{% continue %}{% endif %}{{ i }}{% endfor %}", "02")]
    [InlineData("{% for i in range(3) %}{{ loop.cycle('a', 'b') }}{% endfor %}", "aba")]
    public void Control_Flow_RendersAsJinja2(string template, string expected) => Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{% set x = 1 %}{% for i in [2] %}{% set x = i %}{% endfor %}{{ x }}", "1")]
    [InlineData("{% if true %}{% set x = 3 %}{% endif %}{{ x }}", "3")]
    [InlineData("{% set ns = namespace(n=0) %}{% for i in [1, 2] %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}", "3")]
    [InlineData("{% set a, b = 'xy' %}{{ b }}{{ a }}", "yx")]
    [InlineData("{% set s | trim %}  v  {% endset %}[{{ s }}]", "[v]")]
    [InlineData("{% macro m() %}{{ late }}{% endmacro %}{% set late = 'L' %}{{ m() }}", "L")]
    public void Set_Scoping_AsJinja2(string template, string expected) => Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("{% macro m(a, b=a ~ '!') %}{{ b }}{% endmacro %}{{ m('x') }}", "x!")]
    [InlineData("{% macro m() %}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, k=2) }}", "(1,){'k': 2}")]
    [InlineData("{% macro m(t) %}<{{ caller(t) }}>{% endmacro %}{% call(v) m(3) %}{{ v * 2 }}{% endcall %}", "<6>")]
    [InlineData("{% filter upper %}a{{ 'b' }}{% endfilter %}", "AB")]
    [InlineData("{% set l = [] %}{% do l.append(1) %}{{ l }}", "[1]")]
    [InlineData("{% with a = 2 %}{{ a }}{% endwith %}{{ a is defined }}", "2False")]
    public void Macros_CallsAndBlocks_AsJinja2(string template, string expected) => Assert.Equal(expected, Render(template));
}
