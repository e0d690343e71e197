using System.Globalization;

using Wellhouse.Transform.Jinja.Runtime;

namespace Wellhouse.Transform.Jinja;

/// <summary>Python's <c>datetime.timedelta</c>: prints as <c>1 day, 2:03:04</c> (Python docs, "timedelta Objects").</summary>
public sealed class PyTimeDelta(TimeSpan value)
{
    public TimeSpan Value { get; } = value;

    internal bool HasMember(string name) => name is "days" or "seconds" or "microseconds" or "total_seconds";

    internal bool TryGetAttribute(string name, out object? value)
    {
        var ticks = Value.Ticks;
        var days = (long)Math.Floor(ticks / (double)TimeSpan.TicksPerDay);
        var rest = ticks - (days * TimeSpan.TicksPerDay);
        value = name switch
        {
            "days" => days,
            "seconds" => rest / TimeSpan.TicksPerSecond,
            "microseconds" => rest % TimeSpan.TicksPerSecond / 10,
            _ => null,
        };
        return value is not null;
    }

    internal object? CallMethod(string name, JinjaCallArguments a) => name == "total_seconds"
        ? Value.Ticks / (double)TimeSpan.TicksPerSecond
        : throw PyOps.TypeError($"'datetime.timedelta' object has no attribute '{name}'", a.Span);

    public override string ToString()
    {
        TryGetAttribute("days", out var d);
        TryGetAttribute("seconds", out var s);
        TryGetAttribute("microseconds", out var us);
        var days = (long)d!;
        var seconds = (long)s!;
        var micro = (long)us!;
        var time = string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}");
        if (micro != 0)
        {
            time += string.Create(CultureInfo.InvariantCulture, $".{micro:000000}");
        }

        return days == 0 ? time : string.Create(CultureInfo.InvariantCulture, $"{days} day{(Math.Abs(days) == 1 ? string.Empty : "s")}, {time}");
    }
}
