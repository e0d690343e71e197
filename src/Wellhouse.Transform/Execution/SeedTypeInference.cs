using System.Globalization;
using Wellhouse.Transform.Adapters;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// Seed column types as dbt infers them with agate's type tester: the first kind, in the order integer, number,
/// date (<c>%Y-%m-%d</c>), datetime (<c>%Y-%m-%d %H:%M:%S</c> or ISO 8601), boolean (<c>true</c>/<c>false</c>), text,
/// that accepts every non-empty value of the column (dbt-core <c>clients/agate_helper.py</c>, described in dbt's seed
/// docs). Empty values are NULL and accept every kind, so an all-empty column is integer, agate's first kind (dbt-codegen's
/// integration tests expect `integer` for one).
/// Difference from dbt: an integer column with values outside 32-bit range becomes BIGINT instead of failing.
/// </summary>
internal static class SeedTypeInference
{
    internal static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-M-d H:m:s", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
    ];

    public static SeedColumnKind Infer(IReadOnlyList<string?[]> rows, int column, out bool needsBigint)
    {
        needsBigint = false;
        bool integer = true, number = true, date = true, dateTime = true, boolean = true;
        foreach (var row in rows)
        {
            var value = row[column];
            if (value is null)
            {
                continue;
            }

            if (integer)
            {
                if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                {
                    needsBigint |= parsed is > int.MaxValue or < int.MinValue;
                }
                else
                {
                    integer = false;
                }
            }

            number = number && IsNumber(value);
            date = date && DateOnly.TryParseExact(value, ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
            dateTime = dateTime && DateTime.TryParseExact(value, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
            boolean = boolean && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase));
            if (!integer && !number && !date && !dateTime && !boolean)
            {
                return SeedColumnKind.Text;
            }
        }

        return integer ? SeedColumnKind.Integer
            : number ? SeedColumnKind.Number
            : date ? SeedColumnKind.Date
            : dateTime ? SeedColumnKind.DateTime
            : boolean ? SeedColumnKind.Boolean
            : SeedColumnKind.Text;
    }

    private static bool IsNumber(string value) =>
        value.Length > 0
        && (char.IsAsciiDigit(value[0]) || value[0] is '-' or '+' or '.')
        && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
        && double.IsFinite(parsed);
}
