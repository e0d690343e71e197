using System.Collections.ObjectModel;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>A Python tuple: a read-only list that prints as <c>(a, b)</c>; with field names it is a named tuple
/// whose fields are also attributes (groupby's <c>grouper</c> and <c>list</c>).</summary>
internal sealed class PyTuple(IList<object?> items, IReadOnlyList<string>? names = null) : ReadOnlyCollection<object?>(items)
{
    public static new readonly PyTuple Empty = new([]);

    public IReadOnlyList<string>? Names { get; } = names;
}
