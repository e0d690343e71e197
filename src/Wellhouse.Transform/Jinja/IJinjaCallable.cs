namespace Wellhouse.Transform.Jinja;

/// <summary>Anything a template can call: macros, host functions, bound methods.</summary>
public interface IJinjaCallable
{
    object? Call(JinjaCallArguments arguments);
}
