using System.Text;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary>Template data, written as is.</summary>
internal sealed class TextNode(string text, SourceSpan span) : Node(span)
{
    public string Text { get; } = text;

    public override Flow Render(Scope scope, StringBuilder output)
    {
        output.Append(Text);
        return Flow.Normal;
    }
}
