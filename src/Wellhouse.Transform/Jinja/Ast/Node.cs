using System.Runtime.CompilerServices;
using System.Text;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary>How a statement ended: normally or by <c>{% break %}</c> / <c>{% continue %}</c>.</summary>
internal enum Flow
{
    Normal,
    Break,
    Continue,
}

/// <summary>A template statement; renders into the output.</summary>
internal abstract class Node(SourceSpan span)
{
    public SourceSpan Span { get; } = span;

    public abstract Flow Render(Scope scope, StringBuilder output);

    public static Flow RenderAll(IReadOnlyList<Node> body, Scope scope, StringBuilder output)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new JinjaException("JINJA017", "maximum recursion depth exceeded while rendering", body.Count > 0 ? body[0].Span : default);
        }

        for (var i = 0; i < body.Count; i++)
        {
            var flow = body[i].Render(scope, output);
            if (flow != Flow.Normal)
            {
                return flow;
            }
        }

        return Flow.Normal;
    }
}
