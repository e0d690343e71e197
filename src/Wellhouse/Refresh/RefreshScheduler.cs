using Microsoft.Extensions.Options;
using Wellhouse.Hosting;

namespace Wellhouse.Refresh;

/// <summary>
/// Starts a refresh at each occurrence of the schedule. Checks once per second; an occurrence that finds a refresh
/// running is skipped (one at a time), and logged.
/// </summary>
internal sealed class RefreshScheduler(RefreshCoordinator coordinator, IOptions<WellhouseOptions> options, TimeProvider time,
    ILogger<RefreshScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = RefreshSchedule.Parse(options.Value.Refresh.Schedule);
        if (schedule is null)
        {
            return;
        }

        logger.LogInformation("Refresh schedule: {Schedule} (UTC), next at {Next}", schedule.Text, schedule.Next(time.GetUtcNow()));
        var lastCheck = time.GetUtcNow();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = time.GetUtcNow();
            Tick(schedule, lastCheck, now);
            lastCheck = now;
        }
    }

    /// <summary>One check: starts a refresh when an occurrence fell in (lastCheck, now]; returns the started run's id.</summary>
    internal string? Tick(RefreshSchedule schedule, DateTimeOffset lastCheck, DateTimeOffset now)
    {
        if (!schedule.Due(lastCheck, now))
        {
            return null;
        }

        var start = coordinator.TryStart("schedule");
        if (start.Started is null)
        {
            logger.LogWarning("Scheduled refresh skipped: refresh {RunId} is still running", start.RunningId);
            return null;
        }

        return start.Started.Id;
    }
}
