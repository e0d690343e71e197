using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Jinja2's StrictUndefined: the value of a missing name, attribute or item. Only <c>is defined</c>,
/// <c>is undefined</c>, <c>default</c> and passing it on are allowed; any other use raises its error.</summary>
internal sealed class Undefined(string code, string message, SourceSpan span, bool lenient = false)
{
    /// <summary>Jinja2's plain Undefined (an if-expression without else): prints as '', is false, iterates as
    /// empty; other uses still fail.</summary>
    public bool Lenient { get; } = lenient;

    public string Code { get; } = code;

    public string Message { get; } = message;

    public SourceSpan Span { get; } = span;

    public JinjaException Error() => new(Code, Message, Span);

    public static Undefined Name(string name, SourceSpan span) => new("JINJA012", $"'{name}' is undefined", span);
}
