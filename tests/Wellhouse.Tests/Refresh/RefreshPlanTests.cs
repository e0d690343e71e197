using Wellhouse.Refresh;
using Wellhouse.Snapshots;
using Wellhouse.Tests.Api;

namespace Wellhouse.Tests.Refresh;

/// <summary>The refresh mode decision (docs/architecture.md, "Snapshots", step 1) and the project state it compares.</summary>
public sealed class RefreshPlanTests : IDisposable
{
    private readonly TempDirectory _project = new();

    public void Dispose() => _project.Dispose();

    private static readonly ProjectState State = new()
    {
        Files = new Dictionary<string, string> { ["dbt_project.yml"] = "aa", ["models/a.sql"] = "bb" },
        Target = "prod",
        Code = "c1",
        RawContract = ProjectState.CurrentRawContract(),
    };

    private static SnapshotInfo Parent(ProjectState? state, params string[] batches) => new()
    {
        Id = "20261206T180000000Z-abcd",
        BuiltAt = DateTimeOffset.UnixEpoch,
        RunId = "20261206T180000000Z-abcd",
        RawBatches = batches,
        ProjectState = state,
    };

    [Fact]
    public void Decide_SameProjectAndNewBatches_IsIncrementalOnTheParent()
    {
        var plan = RefreshPlan.Decide(false, Parent(State, "b1"), State, ["b1", "b2", "b3"], builderIncremental: true);

        Assert.Equal(RefreshModes.Incremental, plan.Mode);
        Assert.Equal("20261206T180000000Z-abcd", plan.ParentId);
        Assert.Contains("2 new raw batch(es)", plan.Reason);
    }

    [Fact]
    public void Decide_FullWhenAskedOrNoParentOrNoRecordedState()
    {
        Assert.Equal("full refresh requested", RefreshPlan.Decide(true, Parent(State, "b1"), State, ["b1"], true).Reason);
        Assert.Contains("no published snapshot", RefreshPlan.Decide(false, null, State, ["b1"], true).Reason);
        Assert.Contains("recorded no project state", RefreshPlan.Decide(false, Parent(null, "b1"), State, ["b1"], true).Reason);
        Assert.Contains("recorded no project state", RefreshPlan.Decide(false, Parent(State, "b1"), null, ["b1"], true).Reason);
        Assert.All(new[]
        {
            RefreshPlan.Decide(true, Parent(State, "b1"), State, ["b1"], true),
            RefreshPlan.Decide(false, null, State, ["b1"], true),
        }, plan => Assert.Null(plan.ParentId));
    }

    [Fact]
    public void Decide_FullWhenTheProjectTargetCodeOrRawContractChanged_NamingWhat()
    {
        var edited = State with { Files = new Dictionary<string, string> { ["dbt_project.yml"] = "aa", ["models/a.sql"] = "b2", ["models/new.sql"] = "cc" } };
        var plan = RefreshPlan.Decide(false, Parent(State, "b1"), edited, ["b1", "b2"], true);
        Assert.Equal(RefreshModes.Full, plan.Mode);
        Assert.Contains("models/a.sql changed", plan.Reason);
        Assert.Contains("models/new.sql added", plan.Reason);

        Assert.Contains("target prod -> dev", RefreshPlan.Decide(false, Parent(State), State with { Target = "dev" }, [], true).Reason);
        Assert.Contains("C# models' build changed", RefreshPlan.Decide(false, Parent(State), State with { Code = "c2" }, [], true).Reason);
        Assert.Contains("raw contract changed", RefreshPlan.Decide(false, Parent(State with { RawContract = "old" }), State, [], true).Reason);
        Assert.Contains("vars changed", RefreshPlan.Decide(false, Parent(State), State with { Vars = "x: 1" }, [], true).Reason);
    }

    [Fact]
    public void Decide_FullWhenABatchOfTheParentIsGone_OrTheBuilderCannotBuildIncrementally()
    {
        Assert.Contains("1 raw batch(es) of snapshot", RefreshPlan.Decide(false, Parent(State, "b1", "b2"), State, ["b2", "b3"], true).Reason);
        var plan = RefreshPlan.Decide(false, Parent(State, "b1"), State, ["b1", "b2"], builderIncremental: false);
        Assert.Equal(RefreshModes.Full, plan.Mode);
        Assert.Contains("full snapshots only", plan.Reason);
    }

    [Fact]
    public void WithChangedWells_FullWhenMoreThanHalfTheWellsChanged_ElseUnchanged()
    {
        var incremental = RefreshPlan.Decide(false, Parent(State, "b1"), State, ["b1", "b2"], true);

        Assert.Same(incremental, incremental.WithChangedWells(1, 100));
        Assert.Same(incremental, incremental.WithChangedWells(50, 100));
        var full = incremental.WithChangedWells(51, 100);
        Assert.Equal((RefreshModes.Full, null), (full.Mode, full.ParentId));
        Assert.Equal("51 of 100 wells to recompute whole since snapshot 20261206T180000000Z-abcd (more than half: a full build costs less than an incremental one)", full.Reason);
        var requested = RefreshPlan.Decide(true, Parent(State, "b1"), State, ["b1", "b2"], true);
        Assert.Same(requested, requested.WithChangedWells(100, 100));
    }

    [Fact]
    public void ProjectState_HashesProjectFiles_IgnoringTargetLogsAndHiddenFiles()
    {
        var root = _project.Path;
        File.WriteAllText(Path.Combine(root, "dbt_project.yml"), "name: p\n");
        Directory.CreateDirectory(Path.Combine(root, "models"));
        File.WriteAllText(Path.Combine(root, "models", "a.sql"), "select 1");
        Directory.CreateDirectory(Path.Combine(root, "target"));
        File.WriteAllText(Path.Combine(root, "target", "manifest.json"), "{}");
        File.WriteAllText(Path.Combine(root, ".user.yml"), "id: 1");
        var before = ProjectState.Read(root, "prod", string.Empty);

        Assert.Equal(["dbt_project.yml", "models/a.sql"], before.Files.Keys.Order(StringComparer.Ordinal));
        File.WriteAllText(Path.Combine(root, "target", "manifest.json"), "{\"changed\": 1}");
        Assert.Empty(ProjectState.Read(root, "prod", string.Empty).Differences(before));
        File.WriteAllText(Path.Combine(root, "models", "a.sql"), "select 2");
        Assert.Equal(["models/a.sql changed"], ProjectState.Read(root, "prod", string.Empty).Differences(before));
    }
}
