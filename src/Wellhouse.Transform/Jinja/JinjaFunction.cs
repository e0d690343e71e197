namespace Wellhouse.Transform.Jinja;

/// <summary>A host function callable from templates.</summary>
public sealed class JinjaFunction(Func<JinjaCallArguments, object?> body, bool takesUndefined = false) : IJinjaCallable
{
    /// <summary>Whether undefined arguments reach the function (Jinja2's <c>dict</c> and <c>namespace</c> store
    /// them); otherwise an undefined argument raises its error at the call.</summary>
    internal bool TakesUndefined { get; } = takesUndefined;

    public object? Call(JinjaCallArguments arguments) => body(arguments);

    public override string ToString() => "<function>";
}
