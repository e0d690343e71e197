using System.ComponentModel;
using System.Reflection;
using Wellhouse.Hosting;

namespace Wellhouse.Cli;

/// <summary>
/// Configuration settings given on the command line of <c>wellhouse serve</c>, as ASP.NET Core's command-line
/// configuration reads them: <c>--Section:Key=value</c> or <c>--Section:Key value</c> (e.g.
/// <c>--Wellhouse:Api:WritesPerMinute=10</c>, <c>--Logging:LogLevel:Default=Debug</c>). A setting of the section
/// <c>Wellhouse</c> must name a setting of <see cref="WellhouseOptions"/> and hold a value of its type, so a misspelled
/// name or a bad value is an error before the server starts, not a setting silently ignored.
/// </summary>
internal static class ConfigurationOverrides
{
    /// <summary>The host arguments (<c>--Key=value</c>), or the first problem as a sentence.</summary>
    public static (string[] Args, string? Error) Parse(IReadOnlyList<string> tokens)
    {
        var args = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                return ([], $"unexpected argument '{token}'");
            }

            var equals = token.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? token[2..] : token[2..equals];
            if (!key.Contains(':', StringComparison.Ordinal))
            {
                return ([], $"unknown option '{token}' (configuration settings are written --Section:Key=value, e.g. --Wellhouse:DataDir=/srv/wellhouse)");
            }

            string value;
            if (equals >= 0)
            {
                value = token[(equals + 1)..];
            }
            else if (i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = tokens[++i];
            }
            else
            {
                return ([], $"setting '{key}' has no value (write --{key}=value)");
            }

            var problem = CheckWellhouseSetting(key, value);
            if (problem is not null)
            {
                return ([], problem);
            }

            args.Add($"--{key}={value}");
        }

        return ([.. args], null);
    }

    /// <summary>Null when <paramref name="key"/> is outside the section Wellhouse or names one of its settings with a
    /// value of the setting's type; else why not.</summary>
    private static string? CheckWellhouseSetting(string key, string value)
    {
        var path = key.Split(':');
        if (!string.Equals(path[0], WellhouseOptions.Section, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var type = typeof(WellhouseOptions);
        for (var i = 1; i < path.Length; i++)
        {
            var property = Settings(type).FirstOrDefault(p => string.Equals(p.Name, path[i], StringComparison.OrdinalIgnoreCase));
            var parent = string.Join(':', path[..i]);
            if (property is null)
            {
                return $"unknown setting '{key}': {parent} has {string.Join(", ", Settings(type).Select(p => p.Name))}";
            }

            type = property.PropertyType;
            if (type == typeof(Dictionary<string, string>))
            {
                // A map of names to values (Warehouse:Environment): one name below it.
                return path.Length == i + 2 && path[^1].Length > 0 ? null
                    : $"'{key}': {parent}:{property.Name} maps names to values, e.g. --{parent}:{property.Name}:NAME=value";
            }

            if (IsScalar(type) != (i == path.Length - 1))
            {
                return IsScalar(type)
                    ? $"unknown setting '{key}': {parent}:{property.Name} is a value, not a section"
                    : $"'{key}' is a section: name one of its settings ({string.Join(", ", Settings(type).Select(p => $"{key}:{p.Name}"))})";
            }
        }

        if (path.Length == 1)
        {
            return $"'{key}' is a section: name one of its settings, e.g. --Wellhouse:DataDir=/srv/wellhouse";
        }

        return IsValid(type, value) ? null : $"setting '{key}': '{value}' is not a valid {Describe(type)}";
    }

    private static IEnumerable<PropertyInfo> Settings(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

    private static bool IsScalar(Type type) => type == typeof(string) || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    private static bool IsValid(Type type, string value)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return value.Length == 0 || IsValid(inner, value);
        }

        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception error) when (error is FormatException or ArgumentException or NotSupportedException or OverflowException or UriFormatException)
        {
            return false;
        }
    }

    private static string Describe(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(bool) => "boolean (true or false)",
        var t when t == typeof(int) || t == typeof(long) => "whole number",
        var t when t == typeof(TimeSpan) => "time span (e.g. 00:00:00.5)",
        var t when t == typeof(Uri) => "URL",
        var t => t.Name,
    };
}
