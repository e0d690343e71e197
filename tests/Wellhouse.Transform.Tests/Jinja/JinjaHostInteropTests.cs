using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Tests.Jinja;

/// <summary>Values crossing the API: host functions, host objects, exceptions, filters the host adds.</summary>
public sealed class JinjaHostInteropTests
{
    private sealed class Target : IJinjaObject
    {
        public bool TryGetAttribute(string name, out object? value)
        {
            value = name switch { "schema" => "main", "threads" => 4, _ => null };
            return value is not null;
        }
    }

    private sealed class HostError(string message) : Exception(message);

    private static string Render(string template, Dictionary<string, object?> globals) =>
        new JinjaEnvironment().Parse(template, "m.sql").Render(globals);

    [Fact]
    public void HostObject_AttributesAndItems_Read()
    {
        var output = Render("{{ target.schema }} {{ target['schema'] }} {{ target.threads + 1 }} {{ target.nope is defined }}", new() { ["target"] = new Target() });
        Assert.Equal("main main 5 False", output);
    }

    [Fact]
    public void HostFunction_PositionalAndKeyword_ReadByHelpers()
    {
        var f = new JinjaFunction(a => $"{a.Get(0, "a")}|{a.Get(1, "b", "dflt")}|{a.GetString(2, "c", "x")}|{a.Has(3, "d")}");
        Assert.Equal("1|dflt|x|False 1|2|x|False", Render("{{ f(1) }} {{ f(1, b=2) }}", new() { ["f"] = f }));
    }

    [Fact]
    public void HostFunction_OwnException_PropagatesWithItsType()
    {
        var f = new JinjaFunction(_ => throw new HostError("compiler error"));
        var ex = Assert.Throws<HostError>(() => Render("{{ f() }}", new() { ["f"] = f }));
        Assert.Equal("compiler error", ex.Message);
    }

    [Fact]
    public void HostFunction_SystemException_WrappedAsJinja015WithCallSpan()
    {
        var f = new JinjaFunction(_ => throw new InvalidOperationException("boom"));
        var ex = Assert.Throws<JinjaException>(() => Render("\n  {{ f() }}", new() { ["f"] = f }));
        Assert.Equal(("JINJA015", "boom", 2, 6), (ex.Code, ex.Message, ex.Span.Line, ex.Span.Column));
        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }

    [Fact]
    public void HostFunction_UndefinedArgument_FailsBeforeCall()
    {
        var called = false;
        var f = new JinjaFunction(_ => called = true);
        var ex = Assert.Throws<JinjaException>(() => Render("{{ f(nope) }}", new() { ["f"] = f }));
        Assert.Equal("'nope' is undefined", ex.Message);
        Assert.False(called);
    }

    [Fact]
    public void HostValues_IntAndDecimal_BehaveAsPythonNumbers()
    {
        Assert.Equal("3 2.5 3", Render("{{ i + 1 }} {{ m }} {{ l | length }}", new() { ["i"] = 2, ["m"] = 2.5m, ["l"] = new List<object?> { 1, 2, 3 } }));
    }

    [Fact]
    public void AddFilter_HostFilter_UsedInTemplates()
    {
        var env = new JinjaEnvironment();
        env.AddFilter("as_bool", (v, _) => v is string s ? s == "True" : v);
        Assert.Equal("False", env.Parse("{{ 'True' | as_bool is sameas false }}", "m.sql").Render(new Dictionary<string, object?>()));
    }

    [Fact]
    public void Render_ListsAndDictsFromHost_MutatedInPlace()
    {
        var list = new List<object?>();
        var dict = new Dictionary<string, object?>();
        Render("{% do l.append(1) %}{% do d.update({'a': 2}) %}", new() { ["l"] = list, ["d"] = dict });
        Assert.Equal([1L], list);
        Assert.Equal(2L, dict["a"]);
    }

    [Fact]
    public void Render_ParallelRenders_IndependentResults()
    {
        var t = new JinjaEnvironment().Parse("{% set acc = [] %}{% for i in range(n) %}{% do acc.append(i) %}{% endfor %}{{ acc | sum }}", "m.sql");
        var results = Enumerable.Range(0, 64).AsParallel()
            .Select(n => t.Render(new Dictionary<string, object?> { ["n"] = (long)n }))
            .ToList();
        Assert.Equal(Enumerable.Range(0, 64).Select(n => (n * (n - 1) / 2).ToString()), results);
    }

    [Fact]
    public void Modules_Datetime_NowUsesGivenClock()
    {
        var clock = new FixedClock(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero));
        var output = Render("{{ modules.datetime.datetime.utcnow().strftime('%Y-%m-%dT%H:%M:%S') }}", new() { ["modules"] = JinjaModules.Create(clock) });
        Assert.Equal("2024-05-06T07:08:09", output);
    }

    [Theory]
    [InlineData("{{ modules.datetime.datetime.strptime('2024-01-05', '%Y-%m-%d') }}", "2024-01-05 00:00:00")]
    [InlineData("{{ modules.datetime.datetime.strptime('5 Jan 2024 13:04:05.25', '%d %b %Y %H:%M:%S.%f') }}", "2024-01-05 13:04:05.250000")]
    public void Modules_Datetime_Strptime_ParsesAsPython(string template, string expected)
    {
        Assert.Equal(expected, Render(template, new() { ["modules"] = JinjaModules.Create(TimeProvider.System) }));
    }

    [Fact]
    public void Modules_Datetime_Strptime_MismatchIsPythonsMessage()
    {
        var ex = Assert.Throws<JinjaException>(() => Render("{{ modules.datetime.datetime.strptime('2024/01/05', '%Y-%m-%d') }}", new() { ["modules"] = JinjaModules.Create(TimeProvider.System) }));
        Assert.Contains("time data '2024/01/05' does not match format '%Y-%m-%d'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PyDateTime_AsRunStartedAt_PrintsAsPython()
    {
        var started = PyDateTime.FromDateTimeOffset(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1230));
        Assert.Equal("2024-01-02 03:04:05.000123+00:00 20240102", Render("{{ run_started_at }} {{ run_started_at.strftime('%Y%m%d') }}", new() { ["run_started_at"] = started }));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
