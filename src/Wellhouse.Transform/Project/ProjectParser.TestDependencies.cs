using System.Text;
using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Project;

/// <summary>A generic test's dependencies: its target, refs in its arguments, and what a project test macro calls.</summary>
internal sealed partial class ProjectParser
{
    /// <summary>The test's refs and sources: its target, plus any found by rendering its arguments (e.g. relationships' <c>to</c>).</summary>
    private void CaptureTestDependencies(Node node, TestTarget target)
    {
        var state = new RenderState(node, RenderPhase.Parse);
        foreach (var (key, value) in node.TestMetadata!.Kwargs)
        {
            if (key == "column_name")
            {
                continue;
            }

            // The target itself is known: add it without rendering (dbt shortcuts not_null and unique the same way).
            if (key == "model" && value is string model && model == target.ModelArgument)
            {
                if (target.SourceId is null)
                {
                    state.Refs.Add((target.Ref!, node.DefinedAt));
                }
                else
                {
                    var parts = target.SourceId.Split('.');
                    state.Sources.Add(([parts[2], parts[3]], node.DefinedAt));
                }

                continue;
            }

            foreach (var text in Strings(value))
            {
                var source = LooksLikeCall(text) ? "{{ " + text + " }}" : text;
                if (!source.Contains("{{", StringComparison.Ordinal) && !source.Contains("{%", StringComparison.Ordinal))
                {
                    continue;
                }

                Render(() => Templates.Parse(source, node.OriginalFilePath).Render(context.CreateGlobals(state)), node.DefinedAt);
            }
        }

        foreach (var index in Enumerable.Range(0, state.Refs.Count))
        {
            state.Refs[index] = (state.Refs[index].Call, node.DefinedAt);
        }

        foreach (var index in Enumerable.Range(0, state.Sources.Count))
        {
            state.Sources[index] = (state.Sources[index].Call, node.DefinedAt);
        }

        RecordCalls(node, state);
    }

    /// <summary>
    /// Renders a project-defined test at parse time, as dbt does for every test but not_null and unique, to catch the
    /// config() calls and refs inside the test macro.
    /// </summary>
    private void RenderCustomTest(Node node, SourceSpan where)
    {
        var state = new RenderState(node, RenderPhase.Parse);
        if (!Render(() => GenericTestRenderer.Render(context, node, state), where))
        {
            return;
        }

        var known = node.Refs.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        state.Refs.RemoveAll(r => known.Contains(r.Call.Name));
        var knownSources = node.Sources.Select(s => s[0] + "." + s[1]).ToHashSet(StringComparer.Ordinal);
        state.Sources.RemoveAll(s => knownSources.Contains(s.Call[0] + "." + s.Call[1]));
        for (var i = 0; i < state.Refs.Count; i++)
        {
            state.Refs[i] = (state.Refs[i].Call, where);
        }

        for (var i = 0; i < state.Sources.Count; i++)
        {
            state.Sources[i] = (state.Sources[i].Call, where);
        }

        RecordCalls(node, state);
    }

    private static bool LooksLikeCall(string text)
    {
        var trimmed = text.TrimStart();
        foreach (var name in new[] { "ref", "source", "var", "env_var", "doc" })
        {
            if (trimmed.StartsWith(name, StringComparison.Ordinal) && trimmed[name.Length..].TrimStart().StartsWith('(') && trimmed.TrimEnd().EndsWith(')'))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> Strings(object? value) => value switch
    {
        string s => [s],
        IEnumerable<object?> list => list.SelectMany(Strings),
        IDictionary<string, object?> dict => dict.Values.SelectMany(Strings),
        _ => [],
    };

    internal static string Join(IEnumerable<string> parts) => new StringBuilder().AppendJoin(" -> ", parts).ToString();
}
