namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>A method of a string, list, dict or datetime taken as a value (<c>d.items</c> without a call).</summary>
internal sealed class BoundMethod(object target, string name) : IJinjaCallable
{
    public object? Call(JinjaCallArguments arguments) => Methods.Call(target, name, arguments, arguments.Span);

    public override string ToString() => $"<built-in method {name} of {PyOps.TypeName(target)} object>";
}
