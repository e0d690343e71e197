using System.Globalization;
using System.Text.RegularExpressions;

namespace Wellhouse.Tests.Warehouse;

/// <summary>The naive Jinja rendering of the harness: only the expressions the project's models and tests use.</summary>
internal sealed partial class WarehouseHarness
{
    public (string Sql, string Materialized) Render(string text)
    {
        var materialized = "table";
        var withoutComments = SetPattern().Replace(CommentPattern().Replace(text, string.Empty), string.Empty);
        var sql = ExpressionPattern().Replace(withoutComments, match =>
        {
            var call = CallPattern().Match(match.Groups[1].Value.Trim());
            if (!call.Success)
            {
                throw new InvalidOperationException("The harness cannot render: " + match.Value);
            }

            var function = call.Groups[1].Value;
            var arguments = ArgumentPattern().Matches(call.Groups[2].Value).Select(a => a.Groups[2].Value).ToList();
            switch (function)
            {
                case "config":
                    var configured = Regex.Match(call.Groups[2].Value, "materialized\\s*=\\s*'([a-z]+)'");
                    materialized = configured.Success ? configured.Groups[1].Value : materialized;
                    return string.Empty;
                case "ref":
                    return "main." + Transform.Graph.Relation.Quote(arguments[^1]);
                case "source":
                    return "'" + RawLocation.Replace("'", "''", StringComparison.Ordinal) + "'";
                case "var":
                    return Convert.ToString(vars[arguments[0]], CultureInfo.InvariantCulture) ?? string.Empty;
                default:
                    return Macro(function, arguments);
            }
        });
        return (sql, materialized);
    }

    /// <summary>The DuckDB branch of macros/cross_database.sql and macros/raw_source.sql.</summary>
    private string Macro(string name, List<string> arguments) => name switch
    {
        "month_start" => $"cast(date_trunc('month', {arguments[0]}) as date)",
        "year_start" => $"cast(date_trunc('year', {arguments[0]}) as date)",
        "days_in_month" => $"dayofmonth(last_day({arguments[0]}))",
        "days_in_year" => $"case when ({arguments[0]}) % 4 = 0 and (({arguments[0]}) % 100 <> 0 or ({arguments[0]}) % 400 = 0) then 366 else 365 end",
        "period_days" => $"case when {arguments[0]} = 'month' then dayofmonth(last_day({arguments[1]})) else 1 end",
        "float_type" => "double",
        "raw_well_production" => "'" + RawLocation.Replace("'", "''", StringComparison.Ordinal) + "'",
        "as_of_date" => vars.GetValueOrDefault("as_of_date") is { } date ? $"cast('{date}' as date)" : "current_date",
        _ => throw new InvalidOperationException("The harness does not know the macro " + name),
    };

    [GeneratedRegex(@"\{#.*?#\}", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"\{%-?\s*set\s.*?-?%\}", RegexOptions.Singleline)]
    private static partial Regex SetPattern();

    [GeneratedRegex(@"\{\{-?(.*?)-?\}\}", RegexOptions.Singleline)]
    private static partial Regex ExpressionPattern();

    [GeneratedRegex(@"^([a-z_]+)\((.*)\)$", RegexOptions.Singleline)]
    private static partial Regex CallPattern();

    [GeneratedRegex(@"(['""])(.*?)\1")]
    private static partial Regex ArgumentPattern();
}
