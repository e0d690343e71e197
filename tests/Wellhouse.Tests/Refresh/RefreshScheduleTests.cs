using Microsoft.Extensions.DependencyInjection;
using Wellhouse.Refresh;
using Wellhouse.Tests.Api;

namespace Wellhouse.Tests.Refresh;

public sealed class RefreshScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_Empty_IsNoSchedule()
    {
        Assert.Null(RefreshSchedule.Parse(" "));
    }

    [Fact]
    public void Parse_Invalid_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => RefreshSchedule.Parse("every hour"));

        Assert.Contains("Wellhouse:Refresh:Schedule", error.Message);
    }

    [Theory]
    [InlineData("0 * * * *", 59, 60, true)]
    [InlineData("0 * * * *", 0, 59, false)]
    [InlineData("*/15 * * * *", 14, 15, true)]
    [InlineData("0 3 * * *", 0, 60, false)]
    public void Due_WindowContainsOccurrence_IsTrue(string cron, int fromMinutes, int toMinutes, bool due)
    {
        var schedule = RefreshSchedule.Parse(cron)!;

        Assert.Equal(due, schedule.Due(Noon.AddMinutes(fromMinutes), Noon.AddMinutes(toMinutes)));
    }

    [Fact]
    public async Task Tick_Due_StartsARefreshThatPublishes()
    {
        using var factory = new WellhouseApiFactory(schedule: "0 * * * *");
        var scheduler = factory.Services.GetRequiredService<RefreshScheduler>();
        var schedule = RefreshSchedule.Parse("0 * * * *")!;

        var none = scheduler.Tick(schedule, Noon.AddMinutes(1), Noon.AddMinutes(2));
        var id = scheduler.Tick(schedule, Noon.AddMinutes(59), Noon.AddMinutes(60));
        var run = await factory.Services.GetRequiredService<RefreshCoordinator>().WaitAsync(id!);

        Assert.Null(none);
        Assert.Equal("schedule", run!.Trigger);
        Assert.True(run.Published);
    }

    [Fact]
    public async Task Tick_WhileRunning_SkipsTheOccurrence()
    {
        using var factory = new WellhouseApiFactory();
        factory.Builder.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var coordinator = factory.Services.GetRequiredService<RefreshCoordinator>();
        var running = coordinator.TryStart("api").Started!;

        var id = factory.Services.GetRequiredService<RefreshScheduler>().Tick(RefreshSchedule.Parse("* * * * *")!, Noon, Noon.AddMinutes(1));
        factory.Builder.Gate.SetResult();
        await coordinator.WaitAsync(running.Id);

        Assert.Null(id);
        Assert.Equal(1, factory.Builder.Builds);
    }
}
