using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Tests.Jinja;

/// <summary>Errors carry a code, a message saying what is wrong, and the file, line and column.</summary>
public sealed class JinjaErrorTests
{
    private static JinjaException Fails(string template, Dictionary<string, object?>? globals = null) =>
        Assert.Throws<JinjaException>(() => new JinjaEnvironment().Parse(template, "models/m.sql").Render(globals ?? []));

    [Fact]
    public void UndefinedName_Printed_RendersEmpty()
    {
        // dbt compiles with jinja2's default Undefined: printing a missing name gives '' (dbt-common get_environment).
        Assert.Equal("select\n  ", new JinjaEnvironment().Parse("select\n  {{ paymnt }}", "models/m.sql").Render(new Dictionary<string, object?>()));
    }

    [Fact]
    public void UndefinedName_Called_Jinja012WithNameAndLocation()
    {
        var ex = Fails("select\n  {{ paymnt() }}");
        Assert.Equal("JINJA012", ex.Code);
        Assert.Equal("'paymnt' is undefined", ex.Message);
        Assert.Equal(("models/m.sql", 2, 6), (ex.Span.File, ex.Span.Line, ex.Span.Column));
        Assert.Equal("models/m.sql(2,6): error JINJA012: 'paymnt' is undefined", ex.ToString());
    }

    [Fact]
    public void UndefinedName_AttributeInIfTest_Jinja012AtName()
    {
        var ex = Fails("{% if true %}\n{% if flag.on %}x{% endif %}{% endif %}");
        Assert.Equal("JINJA012", ex.Code);
        Assert.Equal((2, 7), (ex.Span.Line, ex.Span.Column));
    }

    [Fact]
    public void UndefinedName_InArithmetic_Fails()
    {
        var ex = Fails("{{ 1 + missing }}");
        Assert.Equal("'missing' is undefined", ex.Message);
    }

    [Fact]
    public void MissingAttribute_AttributeTaken_Jinja013WithTypeAndAttribute()
    {
        var ex = Fails("{{ d.b.c }}", new() { ["d"] = new Dictionary<string, object?> { ["a"] = 1L } });
        Assert.Equal("JINJA013", ex.Code);
        Assert.Equal("'dict object' has no attribute 'b'", ex.Message);
        Assert.Equal((1, 6), (ex.Span.Line, ex.Span.Column));
    }

