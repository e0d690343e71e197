using System.Runtime.CompilerServices;
using System.Text;
using Wellhouse.Transform.Jinja.Ast;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>A macro bound to the scope it was defined in. Binds arguments as Jinja2's Macro.__call__ does:
/// positionals in order, then keywords, then defaults (evaluated at call time, seeing earlier parameters); extra
/// positionals go to <c>varargs</c> and unknown keywords to <c>kwargs</c> only when the body uses them; a missing
/// parameter without default is undefined. Returns the rendered body, or the value of dbt's <c>return()</c>.</summary>
internal sealed class MacroCallable(MacroDefinition definition, Scope definingScope) : IJinjaCallable
{
    public MacroDefinition Definition { get; } = definition;

    public object? Call(JinjaCallArguments arguments)
    {
        var d = Definition;
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new JinjaException("JINJA017", $"maximum recursion depth exceeded calling macro '{d.Name}'", arguments.Span);
        }

        var scope = new Scope(definingScope.Context, definingScope);
        var positional = arguments.Positional;
        var parameters = d.Parameters;
        var kwargs = Keywords(arguments);
        var foundCaller = positional.Count >= parameters.Count && parameters.Contains("caller");
        for (var i = 0; i < parameters.Count; i++)
        {
            var name = parameters[i];
            if (i < positional.Count)
            {
                scope.Set(name, positional[i]);
                continue;
            }

            foundCaller |= name == "caller";
            if (kwargs is not null && kwargs.Remove(name, out var value))
            {
                scope.Set(name, value);
            }
            else if (d.Defaults[i] is { } dflt)
            {
                scope.Set(name, dflt.Eval(scope));
            }
            else
            {
                scope.Set(name, new Undefined("JINJA012", $"parameter '{name}' was not provided", arguments.Span));
            }
        }

        if (d.UsesCaller && !foundCaller)
        {
            scope.Set("caller", kwargs is not null && kwargs.Remove("caller", out var caller)
                ? caller
                : new Undefined("JINJA012", "No caller defined", arguments.Span));
        }

        if (d.UsesKwargs)
        {
            scope.Set("kwargs", kwargs ?? []);
        }
        else if (kwargs is { Count: > 0 })
        {
            throw Error(kwargs.ContainsKey("caller")
                ? $"macro '{d.Name}' was invoked with two values for the special caller argument. This is most likely a bug."
                : $"macro '{d.Name}' takes no keyword argument '{kwargs.Keys.First()}'", arguments);
        }

        if (d.UsesVarargs)
        {
            scope.Set("varargs", positional.Count > parameters.Count
                ? new PyTuple([.. positional.Skip(parameters.Count)])
                : PyTuple.Empty);
        }
        else if (positional.Count > parameters.Count)
        {
            throw Error($"macro '{d.Name}' takes not more than {parameters.Count} argument(s)", arguments);
        }

        var output = new StringBuilder();
        try
        {
            Node.RenderAll(d.Body, scope, output);
        }
        catch (JinjaReturnException ret)
        {
            return ret.Value;
        }

        return output.ToString();
    }

    /// <summary>The keyword arguments in call order, with a call block's caller last (as Jinja2 passes it).</summary>
    private static Dictionary<string, object?>? Keywords(JinjaCallArguments arguments)
    {
        if (arguments.Keyword.Count == 0 && arguments.Caller is null)
        {
            return null;
        }

        var kwargs = new Dictionary<string, object?>(arguments.Keyword.Count + 1);
        foreach (var (key, value) in arguments.Keyword)
        {
            kwargs[key] = value;
        }

        if (arguments.Caller is not null)
        {
            kwargs["caller"] = arguments.Caller;
        }

        return kwargs;
    }

    private static JinjaException Error(string message, JinjaCallArguments arguments) =>
        new("JINJA011", message, arguments.Span);

    public override string ToString() => Definition.Anonymous ? "<Macro anonymous>" : $"<Macro '{Definition.Name}'>";
}
