using System.Runtime.CompilerServices;
using System.Text;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>{% for target in iterable if filter recursive %}body{% else %}empty{% endfor %}</c>. Each iteration
/// gets a fresh scope (variables set in the body neither leak out nor carry over, as in Jinja2); the filter
/// is applied before counting, so <c>loop.length</c> counts the kept items.</summary>
internal sealed class ForNode(
    AssignTarget target, Expr iterable, Expr? filter, IReadOnlyList<Node> body, IReadOnlyList<Node>? otherwise,
    bool recursive, SourceSpan span) : Node(span)
{
    public override Flow Render(Scope scope, StringBuilder output)
    {
        RenderLoop(iterable.Eval(scope), scope, output, 1);
        return Flow.Normal;
    }

    /// <summary>Runs the loop over <paramref name="items"/>; also the body of <c>loop(children)</c> in recursive loops.</summary>
    public void RenderLoop(object? items, Scope scope, StringBuilder output, int depth)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new JinjaException("JINJA017", "maximum recursion depth exceeded in a recursive loop", Span);
        }

        var list = PyOps.ToList(items, iterable.Span);
        if (filter is not null)
        {
            var kept = new List<object?>(list.Count);
            foreach (var item in list)
            {
                var filterScope = new Scope(scope.Context, scope);
                target.Assign(filterScope, item);
                if (PyOps.Truthy(filter.Eval(filterScope), filter.Span))
                {
                    kept.Add(item);
                }
            }

            list = kept;
        }

        var loop = new LoopContext(list, depth, recursive ? this : null, scope);
        var completed = false;
        for (var i = 0; i < list.Count; i++)
        {
            loop.Index0 = i;
            var iterationScope = new Scope(scope.Context, scope);
            target.Assign(iterationScope, list[i]);
            iterationScope.Set("loop", loop);
            var flow = RenderAll(body, iterationScope, output);
            if (flow == Flow.Break)
            {
                break;
            }

            completed |= flow == Flow.Normal;
        }

        // Jinja2 marks the loop as iterated at the end of the body, so the else block also runs when every
        // iteration ended in break or continue (jinja2/compiler.py visit_For, iteration_indicator).
        if (!completed && otherwise is not null)
        {
            RenderAll(otherwise, new Scope(scope.Context, scope), output);
        }
    }
}
