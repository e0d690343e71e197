using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Variables of a template, macro call or loop iteration. Names resolve through the enclosing scopes
/// (by reference, so a macro sees top-level variables set after its definition, as in Jinja2), then the host's
/// globals, then Jinja2's builtin globals (range, dict, namespace).</summary>
internal sealed class Scope(RenderContext context, Scope? parent)
{
    private Dictionary<string, object?>? vars;

    public RenderContext Context { get; } = context;

    public object? Lookup(string name, SourceSpan span)
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            if (s.vars is not null && s.vars.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        if (Context.Globals.TryGetValue(name, out var global))
        {
            return PyOps.Normalize(global);
        }

        return Builtins.TryGet(name, out var builtin) ? builtin : Undefined.Name(name, span);
    }

    public Scope? Parent { get; } = parent;

    public void Set(string name, object? value) => (vars ??= [])[name] = value;
}
