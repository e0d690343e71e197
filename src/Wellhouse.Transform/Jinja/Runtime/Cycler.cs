namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Jinja2's <c>cycler(*items)</c>: <c>next()</c>, <c>current</c>, <c>reset()</c>.</summary>
internal sealed class Cycler(IReadOnlyList<object?> items) : IJinjaObject
{
    private int position;

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "current" => items.Count > 0 ? items[position] : null,
            "next" => new JinjaFunction(_ =>
            {
                var item = items[position];
                position = (position + 1) % items.Count;
                return item;
            }),
            "reset" => new JinjaFunction(_ =>
            {
                position = 0;
                return null;
            }),
            "items" => new PyTuple([.. items]),
            _ => this,
        };
        if (ReferenceEquals(value, this))
        {
            value = null;
            return false;
        }

        return true;
    }
}
