using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Tests.State;

public sealed class StateSelectorTests
{
    [Fact]
    public void StateModified_NothingChanged_SelectsNothing()
    {
        using var project = new StateProject("project");
        var state = project.SaveState();

        Assert.Empty(project.SelectNames("state:modified", state));
        Assert.Equal(["calendar", "payment_totals", "payments", "raw_payments", "report"], project.SelectNames("state:unmodified", state));
    }

    [Fact]
    public void StateModified_BodyConfigMacroSeedAndNewNode_EachDetected()
    {
        using var project = new StateProject("project");
        var state = project.SaveState();
        project.Replace("models/report.sql", "total / payments as average", "round(total / payments, 2) as average");
        project.Replace("models/schema.yml", "description: A one-day calendar.", "description: A one-day calendar.\n    config:\n      materialized: view");
        project.Replace("macros/cents.sql", "/ 100.0", "/ 100.00");
        project.Replace("seeds/raw_payments.csv", "3,999", "3,998");
        project.Write("models/new_model.sql", "select 2 as n");

        Assert.Equal(["calendar", "new_model", "payments", "raw_payments", "report"], project.SelectNames("state:modified", state));
        Assert.Equal(["new_model", "raw_payments", "report"], project.SelectNames("state:modified.body", state));
        Assert.Equal(["calendar", "new_model"], project.SelectNames("state:modified.configs", state));
        Assert.Equal(["payments"], project.SelectNames("state:modified.macros", state));
        Assert.Equal(["new_model"], project.SelectNames("state:new", state));
        Assert.Equal(["payment_totals"], project.SelectNames("state:unmodified", state));
        Assert.Equal(["calendar", "payment_totals", "payments", "raw_payments", "report"], project.SelectNames("state:old", state));
    }

    [Fact]
    public void StateModifiedPlus_ChangedMacro_SelectsDownstreamToo()
    {
        using var project = new StateProject("project");
        var state = project.SaveState();
        project.Replace("macros/cents.sql", "/ 100.0", "/ 100");

        Assert.Equal(["payment_totals", "payments", "report"], project.SelectNames("state:modified+", state));
        Assert.Equal(["payments", "report"], project.SelectNames("state:modified report", state));
        Assert.Equal(["payments"], project.SelectNames("state:modified,config.materialized:table", state));
    }

    [Fact]
    public void StateModifiedMacros_CallOnlyWhenExecuting_FoundInTheTemplateText()
    {
        using var project = new StateProject("project");
        project.Write("macros/wrapper.sql", "{% macro wrapper(x) %}{% if execute %}{{ to_dollars(x) }}{% else %}0{% endif %}{% endmacro %}");
        project.Write("models/late.sql", "select {% if execute %}{{ to_dollars('5') }}{% else %}0{% endif %} as a");
        project.Write("models/wrapped.sql", "select {{ wrapper('7') }} as b");
        var state = project.SaveState();
        project.Replace("macros/cents.sql", "/ 100.0", "/ 100");

        Assert.Equal(["late", "payments", "wrapped"], project.SelectNames("state:modified.macros", state));
    }

    [Fact]
    public void StateModifiedRelation_AliasChanged_OnlyRelationDiffers()
    {
        using var project = new StateProject("project");
        var state = project.SaveState();
        project.Replace("models/calendar.sql", "select 1", "{{ config(alias='calendar_days') }}\nselect 1");

        Assert.Equal(["calendar"], project.SelectNames("state:modified.relation", state));
        Assert.Equal(["calendar"], project.SelectNames("state:modified.body", state));
        Assert.Empty(project.SelectNames("state:modified.configs", state));
    }

