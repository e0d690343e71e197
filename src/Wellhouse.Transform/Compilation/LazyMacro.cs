using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Compilation;

/// <summary>A project macro in a render's globals, bound to those globals on its first call.</summary>
internal sealed class LazyMacro(MacroEntry entry, IReadOnlyDictionary<string, object?> globals, HashSet<string> calledMacros) : Jinja.Runtime.ITakesUndefined
{
    private IJinjaCallable? bound;

    public object? Call(JinjaCallArguments arguments)
    {
        lock (calledMacros)
        {
            calledMacros.Add(entry.UniqueId);
        }

        return (bound ??= entry.Macro.Bind(globals)).Call(arguments);
    }
}
