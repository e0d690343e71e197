using Wellhouse.Transform.Execution;
using Wellhouse.Warehouse;

namespace Wellhouse.Tests.Warehouse;

/// <summary><c>wellhouse build</c> of warehouse/ through the engine, on the bundled sample, into a temporary folder.</summary>
public sealed class EngineBuildTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "wellhouse-engine-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("ci")]
    [InlineData("prod")]
    public async Task Build_VolveSample_RunsEveryModelAndPassesEveryErrorTest(string target)
    {
        var log = new List<string>();
        var report = await DbtRunner.RunAsync(new DbtRunOptions
        {
            ProjectDir = RepoPaths.Warehouse,
            Command = DbtCommandKind.Build,
            Target = target,
            DatabasePath = Path.Combine(directory, target + ".duckdb"),
            TargetPath = Path.Combine(directory, "target-" + target),
            VarsYaml = "{as_of_date: '2026-01-01'}",
            CSharpModels = WarehouseModels.ByName,
            Environment = new Dictionary<string, string>
            {
                ["WELLHOUSE_RAW_LOCATION"] = RepoPaths.Sample,
                ["WELLHOUSE_SNAPSHOT_PATH"] = Path.Combine(directory, "snapshot.duckdb"),
            },
            Log = line => { lock (log) { log.Add(line); } },
        }, CancellationToken.None);

        var failures = report.Outcome?.Results.Where(result => result.Status is NodeStatus.Error or NodeStatus.Fail).Select(result => result.ToString()) ?? [];
        var problems = string.Join("\n", report.FormatProblems().Concat(failures));
        Assert.True(report.Success, problems);
        var results = report.Outcome!.Results;
        Assert.Equal(16, results.Count(result => result.Node.ResourceType == Transform.Graph.ResourceType.Model));
        Assert.Contains(results, result => result.Node.Name == "int_declining_curves" && result.Status == NodeStatus.Success);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
