using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Tests.Jinja;

/// <summary>Macros as the host sees them: listed per template, bound to a context, called from C#.</summary>
public sealed class JinjaMacroTests
{
    private static readonly JinjaEnvironment Env = new();

    [Fact]
    public void Macros_TemplateWithMacrosAndTests_ListedInFileOrderWithParameters()
    {
        var t = Env.Parse(
            "{% macro a(x, y=1) %}{% endmacro %}\n{% test positive(model, column_name) %}select 1{% endtest %}\n{% if true %}{% macro inner() %}{% endmacro %}{% endif %}",
            "macros/m.sql");
        Assert.Equal(["a", "test_positive"], t.Macros.Select(m => m.Name));
        Assert.Equal(["x", "y"], t.Macros[0].Parameters);
        Assert.Equal(["model", "column_name"], t.Macros[1].Parameters);
        Assert.Equal(("macros/m.sql", 2, 9), (t.Macros[1].Span.File, t.Macros[1].Span.Line, t.Macros[1].Span.Column));
    }

    [Fact]
    public void Bind_CalledFromHost_RendersBodyWithGlobals()
    {
        var t = Env.Parse("{% macro greet(name, punct='!') %}{{ prefix }} {{ name }}{{ punct }}{% endmacro %}", "m.sql");
        var globals = new Dictionary<string, object?> { ["prefix"] = "Hello" };
        var greet = t.Macros[0].Bind(globals);
        var result = greet.Call(new JinjaCallArguments(["well"], new Dictionary<string, object?> { ["punct"] = "?" }));
        Assert.Equal("Hello well?", result);
    }

    [Fact]
    public void Bind_MacrosCallingEachOther_ResolvedThroughGlobalsAtCallTime()
    {
        var t = Env.Parse("{% macro outer() %}[{{ inner(2) }}]{% endmacro %}{% macro inner(x) %}{{ x * 3 }}{% endmacro %}", "m.sql");
        var globals = new Dictionary<string, object?>();
        foreach (var m in t.Macros)
        {
            globals[m.Name] = m.Bind(globals);
        }

        var page = Env.Parse("{{ outer() }}", "model.sql").Render(globals);
        Assert.Equal("[6]", page);
    }

    [Fact]
    public void Return_ThrownByHostFunction_MacroReturnsValueNotText()
    {
        var globals = new Dictionary<string, object?>
        {
            ["return"] = new JinjaFunction(a => throw new JinjaReturnException(a.Get(0, "value"))),
        };
        var t = Env.Parse("{% macro cols() %}ignored{{ return(['a', 'b']) }}{% endmacro %}{{ cols() | length }} {{ cols()[1] }}", "m.sql");
        Assert.Equal("2 b", t.Render(globals));
        var value = t.Macros[0].Bind(globals).Call(new JinjaCallArguments([]));
        Assert.Equal(["a", "b"], Assert.IsType<List<object?>>(value));
    }

    [Fact]
    public void Caller_PassedFromHost_AvailableAsCaller()
    {
        var t = Env.Parse("{% macro wrap() %}<{{ caller() }}>{% endmacro %}", "m.sql");
        var caller = new JinjaFunction(_ => "body");
        Assert.Equal("<body>", t.Macros[0].Bind(new Dictionary<string, object?>()).Call(new JinjaCallArguments([], null, caller)));
    }

    [Fact]
    public void CallBlock_HostFunction_ReceivesCaller()
    {
        var globals = new Dictionary<string, object?>
        {
            ["statement"] = new JinjaFunction(a => $"{a.Get(0, "name")}={a.Caller!.Call(new JinjaCallArguments([]))}"),
        };
        var output = Env.Parse("{% call statement('main') %}select {{ 1 }}{% endcall %}", "m.sql").Render(globals);
        Assert.Equal("main=select 1", output);
    }

    [Fact]
    public void Bind_WrongArgument_Jinja011()
    {
        var m = Env.Parse("{% macro m(a) %}{% endmacro %}", "m.sql").Macros[0].Bind(new Dictionary<string, object?>());
        var ex = Assert.Throws<JinjaException>(() => m.Call(new JinjaCallArguments([1L, 2L])));
        Assert.Equal("JINJA011", ex.Code);
    }

    [Fact]
    public void TestBlock_Rendered_ProducesNoOutputWhereDefined()
    {
        var t = Env.Parse("a{% test t(model) %}select * from {{ model }}{% endtest %}b", "m.sql");
        Assert.Equal("ab", t.Render(new Dictionary<string, object?>()));
        Assert.Equal("select * from x", t.Macros[0].Bind(new Dictionary<string, object?>()).Call(new JinjaCallArguments(["x"])));
    }

    [Fact]
    public void DocsBlocks_Parsed_NameAndExactBody()
    {
        var t = Env.Parse("{% docs orders %}\n# Orders\nOne row per {{ order }}.\n{% enddocs %}\n{% docs other %}x{% enddocs %}", "docs/o.md");
        Assert.Equal(["orders", "other"], t.DocsBlocks.Select(d => d.Name));
        Assert.Equal("\n# Orders\nOne row per {{ order }}.\n", t.DocsBlocks[0].Body);
        Assert.Equal((1, 9), (t.DocsBlocks[0].Span.Line, t.DocsBlocks[0].Span.Column));
        Assert.Equal("\n", t.Render(new Dictionary<string, object?>()));
    }
}
