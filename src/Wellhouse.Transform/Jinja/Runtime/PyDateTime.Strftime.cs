using System.Globalization;
using System.Text;


namespace Wellhouse.Transform.Jinja;

public sealed partial class PyDateTime
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>C's strftime directives as Python documents them for the C locale: %Y %m %d %H %M %S %f %y %b %B %a %A
    /// %j %p %I %z %Z %w %% (and %F, %T as glibc).</summary>
    internal string Strftime(string format)
    {
        var sb = new StringBuilder();
        var v = Value;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                sb.Append(format[i]);
                continue;
            }

            var d = format[++i];
            sb.Append(d switch
            {
                'Y' => v.Year.ToString("0000", CultureInfo.InvariantCulture),
                'm' => v.Month.ToString("00", CultureInfo.InvariantCulture),
                'd' => v.Day.ToString("00", CultureInfo.InvariantCulture),
                'H' => v.Hour.ToString("00", CultureInfo.InvariantCulture),
                'M' => v.Minute.ToString("00", CultureInfo.InvariantCulture),
                'S' => v.Second.ToString("00", CultureInfo.InvariantCulture),
                'f' => Microsecond.ToString("000000", CultureInfo.InvariantCulture),
                'y' => (v.Year % 100).ToString("00", CultureInfo.InvariantCulture),
                'b' => Months[v.Month - 1][..3],
                'B' => Months[v.Month - 1],
                'a' => Days[(int)v.DayOfWeek][..3],
                'A' => Days[(int)v.DayOfWeek],
                'j' => v.DayOfYear.ToString("000", CultureInfo.InvariantCulture),
                'p' => v.Hour < 12 ? "AM" : "PM",
                'I' => ((v.Hour + 11) % 12 + 1).ToString("00", CultureInfo.InvariantCulture),
                'z' => Offset(withColon: false),
                'Z' => UtcOffset is null ? string.Empty : "UTC",
                'w' => ((int)v.DayOfWeek).ToString(CultureInfo.InvariantCulture),
                'F' => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                'T' => v.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                '%' => "%",
                _ => "%" + d,
            });
        }

        return sb.ToString();
    }
}
