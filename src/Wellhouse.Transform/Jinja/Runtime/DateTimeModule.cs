namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>dbt's <c>modules.datetime</c>: the classes <c>datetime</c> (call with <c>tzinfo=</c> a pytz zone,
/// <c>now(tz)</c>, <c>today()</c>, <c>utcnow()</c>, <c>fromisoformat()</c>, <c>strptime()</c> with the directives
/// %Y %m %d %H %M %S %f %y %b %B %%), <c>date</c> (call, <c>today()</c>) and
/// <c>timedelta</c>.</summary>
internal sealed class DateTimeModule : IJinjaObject
{
    private readonly TimeProvider clock;

    public DateTimeModule(TimeProvider clock) => this.clock = clock;

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "datetime" => new ClassObject("datetime", a => Make(a, isDate: false), new()
            {
                ["now"] = a => a.Get(0, "tz") is PyTimeZone tz ? tz.FromInstant(clock.GetUtcNow()) : new PyDateTime(clock.GetLocalNow().DateTime),
                ["today"] = _ => new PyDateTime(clock.GetLocalNow().DateTime),
                ["utcnow"] = _ => new PyDateTime(clock.GetUtcNow().UtcDateTime),
                ["fromisoformat"] = a => new PyDateTime(DateTime.Parse(a.GetString(0, "date_string")!, System.Globalization.CultureInfo.InvariantCulture)),
                ["strptime"] = Strptime,
            }),
            "date" => new ClassObject("date", a => Make(a, isDate: true), new()
            {
                ["today"] = _ => new PyDateTime(clock.GetLocalNow().DateTime, isDate: true),
            }),
            "timedelta" => new ClassObject("timedelta", Delta, []),
            _ => null,
        };
        return value is not null;
    }

    private static PyDateTime Make(JinjaCallArguments a, bool isDate)
    {
        int Part(int i, string name, int dflt) => (int)a.GetInt(i, name, dflt);
        var dt = new DateTime(Part(0, "year", 1), Part(1, "month", 1), Part(2, "day", 1),
            isDate ? 0 : Part(3, "hour", 0), isDate ? 0 : Part(4, "minute", 0), isDate ? 0 : Part(5, "second", 0),
            DateTimeKind.Unspecified).AddTicks(isDate ? 0 : a.GetInt(6, "microsecond", 0) * 10);
        return !isDate && a.Get(7, "tzinfo") is PyTimeZone tz ? new PyDateTime(dt, utcOffset: tz.OffsetAt(dt)) : new PyDateTime(dt, isDate);
    }

    /// <summary>Python's <c>datetime.strptime(text, format)</c>; text that does not match is Python's ValueError message.</summary>
    private static PyDateTime Strptime(JinjaCallArguments a)
    {
        var text = a.GetString(0, "date_string") ?? string.Empty;
        var format = a.GetString(1, "format") ?? string.Empty;
        var net = new System.Text.StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length)
            {
                net.Append('\\').Append(format[i]);
                continue;
            }

            net.Append(format[++i] switch
            {
                'Y' => "yyyy",
                'y' => "yy",
                'm' => "M",
                'd' => "d",
                'H' => "H",
                'M' => "m",
                'S' => "s",
                'f' => "FFFFFF",
                'b' => "MMM",
                'B' => "MMMM",
                '%' => "\\%",
                var other => throw new JinjaException("JINJA013", $"strptime: the directive %{other} is not supported (%Y %m %d %H %M %S %f %y %b %B %%)", a.Span),
            });
        }

        return DateTime.TryParseExact(text, net.ToString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed)
            ? new PyDateTime(parsed)
            : throw new JinjaException("JINJA013", $"time data '{text}' does not match format '{format}'", a.Span);
    }

    private static PyTimeDelta Delta(JinjaCallArguments a)
    {
        double Part(int i, string name) => a.Has(i, name) ? PyOps.ToDouble(a.Get(i, name), a.Span) : 0;
        var ticks = (Part(0, "days") * TimeSpan.TicksPerDay) + (Part(1, "seconds") * TimeSpan.TicksPerSecond)
            + (Part(2, "microseconds") * 10) + (Part(3, "milliseconds") * TimeSpan.TicksPerMillisecond)
            + (Part(4, "minutes") * TimeSpan.TicksPerMinute) + (Part(5, "hours") * TimeSpan.TicksPerHour)
            + (Part(6, "weeks") * TimeSpan.TicksPerDay * 7);
        return new PyTimeDelta(TimeSpan.FromTicks((long)Math.Round(ticks)));
    }

    /// <summary>A Python class: callable (the constructor) with class methods as attributes.</summary>
    private sealed class ClassObject(string name, Func<JinjaCallArguments, object?> constructor, Dictionary<string, Func<JinjaCallArguments, object?>> methods)
        : IJinjaObject, IJinjaCallable
    {
        public object? Call(JinjaCallArguments arguments) => constructor(arguments);

        public bool TryGetAttribute(string attribute, out object? value)
        {
            value = methods.TryGetValue(attribute, out var m) ? new JinjaFunction(m) : null;
            return value is not null;
        }

        public override string ToString() => $"<class 'datetime.{name}'>";
    }
}
