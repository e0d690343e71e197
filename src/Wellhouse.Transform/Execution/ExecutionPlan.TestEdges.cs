using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

internal sealed partial class ExecutionPlan
{
    /// <summary>
    /// dbt's build adds an edge from a test to each non-test node downstream of the test's parents when every node the
    /// test depends on is upstream of that node (dbt-core <c>Linker.add_test_edges</c>, described in its docs as "tests
    /// on upstream nodes run before downstream nodes"); the subset condition keeps relationships tests from creating
    /// cycles.
    /// </summary>
    private static void AddTestEdges(Manifest manifest, Dictionary<string, List<string>> parents)
    {
        var testsByParent = new Dictionary<string, List<Node>>(StringComparer.Ordinal);
        foreach (var node in manifest.Nodes.Values)
        {
            if (node.ResourceType != ResourceType.Test)
            {
                continue;
            }

            foreach (var parent in node.DependsOnNodes)
            {
                if (!testsByParent.TryGetValue(parent, out var list))
                {
                    testsByParent[parent] = list = [];
                }

                list.Add(node);
            }
        }

        if (testsByParent.Count == 0)
        {
            return;
        }

        var additions = new List<(string Test, string Node)>();
        foreach (var node in manifest.Nodes.Values)
        {
            if (node.ResourceType == ResourceType.Test)
            {
                continue;
            }

            var upstream = Ancestors(node.UniqueId, parents);
            foreach (var ancestor in upstream)
            {
                if (!testsByParent.TryGetValue(ancestor, out var tests))
                {
                    continue;
                }

                foreach (var test in tests)
                {
                    if (test.DependsOnNodes.All(upstream.Contains))
                    {
                        additions.Add((test.UniqueId, node.UniqueId));
                    }
                }
            }
        }

        foreach (var (test, node) in additions)
        {
            if (!parents[node].Contains(test))
            {
                parents[node].Add(test);
            }
        }
    }

    private static HashSet<string> Ancestors(string id, Dictionary<string, List<string>> parents)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(parents.GetValueOrDefault(id) ?? []);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (seen.Add(current))
            {
                foreach (var parent in parents.GetValueOrDefault(current) ?? [])
                {
                    stack.Push(parent);
                }
            }
        }

        return seen;
    }
}
