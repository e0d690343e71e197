namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>dbt's <c>modules.pytz</c>: <c>timezone(name)</c> (an IANA zone; an unknown one is pytz's
/// UnknownTimeZoneError), <c>utc</c>/<c>UTC</c>, <c>all_timezones</c>. A zone prints as its name, has <c>zone</c>,
/// <c>localize(dt)</c> (the naive datetime as wall time in the zone) and <c>utcoffset(dt)</c>; it is accepted as
/// <c>tzinfo=</c> by <c>datetime.datetime(...)</c>, <c>datetime.now(tz)</c> and <c>dt.astimezone(tz)</c>.</summary>
internal sealed class PytzModule : IJinjaObject
{
    public static readonly PyTimeZone Utc = new("UTC", TimeZoneInfo.Utc);

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "timezone" => new JinjaFunction(a => Zone(a.GetString(0, "zone") ?? string.Empty, a)),
            "utc" or "UTC" => Utc,
            "all_timezones" => TimeZoneInfo.GetSystemTimeZones().Select(z => (object?)z.Id).Order().ToList(),
            _ => null,
        };
        return value is not null;
    }

    private static PyTimeZone Zone(string name, JinjaCallArguments a)
    {
        if (name is "UTC" or "utc")
        {
            return Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone)
            ? new PyTimeZone(name, zone)
            : throw new JinjaException("JINJA016", $"UnknownTimeZoneError: '{name}'", a.Span);
    }
}

/// <summary>A pytz time zone.</summary>
internal sealed class PyTimeZone(string name, TimeZoneInfo zone) : IJinjaObject
{
    public string Name { get; } = name;

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The zone's offset at a wall-clock time of the zone.</summary>
    public TimeSpan OffsetAt(DateTime wallTime) => Zone.GetUtcOffset(DateTime.SpecifyKind(wallTime, DateTimeKind.Unspecified));

    /// <summary>A datetime of the zone for an instant.</summary>
    public PyDateTime FromInstant(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        return new PyDateTime(local.DateTime, utcOffset: local.Offset);
    }

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "zone" => Name,
            "localize" => new JinjaFunction(a => a.Get(0, "dt") is PyDateTime dt
                ? new PyDateTime(dt.Value, dt.IsDate, OffsetAt(dt.Value))
                : throw new JinjaException("JINJA016", "localize() needs a datetime", a.Span)),
            "utcoffset" => new JinjaFunction(a => a.Get(0, "dt") is PyDateTime dt ? new PyTimeDelta(OffsetAt(dt.Value)) : null),
            _ => null,
        };
        return value is not null;
    }

    public override string ToString() => Name;
}
