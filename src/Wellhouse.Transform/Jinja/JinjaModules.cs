using Wellhouse.Transform.Jinja.Runtime;

namespace Wellhouse.Transform.Jinja;

/// <summary>dbt's <c>modules</c> context object; this engine provides <c>modules.datetime</c>, <c>modules.pytz</c>
/// and <c>modules.re</c>.</summary>
public static class JinjaModules
{
    /// <summary>A <c>modules</c> object whose clock is <paramref name="clock"/> (default: the system clock).</summary>
    public static IJinjaObject Create(TimeProvider? clock = null) => new ModulesObject(new DateTimeModule(clock ?? TimeProvider.System), new ReModule());

    private sealed class ModulesObject(DateTimeModule datetime, ReModule re) : IJinjaObject
    {
        private static readonly PytzModule Pytz = new();

        public bool TryGetAttribute(string name, out object? value)
        {
            value = name switch { "datetime" => datetime, "re" => re, "pytz" => Pytz, _ => null };
            return value is not null;
        }
    }
}
