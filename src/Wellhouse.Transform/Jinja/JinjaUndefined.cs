namespace Wellhouse.Transform.Jinja;

/// <summary>How a render treats undefined values (a missing name, attribute or item).</summary>
public enum JinjaUndefined
{
    /// <summary>Jinja2's default Undefined, as dbt compiles: prints as '', is false, iterates as empty; its
    /// attribute, item or call, arithmetic and ordering are errors.</summary>
    Default,

    /// <summary>dbt's parse-time undefined (dbt-common <c>create_undefined</c>, used with <c>capture_macros</c>):
    /// as Default, but an attribute, item or call of an undefined value is that value, so
    /// <c>{{ missing_pkg.macro() }}</c> parses and fails only when compiled.</summary>
    Chainable,
}
