using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Graph;

/// <summary>
/// The <c>state:</c> and <c>result:</c> methods (dbt docs: "Node selector methods"), which compare with the artifacts
/// of a previous run given by <c>--state DIR</c>: <c>state:new|old|modified|unmodified|modified.body|...</c> against
/// its manifest.json, <c>result:error|fail|warn|success|skipped|pass</c> against its run_results.json.
/// </summary>
public static partial class NodeSelector
{
    /// <summary>The statuses <c>result:</c> accepts (the statuses run_results.json holds).</summary>
    private static readonly string[] ResultValues = ["success", "error", "fail", "warn", "pass", "skipped"];

    private static HashSet<string> MatchState(Manifest manifest, SelectionTerm term, PreviousState? state, ref StateComparer? comparer)
    {
        var text = term.Method + ":" + term.Value;
        if (state is null)
        {
            throw Fail($"selector '{text}' compares with a previous run: pass --state DIR (a folder holding that run's manifest.json and run_results.json)");
        }

        var result = new HashSet<string>(StringComparer.Ordinal);
        if (term.Method == "result")
        {
            if (!ResultValues.Contains(term.Value, StringComparer.Ordinal))
            {
                throw Fail($"invalid result selector '{text}': expected one of {string.Join(", ", ResultValues)}");
            }

            if (state.Results is not { } results)
            {
                throw Fail($"selector '{text}' needs run_results.json in the --state folder '{state.Directory}', which has none");
            }

            foreach (var (id, status) in results)
            {
                if (status == term.Value && (manifest.Nodes.ContainsKey(id) || manifest.Sources.ContainsKey(id)))
                {
                    result.Add(id);
                }
            }

            return result;
        }

        if (!StateComparer.Values.Contains(term.Value, StringComparer.Ordinal))
        {
            throw Fail($"invalid state selector '{text}': expected one of {string.Join(", ", StateComparer.Values)}");
        }

        comparer ??= new StateComparer(manifest, state);
        foreach (var id in manifest.Nodes.Keys.Concat(manifest.Sources.Keys))
        {
            if (comparer.Matches(id, term.Value))
            {
                result.Add(id);
            }
        }

        return result;
    }

    private static SelectorException Fail(string message) =>
        new(new Diagnostic(DiagnosticSeverity.Error, "DBT203", message, new SourceSpan("--select", 0, 0)));
}
