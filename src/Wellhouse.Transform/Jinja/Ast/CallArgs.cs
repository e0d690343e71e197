using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary>The argument list of a call, filter or test: positional, keyword, <c>*args</c>, <c>**kwargs</c>.</summary>
internal sealed class CallArgs(
    IReadOnlyList<Expr> positional, IReadOnlyList<(string Name, Expr Value)> keyword, Expr? star, Expr? doubleStar)
{
    public static readonly CallArgs None = new([], [], null, null);

    public IReadOnlyList<Expr> Positional { get; } = positional;

    public JinjaCallArguments Eval(Scope scope, SourceSpan span, IJinjaCallable? caller = null)
    {
        var args = new List<object?>(Positional.Count);
        foreach (var p in Positional)
        {
            args.Add(p.Eval(scope));
        }

        if (star is not null)
        {
            args.AddRange(PyOps.Iterate(star.Eval(scope), star.Span));
        }

        Dictionary<string, object?>? kwargs = null;
        if (keyword.Count > 0 || doubleStar is not null)
        {
            kwargs = new Dictionary<string, object?>(keyword.Count);
            foreach (var (name, value) in keyword)
            {
                kwargs[name] = value.Eval(scope);
            }

            if (doubleStar is not null)
            {
                if (PyOps.Check(doubleStar.Eval(scope)) is not IDictionary<string, object?> extra)
                {
                    throw PyOps.TypeError("argument after ** must be a mapping", doubleStar.Span);
                }

                foreach (var (k, v) in extra)
                {
                    kwargs[k] = v;
                }
            }
        }

        return new JinjaCallArguments(args, kwargs, caller, span);
    }
}
