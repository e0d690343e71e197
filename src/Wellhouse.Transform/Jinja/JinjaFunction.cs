namespace Wellhouse.Transform.Jinja;

/// <summary>A host function callable from templates.</summary>
public sealed class JinjaFunction(Func<JinjaCallArguments, object?> body) : IJinjaCallable
{
    public object? Call(JinjaCallArguments arguments) => body(arguments);

    public override string ToString() => "<function>";
}