    [Fact]
    public void UnclosedIf_Parsed_Jinja001NamingTheBlock()
    {
        var ex = Assert.Throws<JinjaException>(() => new JinjaEnvironment().Parse("{% if x %}\nabc\n", "m.sql"));
        Assert.Equal("JINJA001", ex.Code);
        Assert.Contains("'endif'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("innermost block that needs to be closed is 'if'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadExpression_Parsed_Jinja001AtOffendingToken()
    {
        var ex = Assert.Throws<JinjaException>(() => new JinjaEnvironment().Parse("line1\n  {{ 1 + }}", "m.sql"));
        Assert.Equal("JINJA001", ex.Code);
        Assert.Equal("Expected an expression, got end of print statement", ex.Message);
        Assert.Equal((2, 10), (ex.Span.Line, ex.Span.Column));
    }

    [Fact]
    public void UnknownTag_Parsed_Jinja001WithTagName()
    {
        var ex = Assert.Throws<JinjaException>(() => new JinjaEnvironment().Parse("ab\n{% frob %}", "m.sql"));
        Assert.Equal("Encountered unknown tag 'frob'.", ex.Message);
        Assert.Equal((2, 4), (ex.Span.Line, ex.Span.Column));
    }

    [Fact]
    public void UnknownFilter_Parsed_Jinja002()
    {
        var ex = Assert.Throws<JinjaException>(() => new JinjaEnvironment().Parse("{{ x | nope }}", "m.sql"));
        Assert.Equal("JINJA002", ex.Code);
        Assert.Equal("No filter named 'nope'.", ex.Message);
        Assert.Equal((1, 8), (ex.Span.Line, ex.Span.Column));
    }

    [Fact]
    public void UnknownTest_Parsed_Jinja002()
    {
        var ex = Assert.Throws<JinjaException>(() => new JinjaEnvironment().Parse("{{ x is nope }}", "m.sql"));
        Assert.Equal("No test named 'nope'.", ex.Message);
    }

    [Fact]
    public void UnclosedComment_Parsed_Jinja001AtCommentStart()
    {
        var ex = Assert.Throws<JinjaException>(() => new JinjaEnvironment().Parse("a\nb {# x", "m.sql"));
        Assert.Equal(("Missing end of comment tag", 2, 3), (ex.Message, ex.Span.Line, ex.Span.Column));
    }

    [Fact]
    public void UnclosedString_Parsed_Jinja001()
    {
        var ex = Assert.Throws<JinjaException>(() => new JinjaEnvironment().Parse("{{ 'abc }}", "m.sql"));
        Assert.Equal("JINJA001", ex.Code);
    }

    [Fact]
    public void TypeError_AddIntAndString_Jinja010WithPythonMessage()
    {
        var ex = Fails("{{ 1 + 'a' }}");
        Assert.Equal("JINJA010", ex.Code);
        Assert.Equal("unsupported operand type(s) for +: 'int' and 'str'", ex.Message);
        Assert.Equal((1, 6), (ex.Span.Line, ex.Span.Column));
    }

    [Fact]
    public void DivisionByZero_Rendered_Jinja014()
    {
        var ex = Fails("{{ 1 / 0 }}");
        Assert.Equal(("JINJA014", "division by zero"), (ex.Code, ex.Message));
    }

    [Fact]
    public void IntegerOverflow_Rendered_Jinja014()
    {
        var ex = Fails("{{ 9223372036854775807 + 1 }}");
        Assert.Equal("JINJA014", ex.Code);
    }

    [Fact]
    public void MacroTooManyArguments_Called_Jinja011AtCall()
    {
        var ex = Fails("{% macro m(a) %}{% endmacro %}\n{{ m(1, 2) }}");
        Assert.Equal("JINJA011", ex.Code);
        Assert.Equal("macro 'm' takes not more than 1 argument(s)", ex.Message);
        Assert.Equal(2, ex.Span.Line);
    }

    [Fact]
    public void MacroUnknownKeyword_Called_Jinja011()
    {
        var ex = Fails("{% macro m(a) %}{% endmacro %}{{ m(1, b=2) }}");
        Assert.Equal("macro 'm' takes no keyword argument 'b'", ex.Message);
    }

    [Fact]
    public void MacroMissingArgument_Used_Jinja012()
    {
        var ex = Fails("{% macro m(a, b) %}{{ b + 1 }}{% endmacro %}{{ m(1) }}");
        Assert.Equal(("JINJA012", "parameter 'b' was not provided"), (ex.Code, ex.Message));
    }

    [Fact]
    public void NotCallable_Called_Jinja010()
    {
        var ex = Fails("{{ x() }}", new() { ["x"] = 1L });
        Assert.Equal(("JINJA010", "'int' object is not callable"), (ex.Code, ex.Message));
    }

    [Fact]
    public void BreakOutsideLoop_Parsed_Jinja001()
    {
        var ex = Assert.Throws<JinjaException>(() => new JinjaEnvironment().Parse("{% break %}", "m.sql"));
        Assert.Equal("'break' outside of a loop", ex.Message);
    }

    [Fact]
    public void CompareUnorderable_Rendered_Jinja010()
    {
        var ex = Fails("{{ 1 < 'a' }}");
        Assert.Equal("'<' not supported between instances of 'int' and 'str'", ex.Message);
    }

    [Fact]
    public void InfiniteMacroRecursion_Rendered_Jinja017NotStackOverflow()
    {
        var ex = Fails("{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}");
        Assert.Equal("JINJA017", ex.Code);
        Assert.StartsWith("maximum recursion depth exceeded", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Span.Line);
    }

    [Fact]
    public void DeeplyNestedExpression_Parsed_Jinja001NotStackOverflow()
    {
        var source = "{{ " + new string('(', 100_000) + "1" + new string(')', 100_000) + " }}";
        var ex = Assert.Throws<JinjaException>(() => new JinjaEnvironment().Parse(source, "m.sql"));
        Assert.Equal(("JINJA001", "template nesting too deep"), (ex.Code, ex.Message));
    }
}
