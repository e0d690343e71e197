using System.Globalization;

namespace Wellhouse.Transform.Graph;

/// <summary>
/// One <c>pre-hook</c> or <c>post-hook</c> of a model, seed or snapshot, as dbt reads it: a SQL string (Jinja, rendered
/// when the node runs), or a mapping <c>{sql: ..., transaction: false}</c> (what <c>before_begin()</c> and
/// <c>after_commit()</c> return). <see cref="Transaction"/> false runs the hook outside the node's transaction: before
/// the other pre-hooks, or after the other post-hooks.
/// </summary>
public sealed record HookConfig(string Sql, bool Transaction, int Index)
{
    /// <summary>Reads a config value: null, a string, a mapping, or a list of strings and mappings.</summary>
    public static IReadOnlyList<HookConfig> Read(object? value)
    {
        var items = value switch
        {
            null => [],
            IEnumerable<object?> list when value is not string => list.ToList(),
            _ => [value],
        };
        var hooks = new List<HookConfig>(items.Count);
        foreach (var item in items)
        {
            switch (item)
            {
                case null:
                    break;
                case Dictionary<string, object?> dict:
                    var sql = Convert.ToString(dict.GetValueOrDefault("sql"), CultureInfo.InvariantCulture) ?? string.Empty;
                    var transaction = dict.GetValueOrDefault("transaction") switch
                    {
                        bool b => b,
                        string s when bool.TryParse(s, out var b) => b,
                        _ => true,
                    };
                    hooks.Add(new HookConfig(sql, transaction, hooks.Count));
                    break;
                default:
                    hooks.Add(new HookConfig(Convert.ToString(item, CultureInfo.InvariantCulture) ?? string.Empty, true, hooks.Count));
                    break;
            }
        }

        return hooks;
    }

    /// <summary>The hook as manifest.json writes it.</summary>
    public Dictionary<string, object?> ToManifest() => new(StringComparer.Ordinal)
    {
        ["sql"] = Sql,
        ["transaction"] = Transaction,
        ["index"] = Index,
    };
}
