using System.Collections;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// The names a package's macro sees when a node of another package calls it: the render's globals first (so the
/// root project overrides, as in dbt, where a macro runs in the calling node's context), then the macros of its own
/// package, so a package's macros call each other unqualified.
/// </summary>
internal sealed class PackageScope(IReadOnlyDictionary<string, object?> globals, IReadOnlyDictionary<string, object?> package) : IReadOnlyDictionary<string, object?>
{
    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => globals.Keys.Concat(package.Keys.Where(k => !globals.ContainsKey(k)));

    public IEnumerable<object?> Values => Keys.Select(k => this[k]);

    public int Count => Keys.Count();

    public bool ContainsKey(string key) => globals.ContainsKey(key) || package.ContainsKey(key);

    public bool TryGetValue(string key, out object? value) => globals.TryGetValue(key, out value) || package.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Keys.Select(k => new KeyValuePair<string, object?>(k, this[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