    [Fact]
    public void StateModified_GenericTestArgumentChanged_TestIsNewAndOldOneGone()
    {
        using var project = new StateProject("project");
        var state = project.SaveState();
        project.Replace("models/schema.yml", "          - not_null", "          - accepted_values:\n              values: [1, 2, 3]");

        var loaded = project.Load();
        var previous = PreviousState.TryLoad(state, project.Directory, out _);
        var selected = NodeSelector.Select(loaded.Manifest, loaded.Graph, ["state:new"], [], state: previous);

        var test = Assert.Single(selected);
        Assert.StartsWith("test.state_project.accepted_values_payments_id__1__2__3", test, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_FolderWithoutManifest_ClearError()
    {
        using var project = new StateProject("project");
        Directory.CreateDirectory(Path.Combine(project.Directory, "empty"));

        var state = PreviousState.TryLoad("empty", project.Directory, out var error);

        Assert.Null(state);
        Assert.Equal("DBT210", error!.Code);
        Assert.Contains("--state 'empty' holds no manifest.json", error.Message, StringComparison.Ordinal);
        Assert.Null(PreviousState.TryLoad("missing", project.Directory, out error));
        Assert.Contains("--state folder 'missing' does not exist", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_ManifestNotJson_ErrorNamesTheFile()
    {
        using var project = new StateProject("project");
        project.Write("prod/manifest.json", "{ not json");

        Assert.Null(PreviousState.TryLoad("prod", project.Directory, out var error));
        Assert.Contains("cannot read the state manifest", error!.Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine("prod", "manifest.json"), error.Span.File);
    }

    [Fact]
    public void Select_StateMethodWithoutState_SelectorErrorAsksForState()
    {
        using var project = new StateProject("project");
        var loaded = project.Load();

        var ex = Assert.Throws<SelectorException>(() => NodeSelector.Select(loaded.Manifest, loaded.Graph, ["state:modified+"], []));

        Assert.Equal("DBT203", ex.Diagnostic.Code);
        Assert.Contains("pass --state DIR", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("state:changed", "invalid state selector 'state:changed'")]
    [InlineData("result:broken", "invalid result selector 'result:broken'")]
    public void Select_UnknownStateValue_ListsValidValues(string selector, string message)
    {
        using var project = new StateProject("project");
        var state = project.SaveState();
        project.Write("prod/run_results.json", """{"results": [], "args": {}}""");
        var loaded = project.Load();
        var previous = PreviousState.TryLoad(state, project.Directory, out _);

        var ex = Assert.Throws<SelectorException>(() => NodeSelector.Select(loaded.Manifest, loaded.Graph, [selector], [], state: previous));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("result:error", new[] { "payments" })]
    [InlineData("result:skipped", new[] { "payment_totals", "report" })]
    [InlineData("result:success", new[] { "calendar", "raw_payments" })]
    [InlineData("result:error+", new[] { "payment_totals", "payments", "report" })]
    public void Result_StatusesFromRunResults_Selected(string selector, string[] expected)
    {
        using var project = new StateProject("project");
        var state = project.SaveState();
        project.Write("prod/run_results.json", """
            {"results": [
              {"unique_id": "seed.state_project.raw_payments", "status": "success"},
              {"unique_id": "model.state_project.payments", "status": "error"},
              {"unique_id": "model.state_project.payment_totals", "status": "skipped"},
              {"unique_id": "model.state_project.report", "status": "skipped"},
              {"unique_id": "model.state_project.calendar", "status": "success"},
              {"unique_id": "model.state_project.gone", "status": "error"}
            ], "args": {"which": "build"}}
            """);

        Assert.Equal(expected, project.SelectNames(selector, state));
    }

    [Fact]
    public void Result_FailAndWarnTests_SelectTheTests()
    {
        using var project = new StateProject("project");
        var state = project.SaveState();
        var loaded = project.Load();
        var unique = loaded.Manifest.Nodes.Keys.Single(k => k.StartsWith("test.state_project.unique_payments_id", StringComparison.Ordinal));
        var notNull = loaded.Manifest.Nodes.Keys.Single(k => k.StartsWith("test.state_project.not_null_payments_id", StringComparison.Ordinal));
        project.Write("prod/run_results.json", $$"""
            {"results": [{"unique_id": "{{unique}}", "status": "fail"}, {"unique_id": "{{notNull}}", "status": "warn"}], "args": {} }
            """);
        var previous = PreviousState.TryLoad(state, project.Directory, out _);

        Assert.Equal([unique], NodeSelector.Select(loaded.Manifest, loaded.Graph, ["result:fail"], [], state: previous));
        Assert.Equal([notNull], NodeSelector.Select(loaded.Manifest, loaded.Graph, ["result:warn"], [], state: previous));
    }

    [Fact]
    public void Result_StateWithoutRunResults_ClearError()
    {
        using var project = new StateProject("project");
        var state = project.SaveState();
        var loaded = project.Load();
        var previous = PreviousState.TryLoad(state, project.Directory, out _);

        var ex = Assert.Throws<SelectorException>(() => NodeSelector.Select(loaded.Manifest, loaded.Graph, ["result:error"], [], state: previous));

        Assert.Contains("needs run_results.json", ex.Message, StringComparison.Ordinal);
    }
}
