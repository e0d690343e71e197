using Cronos;

namespace Wellhouse.Refresh;

/// <summary>
/// The cron schedule of refreshes (<c>Wellhouse:Refresh:Schedule</c>, standard five-field cron, evaluated in UTC, via
/// Cronos). <see cref="Due"/> is a pure function of the time, so the schedule is tested without waiting.
/// </summary>
internal sealed class RefreshSchedule
{
    private readonly CronExpression _expression;

    private RefreshSchedule(CronExpression expression, string text)
    {
        _expression = expression;
        Text = text;
    }

    public string Text { get; }

    /// <summary>Parses a schedule; null when none is configured; throws ArgumentException with the reason when invalid.</summary>
    public static RefreshSchedule? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var format = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
            return new RefreshSchedule(CronExpression.Parse(text.Trim(), format), text.Trim());
        }
        catch (CronFormatException ex)
        {
            throw new ArgumentException($"Wellhouse:Refresh:Schedule '{text}' is not a valid cron expression: {ex.Message}", nameof(text), ex);
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null if there is none.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => _expression.GetNextOccurrence(after, TimeZoneInfo.Utc);

    /// <summary>Whether an occurrence falls in (<paramref name="lastCheck"/>, <paramref name="now"/>].</summary>
    public bool Due(DateTimeOffset lastCheck, DateTimeOffset now) => Next(lastCheck) is { } next && next <= now;
}
