using System.Text;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Jinja2's <c>namespace()</c>: attributes that <c>{% set ns.x = ... %}</c> can change from any scope.</summary>
internal sealed class Namespace : IJinjaObject
{
    public Dictionary<string, object?> Values { get; } = [];

    public bool TryGetAttribute(string name, out object? value) => Values.TryGetValue(name, out value);

    public override string ToString()
    {
        var sb = new StringBuilder("<Namespace ");
        PyStr.AppendRepr(sb, Values);
        return sb.Append('>').ToString();
    }
}
