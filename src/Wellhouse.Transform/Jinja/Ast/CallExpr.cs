using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>callee(args)</c>; <c>obj.method(args)</c> on strings, lists and dicts runs the method directly.</summary>
internal sealed class CallExpr(Expr callee, CallArgs args, SourceSpan span) : Expr(span)
{
    public Expr Callee { get; } = callee;

    public override object? Eval(Scope scope) => Eval(scope, null);

    public object? Eval(Scope scope, IJinjaCallable? caller)
    {
        if (Callee is GetAttrExpr attr)
        {
            var target = attr.Target.Eval(scope);
            if (target is Undefined && scope.Context.ChainableUndefined)
            {
                args.Eval(scope, Span, caller);
                return target;
            }

            if (target is string or IList<object?> or IDictionary<string, object?> && Methods.Has(target, attr.Name))
            {
                return Methods.Call(target, attr.Name, args.Eval(scope, Span, caller), Span);
            }

            var method = PyOps.GetAttr(target, attr.Name, attr.Span);
            return Invoker.Call(method, args.Eval(scope, Span, caller), Span);
        }

        var function = Callee.Eval(scope);
        if (function is Undefined && scope.Context.ChainableUndefined)
        {
            args.Eval(scope, Span, caller);
            return function;
        }

        return Invoker.Call(function, args.Eval(scope, Span, caller), Span);
    }
}
