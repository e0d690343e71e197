using System.Collections.ObjectModel;
using System.Text;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>A snapshot of <c>dict.keys()</c>, <c>values()</c> or <c>items()</c>; prints as <c>dict_keys([...])</c>.</summary>
internal sealed class PyView(string kind, IList<object?> items) : ReadOnlyCollection<object?>(items)
{
    public override string ToString()
    {
        var sb = new StringBuilder(kind).Append('(');
        PyStr.AppendRepr(sb, new List<object?>(this));
        return sb.Append(')').ToString();
    }
}
