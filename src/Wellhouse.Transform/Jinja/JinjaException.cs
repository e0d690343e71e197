using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja;

/// <summary>A template error: a syntax error (JINJA001) at parse time or a runtime error at render time.</summary>
/// <remarks>Codes: JINJA001 syntax, JINJA002 unknown filter or test, JINJA010 type error, JINJA011 bad macro call
/// arguments, JINJA012 undefined name, JINJA013 undefined attribute or item, JINJA014 arithmetic error,
/// JINJA015 host function failure, JINJA016 bad filter/method argument, JINJA017 recursion too deep.</remarks>
public sealed class JinjaException : Exception
{
    public JinjaException(string code, string message, SourceSpan span, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Span = span;
    }

    public string Code { get; }

    public SourceSpan Span { get; }

    /// <summary>The diagnostic line: <c>path(line,col): error CODE: message</c>.</summary>
    public override string ToString() => $"{Span}: error {Code}: {Message}";
}
