using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja;

/// <summary>The arguments of one call: positional, keyword, the <c>{% call %}</c> body and where the call is.</summary>
public sealed class JinjaCallArguments
{
    private static readonly Dictionary<string, object?> NoKeywords = [];

    public JinjaCallArguments(
        IReadOnlyList<object?> positional,
        IReadOnlyDictionary<string, object?>? keyword = null,
        IJinjaCallable? caller = null,
        SourceSpan span = default)
    {
        Positional = positional;
        Keyword = keyword ?? NoKeywords;
        Caller = caller;
        Span = span;
    }

    public IReadOnlyList<object?> Positional { get; }

    public IReadOnlyDictionary<string, object?> Keyword { get; }

    public IJinjaCallable? Caller { get; }

    public SourceSpan Span { get; }

    /// <summary>Whether the argument was given, by position or by name.</summary>
    public bool Has(int position, string name) => (position >= 0 && position < Positional.Count) || Keyword.ContainsKey(name);

    /// <summary>The argument at <paramref name="position"/>, else the keyword <paramref name="name"/>, else
    /// <paramref name="defaultValue"/>.</summary>
    public object? Get(int position, string name, object? defaultValue = null)
    {
        if (position >= 0 && position < Positional.Count)
        {
            return Positional[position];
        }

        return Keyword.TryGetValue(name, out var value) ? value : defaultValue;
    }

    /// <summary>Like <see cref="Get"/> but a missing argument is an error.</summary>
    public object? Require(int position, string name)
    {
        if (!Has(position, name))
        {
            throw new JinjaException("JINJA011", $"missing required argument '{name}'", Span);
        }

        return Get(position, name);
    }

    /// <summary>The argument as a string (Python's str() of it), or <paramref name="defaultValue"/>.</summary>
    public string? GetString(int position, string name, string? defaultValue = null)
    {
        var value = Get(position, name, defaultValue);
        return value is null && defaultValue is null ? null : PyStr.Str(value);
    }

    /// <summary>The argument as a truth value (Python truthiness).</summary>
    public bool GetBool(int position, string name, bool defaultValue = false) =>
        Has(position, name) ? PyOps.Truthy(Get(position, name), Span) : defaultValue;

    /// <summary>The argument as an integer.</summary>
    public long GetInt(int position, string name, long defaultValue = 0) =>
        Has(position, name) ? PyOps.ToLong(Get(position, name), Span) : defaultValue;
}
