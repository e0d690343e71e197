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
        var scope = new Scope(definingScope.Context, definingScope);
        var positional = arguments.Positional;
        var parameters = d.Parameters;
        if (positional.Count > parameters.Count && !d.UsesVarargs)
        {
            throw Error($"macro '{d.Name}' takes not more than {parameters.Count} argument(s)", arguments);
        }

        var usedKeywords = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            var name = parameters[i];
            if (i < positional.Count)
            {
                if (arguments.Keyword.ContainsKey(name))
                {
                    throw Error($"macro '{d.Name}' got multiple values for argument '{name}'", arguments);
                }

                scope.Set(name, positional[i]);
            }
            else if (arguments.Keyword.TryGetValue(name, out var value))
            {
                usedKeywords++;
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

        if (d.UsesVarargs)
        {
            scope.Set("varargs", positional.Count > parameters.Count
                ? new PyTuple([.. positional.Skip(parameters.Count)])
                : PyTuple.Empty);
        }

        BindKeywordsAndCaller(scope, arguments, usedKeywords);
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

    private void BindKeywordsAndCaller(Scope scope, JinjaCallArguments arguments, int usedKeywords)
    {
        var d = Definition;
        var caller = arguments.Caller;
        Dictionary<string, object?>? extra = d.UsesKwargs ? [] : null;
        if (arguments.Keyword.Count > usedKeywords)
        {
            foreach (var (key, value) in arguments.Keyword)
            {
                if (d.Parameters.Contains(key))
                {
                    continue;
                }

                if (key == "caller" && d.UsesCaller)
                {
                    caller = value as IJinjaCallable;
                    continue;
                }

                if (extra is null)
                {
                    throw Error($"macro '{d.Name}' takes no keyword argument '{key}'", arguments);
                }

                extra[key] = value;
            }
        }

        if (extra is not null)
        {
            scope.Set("kwargs", extra);
        }

        if (caller is not null && !d.UsesCaller)
        {
            throw Error($"macro '{d.Name}' was invoked with two values for the special caller argument. This is most likely a bug.", arguments);
        }

        if (d.UsesCaller && !d.Parameters.Contains("caller"))
        {
            scope.Set("caller", caller ?? (object)new Undefined("JINJA012", "No caller defined", arguments.Span));
        }
    }

    private static JinjaException Error(string message, JinjaCallArguments arguments) =>
        new("JINJA011", message, arguments.Span);

    public override string ToString() => $"<Macro '{Definition.Name}'>";
}
