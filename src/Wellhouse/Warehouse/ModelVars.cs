using System.Globalization;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Warehouse;

/// <summary>Reads project vars (YAML scalars arrive as long, double or string) as numbers.</summary>
internal static class ModelVars
{
    public static double Number(CSharpModelContext context, string name, double defaultValue) => context.Var(name) switch
    {
        long l => l,
        int i => i,
        double d => d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => defaultValue,
    };

    public static bool Flag(CSharpModelContext context, string name, bool defaultValue) => context.Var(name) switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var parsed) => parsed,
        long l => l != 0,
        double d => d != 0,
        _ => defaultValue,
    };
}
