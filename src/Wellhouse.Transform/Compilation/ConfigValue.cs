using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// dbt's <c>config</c>: callable as <c>config(materialized='table')</c> (captured at parse time, a no-op when
/// compiling), and readable with <c>config.get(key, default)</c> and <c>config.require(key)</c>.
/// </summary>
internal sealed class ConfigValue(NodeConfig config, Dictionary<string, object?>? capture) : IJinjaObject, IJinjaCallable
{
    public object? Call(JinjaCallArguments arguments)
    {
        if (capture is not null)
        {
            if (arguments.Positional.Count > 0 && arguments.Positional[0] is IDictionary<string, object?> dict)
            {
                foreach (var (key, value) in dict)
                {
                    capture[key] = value;
                }

                Project.ConfigMerger.Apply(config.Values, dict.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
            }

            foreach (var (key, value) in arguments.Keyword)
            {
                capture[key] = value;
            }

            Project.ConfigMerger.Apply(config, arguments.Keyword);
        }

        return string.Empty;
    }

    public bool TryGetAttribute(string name, out object? value)
    {
        switch (name)
        {
            case "get":
                value = new JinjaFunction(args => config.Values.TryGetValue(ContextArgs.String(args, 0, "name") ?? string.Empty, out var found) && found is not null
                    ? found
                    : ContextArgs.Get(args, 1, "default"));
                return true;
            case "require":
                value = new JinjaFunction(args =>
                {
                    var key = ContextArgs.String(args, 0, "name") ?? string.Empty;
                    return config.Values.TryGetValue(key, out var found) && found is not null
                        ? found
                        : throw new Project.DiagnosticException(new Project.Diagnostic(Project.DiagnosticSeverity.Error, Project.DiagnosticCodes.CompilerError, $"required config '{key}' was not set", args.Span));
                });
                return true;
            case "has_key":
                value = new JinjaFunction(args => config.Values.ContainsKey(ContextArgs.String(args, 0, "name") ?? string.Empty));
                return true;
            default:
                value = null;
                return false;
        }
    }
}
