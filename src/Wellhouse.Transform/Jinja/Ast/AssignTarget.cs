using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary>Where <c>set</c> and <c>for</c> store: a name, <c>ns.attr</c>, or a tuple of names to unpack.</summary>
internal sealed class AssignTarget(string? name, string? attribute, IReadOnlyList<AssignTarget>? items, SourceSpan span)
{
    public string? Name { get; } = name;

    public IReadOnlyList<AssignTarget>? Items { get; } = items;

    public SourceSpan Span { get; } = span;

    public void Assign(Scope scope, object? value)
    {
        if (Items is not null)
        {
            var values = PyOps.ToList(value, Span);
            if (values.Count != Items.Count)
            {
                throw PyOps.TypeError(values.Count > Items.Count
                    ? $"too many values to unpack (expected {Items.Count})"
                    : $"not enough values to unpack (expected {Items.Count}, got {values.Count})", Span);
            }

            for (var i = 0; i < values.Count; i++)
            {
                Items[i].Assign(scope, values[i]);
            }

            return;
        }

        if (attribute is not null)
        {
            if (scope.Lookup(Name!, Span) is not Namespace ns)
            {
                throw PyOps.TypeError("cannot assign attribute on non-namespace object", Span);
            }

            ns.Values[attribute] = value;
            return;
        }

        scope.Set(Name!, value);
    }
}
