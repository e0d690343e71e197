using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Compilation;

/// <summary>Reads a host function's arguments by position or by name, as Python binds them.</summary>
internal static class ContextArgs
{
    public static object? Get(JinjaCallArguments args, int position, string name, object? fallback = null)
    {
        if (args.Keyword.TryGetValue(name, out var named))
        {
            return named;
        }

        return position < args.Positional.Count ? args.Positional[position] : fallback;
    }

    public static bool Has(JinjaCallArguments args, int position, string name) => args.Keyword.ContainsKey(name) || position < args.Positional.Count;

    public static string? String(JinjaCallArguments args, int position, string name) => Get(args, position, name) switch
    {
        null => null,
        string s => s,
        var other => other.ToString(),
    };
}
