using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

internal sealed partial class ExecutionPlan
{
    /// <summary>
    /// dbt's build runs a model's unit tests right before the model, after the model's parents, and skips the model
    /// (and so everything downstream) when one fails (dbt-core <c>BuildTask.call_model_and_unit_tests_runner</c>). In
    /// plan terms: a unit test waits for its model's parents, and the model waits for its unit tests.
    /// </summary>
    private static void AddUnitTestEdges(Manifest manifest, Dictionary<string, List<string>> parents)
    {
        foreach (var node in manifest.Nodes.Values)
        {
            if (node.ResourceType != ResourceType.UnitTest || !manifest.UnitTests.TryGetValue(node.UniqueId, out var test) || test.ModelId is not { } modelId || !parents.TryGetValue(modelId, out var modelParents))
            {
                continue;
            }

            parents[node.UniqueId] = modelParents.Where(p => manifest.Nodes.TryGetValue(p, out var parent) && parent.ResourceType != ResourceType.UnitTest).ToList();
            modelParents.Add(node.UniqueId);
        }
    }
}
