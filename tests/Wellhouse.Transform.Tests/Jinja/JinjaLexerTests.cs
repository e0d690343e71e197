using static Wellhouse.Transform.Tests.Jinja.JinjaTestHelper;

namespace Wellhouse.Transform.Tests.Jinja;

/// <summary>Template data, tags and whitespace control as Jinja2's lexer handles them.</summary>
public sealed class JinjaLexerTests
{
    [Theory]
    [InlineData("a\n", "a")]
    [InlineData("a\n\n", "a\n")]
    [InlineData("a\r\nb\r\n", "a\nb")]
    [InlineData("a\rb", "a\nb")]
    public void Newlines_Normalized_OneTrailingNewlineDropped(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Theory]
    [InlineData("a \n {{- 1 }}", "a1")]
    [InlineData("{{ 1 -}} \n b", "1b")]
    [InlineData("a {%- if true -%} b {%- endif -%} c", "abc")]
    [InlineData("a {#- c -#} b", "ab")]
    [InlineData("{% if true %}\nx\n{% endif %}\n", "\nx\n")]
    [InlineData("a {%+ if true %}b{% endif %}", "a b")]
    public void WhitespaceControl_Minus_StripsAllWhitespaceOnThatSide(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Fact]
    public void Raw_Block_KeepsTagsVerbatim() =>
        Assert.Equal("{{ x }}{% if %}", Render("{% raw %}{{ x }}{% if %}{% endraw %}"));

    [Fact]
    public void Expression_DictLiteralEndingInBraces_NotMistakenForEnd() =>
        Assert.Equal("{'a': {'b': 1}}", Render("{{ {'a': {'b': 1}} }}"));

    [Theory]
    [InlineData(@"{{ 'a\nb' }}", "a\nb")]
    [InlineData(@"{{ '\d+' }}", @"\d+")]
    [InlineData(@"{{ 'it\'s' }}", "it's")]
    [InlineData(@"{{ '\x41\u00e9' }}", "Aé")]
    public void StringLiteral_PythonEscapes_Decoded(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Fact]
    public void Comment_Multiline_Removed() => Assert.Equal("ab", Render("a{# x\n{{ y }}\n #}b"));
}
