using System.Collections;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// One package's macros in one render (<c>dbt_utils.star</c>, and the flat names of the root project, the node's
/// package and dbt): each macro becomes a <see cref="LazyMacro"/> bound to the render only when it is first looked
/// up, so a render costs nothing per macro it does not call (a project with a 300-macro package renders thousands of
/// nodes). <see cref="Set"/> replaces or adds a name (unit test overrides, <c>dbt.run_query</c>).
/// </summary>
internal sealed class MacroNamespace : IDictionary<string, object?>, IReadOnlyDictionary<string, object?>
{
    private readonly IReadOnlyDictionary<string, MacroEntry> entries;
    private readonly IReadOnlyDictionary<string, object?> scope;
    private readonly HashSet<string> calledMacros;
    private readonly Dictionary<string, object?> made = new(StringComparer.Ordinal);
    private bool complete;

    /// <param name="entries">The package's macros by name.</param>
    /// <param name="globals">The render's globals.</param>
    /// <param name="ownScope">True when the package's macros see the render's globals only (the root project, the
    /// node's package, dbt); otherwise they see the globals, then their own package (<see cref="PackageScope"/>).</param>
    /// <param name="calledMacros">The render's record of the macros it called.</param>
    public MacroNamespace(IReadOnlyDictionary<string, MacroEntry> entries, IReadOnlyDictionary<string, object?> globals, bool ownScope, HashSet<string> calledMacros)
    {
        this.entries = entries;
        this.calledMacros = calledMacros;
        scope = ownScope ? globals : new PackageScope(globals, this);
    }

    public void Set(string name, object? value)
    {
        made[name] = value;
    }

    public bool TryGetValue(string key, out object? value)
    {
        if (made.TryGetValue(key, out value))
        {
            return true;
        }

        if (!complete && entries.TryGetValue(key, out var entry))
        {
            value = new LazyMacro(entry, scope, calledMacros);
            made[key] = value;
            return true;
        }

        value = null;
        return false;
    }

    public bool ContainsKey(string key) => made.ContainsKey(key) || (!complete && entries.ContainsKey(key));

    public object? this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);
        set => Set(key, value);
    }

    // Whole-dictionary operations (iteration, removal) bind every macro first; templates rarely do them.
    public ICollection<string> Keys => All().Keys;

    public ICollection<object?> Values => All().Values;

    public int Count => All().Count;

    public bool IsReadOnly => false;

    IEnumerable<string> IReadOnlyDictionary<string, object?>.Keys => Keys;

    IEnumerable<object?> IReadOnlyDictionary<string, object?>.Values => Values;

    public void Add(string key, object? value) => All().Add(key, value);

    public bool Remove(string key) => All().Remove(key);

    public void Add(KeyValuePair<string, object?> item) => Add(item.Key, item.Value);

    public void Clear() => All().Clear();

    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)All()).Contains(item);

    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, object?>>)All()).CopyTo(array, arrayIndex);

    public bool Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)All()).Remove(item);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => All().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Dictionary<string, object?> All()
    {
        if (!complete)
        {
            foreach (var name in entries.Keys)
            {
                TryGetValue(name, out _);
            }

            complete = true;
        }

        return made;
    }
}

/// <summary>
/// The globals of one render: the context's names in the dictionary, then the flat macro names (the node's package,
/// the root project, dbt) looked up on demand through their <see cref="MacroNamespace"/>s. Templates read it through
/// <see cref="IReadOnlyDictionary{TKey,TValue}"/>, which sees both; a name set in the dictionary after
/// <see cref="SetFlatMacros"/> wins over a macro, as a macro wins over a context name set before (dbt's order).
/// </summary>
internal sealed class RenderGlobals : Dictionary<string, object?>, IReadOnlyDictionary<string, object?>
{
    private IReadOnlyList<MacroNamespace> flat = [];

    public RenderGlobals(Dictionary<string, object?> shared)
        : base(shared, StringComparer.Ordinal)
    {
    }

    /// <summary>The namespaces whose macros are callable by name, first match wins; the context names they
    /// shadow are removed.</summary>
    public void SetFlatMacros(IReadOnlyList<MacroNamespace> namespaces)
    {
        flat = namespaces;
        foreach (var key in base.Keys.Where(k => namespaces.Any(n => n.ContainsKey(k))).ToList())
        {
            Remove(key);
        }
    }

    bool IReadOnlyDictionary<string, object?>.TryGetValue(string key, out object? value)
    {
        if (TryGetValue(key, out value))
        {
            value = Resolve(key, value);
            return true;
        }

        return TryGetMacro(key, out value);
    }

    bool IReadOnlyDictionary<string, object?>.ContainsKey(string key) => ContainsKey(key) || flat.Any(n => n.ContainsKey(key));

    object? IReadOnlyDictionary<string, object?>.this[string key] =>
        ((IReadOnlyDictionary<string, object?>)this).TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    /// <summary>A <see cref="LazyGlobal"/> is built on its first read and stored in its place.</summary>
    private object? Resolve(string key, object? value)
    {
        if (value is LazyGlobal lazy)
        {
            value = lazy.Create();
            this[key] = value;
        }

        return value;
    }

    IEnumerable<string> IReadOnlyDictionary<string, object?>.Keys => AllKeys();

    IEnumerable<object?> IReadOnlyDictionary<string, object?>.Values => AllKeys().Select(k => ((IReadOnlyDictionary<string, object?>)this)[k]);

    int IReadOnlyCollection<KeyValuePair<string, object?>>.Count => AllKeys().Count();

    IEnumerator<KeyValuePair<string, object?>> IEnumerable<KeyValuePair<string, object?>>.GetEnumerator() =>
        AllKeys().Select(k => new KeyValuePair<string, object?>(k, ((IReadOnlyDictionary<string, object?>)this)[k])).GetEnumerator();

    private bool TryGetMacro(string key, out object? value)
    {
        foreach (var macros in flat)
        {
            if (macros.TryGetValue(key, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    private IEnumerable<string> AllKeys() => base.Keys.Concat(flat.SelectMany(n => n.Keys).Distinct(StringComparer.Ordinal).Where(k => !ContainsKey(k)));
}

/// <summary>A global built only when a template reads it (the <c>model</c> node dict while parsing, which most
/// templates never read).</summary>
internal sealed class LazyGlobal(Func<object?> create)
{
    public object? Create() => create();
}
