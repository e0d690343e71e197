using System.Text.RegularExpressions;

namespace Wellhouse.Transform.Graph;

/// <summary><c>state:modified.macros</c>: which macros changed, and whether a node calls one of them.</summary>
internal sealed partial class StateComparer
{
    private Dictionary<string, string>? macroIdsByName;

    /// <summary>
    /// A macro the node calls changed: its text differs from the previous manifest's, or it is new. The macros a node
    /// calls are those its parse render called (<c>depends_on.macros</c>) plus, as dbt finds them statically in the
    /// template, every <c>name(</c> in the raw code that names a macro, and the same in those macros' text,
    /// transitively (so a call inside <c>{% if execute %}</c> counts too).
    /// </summary>
    private bool MacroChanged(Node node)
    {
        modifiedMacros ??= ModifiedMacros();
        if (modifiedMacros.Count == 0)
        {
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(node.DependsOnMacros.Concat(CalledMacros(node.RawCode)));
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (!seen.Add(id))
            {
                continue;
            }

            if (modifiedMacros.Contains(id))
            {
                return true;
            }

            if (manifest.Macros.TryGetValue(id, out var macro))
            {
                foreach (var called in CalledMacros(macro.MacroSql))
                {
                    pending.Push(called);
                }
            }
        }

        return false;
    }

    /// <summary>Unique ids of the macros named before a <c>(</c> in Jinja text (a project macro wins over a built-in one of the same name).</summary>
    private IEnumerable<string> CalledMacros(string text)
    {
        macroIdsByName ??= manifest.Macros.Values
            .OrderBy(m => m.PackageName == manifest.ProjectName ? 1 : 0)
            .GroupBy(m => m.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().UniqueId, StringComparer.Ordinal);
        foreach (Match match in CallPattern().Matches(text))
        {
            if (macroIdsByName.TryGetValue(match.Groups[1].Value, out var id))
            {
                yield return id;
            }
        }
    }

    [GeneratedRegex(@"\b([A-Za-z_][A-Za-z0-9_]*)\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex CallPattern();

    private HashSet<string> ModifiedMacros()
    {
        var modified = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, macro) in manifest.Macros)
        {
            if (!state.MacroSql.TryGetValue(id, out var sql) || !string.Equals(sql, macro.MacroSql, StringComparison.Ordinal))
            {
                modified.Add(id);
            }
        }

        return modified;
    }
}
