namespace Wellhouse.Transform.Jinja;

/// <summary>dbt's <c>return(x)</c>: the host's <c>return</c> function throws this; the macro being invoked catches it
/// and returns <see cref="Value"/> instead of its rendered text.</summary>
public sealed class JinjaReturnException(object? value) : Exception("return() outside of a macro")
{
    public object? Value { get; } = value;
}
