using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Calls a value. Macros receive undefined arguments as they are; host functions never see an undefined
/// value, and their unexpected (system) exceptions become JINJA015 at the call's location.</summary>
internal static class Invoker
{
    public static object? Call(object? function, JinjaCallArguments arguments, SourceSpan span)
    {
        switch (function)
        {
            case MacroCallable macro:
                return macro.Call(arguments);
            case IJinjaCallable callable when callable is JinjaFunction { TakesUndefined: true } or ITakesUndefined:
                return PyOps.Normalize(callable.Call(arguments));
            case IJinjaCallable callable:
                foreach (var a in arguments.Positional)
                {
                    PyOps.Check(a);
                }

                foreach (var a in arguments.Keyword.Values)
                {
                    PyOps.Check(a);
                }

                try
                {
                    return PyOps.Normalize(callable.Call(arguments));
                }
                catch (SystemException ex)
                {
                    throw new JinjaException("JINJA015", ex.Message, span, ex);
                }

            case Undefined u:
                throw u.Error();
            default:
                throw PyOps.TypeError($"'{PyOps.TypeName(function)}' object is not callable", span);
        }
    }
}
