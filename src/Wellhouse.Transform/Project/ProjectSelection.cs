using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Project;

/// <summary>
/// What a verb selects in a loaded project: <c>--selector</c> (a selectors.yml selector), else <c>--select</c> and
/// <c>--exclude</c>, else the selector marked <c>default: true</c>, else everything (dbt's order).
/// </summary>
public static class ProjectSelection
{
    public static IReadOnlyCollection<string>? TrySelect(
        LoadedProject project, IReadOnlyList<string> select, IReadOnlyList<string> exclude, string? selector, out Diagnostic? diagnostic,
        IReadOnlyCollection<string>? resourceTypes = null, PreviousState? state = null, Action<string>? log = null, string indirectSelection = NodeSelector.Eager, bool withNoOps = false)
    {
        var hasSelect = select.Any(s => !string.IsNullOrWhiteSpace(s)) || exclude.Any(s => !string.IsNullOrWhiteSpace(s));
        if (selector is not null && hasSelect)
        {
            diagnostic = new Diagnostic(DiagnosticSeverity.Error, "DBT203", "--selector cannot be combined with --select or --exclude", new SourceSpan("--selector", 0, 0));
            return null;
        }

        var named = selector ?? (hasSelect ? null : project.Selectors.Values.FirstOrDefault(s => s.IsDefault)?.Name);
        if (named is null)
        {
            var selected = NodeSelector.TrySelect(project.Manifest, project.Graph, select, exclude, out diagnostic, resourceTypes, state, indirectSelection, withNoOps);
            if (selected is not null && log is not null)
            {
                foreach (var term in NodeSelector.UnmatchedCriteria(project.Manifest, project.Graph, select, state))
                {
                    log($"Warning: the selection criterion '{term}' does not match any enabled nodes");
                }
            }

            return selected;
        }

        if (selector is null)
        {
            log?.Invoke($"Using the default selector '{named}' (selectors.yml)");
        }

        try
        {
            diagnostic = null;
            return NodeSelector.SelectNamed(project.Manifest, project.Graph, project.Selectors, named, resourceTypes, state, indirectSelection, withNoOps);
        }
        catch (SelectorException ex)
        {
            diagnostic = ex.Diagnostic;
            return null;
        }
    }
}
