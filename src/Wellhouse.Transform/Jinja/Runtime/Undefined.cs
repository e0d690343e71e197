using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Jinja2's default (lenient) Undefined, which dbt compiles with (dbt-common's get_environment): the value
/// of a missing name, attribute or item. It prints as '', is false, has length 0, iterates as empty and equals
/// only another undefined value; taking its attribute or item, calling it, arithmetic and ordering raise its
/// error. While dbt parses a node it renders the node with an undefined whose attributes, items and calls give
/// itself (see <see cref="RenderContext.ChainableUndefined"/>).</summary>
internal sealed class Undefined(string code, string message, SourceSpan span)
{
    public string Code { get; } = code;

    public string Message { get; } = message;

    public SourceSpan Span { get; } = span;

    public JinjaException Error() => new(Code, Message, Span);

    public static Undefined Name(string name, SourceSpan span) => new("JINJA012", $"'{name}' is undefined", span);
}
