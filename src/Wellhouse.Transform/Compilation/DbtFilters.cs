using System.Globalization;
using Wellhouse.Transform.Jinja;
using Wellhouse.Transform.Jinja.Runtime;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// The filters dbt adds to Jinja for profiles.yml, dbt_project.yml and every template: <c>as_text</c> (the value as
/// text), <c>as_number</c> (a number from its text: <c>port: "{{ env_var('POSTGRES_PORT') | as_number }}"</c>),
/// <c>as_bool</c> (true or false from its text) and <c>as_native</c> (a number, boolean or None from its text, else
/// the text). A value that is not a number or boolean is an error naming it, as dbt's.
/// </summary>
internal static class DbtFilters
{
    public static void AddTo(JinjaEnvironment environment)
    {
        environment.AddFilter("as_text", (value, _) => PyStr.Str(value));
        environment.AddFilter("as_number", (value, arguments) => Number(value) ?? throw Unconvertible(value, "number", arguments));
        environment.AddFilter("as_bool", (value, arguments) => Bool(value) ?? throw Unconvertible(value, "bool", arguments));
        environment.AddFilter("as_native", (value, _) => value is string text
            ? Number(text) ?? Bool(text) ?? (text == "None" ? null : text)
            : value);
    }

    private static object? Number(object? value) => value switch
    {
        long or int or double => value,
        string text when long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) => whole,
        string text when double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => real,
        _ => null,
    };

    private static object? Bool(object? value) => value switch
    {
        bool => value,
        string text when bool.TryParse(text.Trim(), out var flag) => flag,
        _ => null,
    };

    private static JinjaException Unconvertible(object? value, string type, JinjaCallArguments arguments) =>
        new("JINJA002", $"Could not convert value '{PyStr.Str(value)}' into type '{type}'", arguments.Span);
}
