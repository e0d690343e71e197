using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Tests.Warehouse;

/// <summary><c>wellhouse build</c> of warehouse/ through the engine, on the bundled sample (target ci, the shared build).</summary>
[Collection(VolveBuildCollection.Name)]
public sealed class EngineBuildTests(VolveBuildFixture fixture)
{
    [Fact]
    public void Build_VolveSample_RunsEveryModelAndPassesEveryErrorTest()
    {
        var build = fixture.Build;

        AssertEveryModelBuiltAndNoErrorTestFailed(build);
    }

    internal static void AssertEveryModelBuiltAndNoErrorTestFailed(WarehouseBuild build)
    {
        var failures = build.Results.Where(result => result.Status is NodeStatus.Error or NodeStatus.Fail or NodeStatus.Skipped).Select(result => result.ToString());
        Assert.Empty(failures);
        Assert.True(build.Report.Success, build.Log);
        var models = build.Results.Where(result => result.Node.ResourceType == ResourceType.Model).ToList();
        Assert.Equal(27, models.Count);
        Assert.All(models, result => Assert.Equal(NodeStatus.Success, result.Status));
        Assert.Contains(build.Results, result => result.Node.Name == "int_declining_curves" && result.Status == NodeStatus.Success);
        Assert.Contains(build.Results, result => result.Node.Name == "int_decline_fits" && result.Status == NodeStatus.Success);
        Assert.Contains(build.Results, result => result.Node.ResourceType == ResourceType.Seed && result.Node.Name == "prices" && result.Status == NodeStatus.Success);
    }
}
