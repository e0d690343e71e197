namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>dbt's <c>modules.datetime</c>: the classes <c>datetime</c> (call with <c>tzinfo=</c> a pytz zone,
/// <c>now(tz)</c>, <c>today()</c>, <c>utcnow()</c>, <c>fromisoformat()</c>), <c>date</c> (call, <c>today()</c>) and
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
