using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>
/// A Python set (what dbt's <c>set()</c> global returns): distinct items (Python equality) kept in insertion order,
/// equal to another set holding the same items in any order, printed as <c>{a, b}</c> (<c>set()</c> when empty).
/// Iterates, <c>in</c> and <c>length</c> as a list does; methods in <see cref="Methods"/>.
/// </summary>
internal sealed class PySet : List<object?>
{
    public PySet(IEnumerable<object?> items, SourceSpan span)
    {
        foreach (var item in items)
        {
            AddItem(item, span);
        }
    }

    public bool Holds(object? item, SourceSpan span) => this.Any(x => PyOps.Equal(x, item, span));

    public void AddItem(object? item, SourceSpan span)
    {
        if (!Holds(item, span))
        {
            Add(item);
        }
    }

    public bool SetEquals(PySet other, SourceSpan span) => Count == other.Count && this.All(x => other.Holds(x, span));

    public bool IsSubsetOf(IEnumerable<object?> other, SourceSpan span)
    {
        var superset = new PySet(other, span);
        return this.All(x => superset.Holds(x, span));
    }
}
