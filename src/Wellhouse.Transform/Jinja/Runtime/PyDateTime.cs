using System.Globalization;

using Wellhouse.Transform.Jinja.Runtime;

namespace Wellhouse.Transform.Jinja;

/// <summary>Python's <c>datetime.datetime</c> (or, with <see cref="IsDate"/>, <c>datetime.date</c>) as templates see
/// it: str() as <c>2024-01-02 03:04:05.123456</c>, attributes year..microsecond, strftime, isoformat, arithmetic with
/// timedelta (Python docs, "datetime Objects"). The host uses it for dbt's <c>run_started_at</c>.</summary>
public sealed partial class PyDateTime(DateTime value, bool isDate = false, TimeSpan? utcOffset = null)
{
    public DateTime Value { get; } = isDate ? value.Date : value;

    public bool IsDate { get; } = isDate;

    /// <summary>The UTC offset of an aware datetime (printed as +00:00); null for a naive one.</summary>
    public TimeSpan? UtcOffset { get; } = utcOffset;

    /// <summary>An aware datetime from a DateTimeOffset (dbt's run_started_at is UTC).</summary>
    public static PyDateTime FromDateTimeOffset(DateTimeOffset value) => new(value.DateTime, utcOffset: value.Offset);

    internal PyDateTime Add(TimeSpan delta) =>
        new(IsDate ? Value.AddDays(Math.Truncate(delta.TotalDays)) : Value + delta, IsDate, UtcOffset);

    private long Microsecond => Value.Ticks % TimeSpan.TicksPerSecond / 10;

    internal bool HasMember(string name) => name is "year" or "month" or "day" or "hour" or "minute" or "second"
        or "microsecond" or "tzinfo" or "strftime" or "isoformat" or "date" or "replace" or "weekday"
        or "isoweekday" or "timestamp";

    internal bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "year" => (long)Value.Year,
            "month" => (long)Value.Month,
            "day" => (long)Value.Day,
            "hour" when !IsDate => (long)Value.Hour,
            "minute" when !IsDate => (long)Value.Minute,
            "second" when !IsDate => (long)Value.Second,
            "microsecond" when !IsDate => Microsecond,
            _ => this,
        };
        if (name == "tzinfo" && !IsDate)
        {
            value = UtcOffset is null ? null : "UTC";
            return true;
        }

        if (ReferenceEquals(value, this))
        {
            value = null;
            return false;
        }

        return true;
    }

    internal object? CallMethod(string name, JinjaCallArguments a) => name switch
    {
        "strftime" => Strftime(a.GetString(0, "format")!),
        "isoformat" => Iso(a.GetString(0, "sep", "T")!),
        "date" => new PyDateTime(Value, isDate: true),
        "weekday" => (long)(((int)Value.DayOfWeek + 6) % 7),
        "isoweekday" => (long)(((int)Value.DayOfWeek + 6) % 7) + 1,
        "timestamp" => (Value - (UtcOffset ?? TimeSpan.Zero) - DateTime.UnixEpoch).TotalSeconds,
        "replace" => Replace(a),
        _ => throw PyOps.TypeError($"'{PyOps.TypeName(this)}' object has no attribute '{name}'", a.Span),
    };

    private PyDateTime Replace(JinjaCallArguments a)
    {
        int Part(string key, int current) => a.Keyword.TryGetValue(key, out var v) ? (int)PyOps.ToLong(v, a.Span) : current;
        var micro = a.Keyword.TryGetValue("microsecond", out var m) ? PyOps.ToLong(m, a.Span) : Microsecond;
        var dt = new DateTime(Part("year", Value.Year), Part("month", Value.Month), Part("day", Value.Day),
            Part("hour", Value.Hour), Part("minute", Value.Minute), Part("second", Value.Second), DateTimeKind.Unspecified)
            .AddTicks(micro * 10);
        var offset = a.Keyword.TryGetValue("tzinfo", out var tz) ? (tz is null ? null : TimeSpan.Zero) : UtcOffset;
        return new PyDateTime(dt, IsDate, offset);
    }

    /// <summary>Python's <c>isoformat(sep)</c>: <c>2024-01-02T03:04:05</c>, a date <c>2024-01-02</c>.</summary>
    public string IsoFormat(string sep = "T") => Iso(sep);

    private string Iso(string sep)
    {
        var date = Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (IsDate)
        {
            return date;
        }

        var time = Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        if (Microsecond != 0)
        {
            time += "." + Microsecond.ToString("000000", CultureInfo.InvariantCulture);
        }

        return date + sep + time + Offset(withColon: true);
    }

    private string Offset(bool withColon)
    {
        if (UtcOffset is not { } o)
        {
            return string.Empty;
        }

        var sign = o < TimeSpan.Zero ? "-" : "+";
        var abs = o.Duration();
        return sign + abs.Hours.ToString("00", CultureInfo.InvariantCulture) + (withColon ? ":" : string.Empty)
            + abs.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }

    public override string ToString() => Iso(" ");
}
