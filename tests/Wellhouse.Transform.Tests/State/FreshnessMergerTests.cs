using Wellhouse.Transform.Execution.Freshness;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.State;

public sealed class FreshnessMergerTests
{
    private static readonly Dictionary<string, object?> SourceBlock = new(StringComparer.Ordinal)
    {
        ["warn_after"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["count"] = 12L, ["period"] = "hour" },
        ["error_after"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["count"] = 1L, ["period"] = "day" },
    };

    [Fact]
    public void Merge_TableWithoutKey_InheritsSource() =>
        Assert.Same(SourceBlock, FreshnessMerger.Merge(SourceBlock, null, updateSet: false));

    [Fact]
    public void Merge_TableNull_SwitchesOff() =>
        Assert.Null(FreshnessMerger.Merge(SourceBlock, null, updateSet: true));

    [Fact]
    public void Merge_TableCountOnly_KeepsSourcePeriodAndErrorAfter()
    {
        var table = new Dictionary<string, object?>(StringComparer.Ordinal) { ["warn_after"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["count"] = 2L } };

        var criteria = FreshnessCriteria.Parse(FreshnessMerger.Merge(SourceBlock, table, updateSet: true), out var error);

        Assert.Null(error);
        Assert.Equal(new FreshnessThreshold(2, "hour"), criteria!.WarnAfter);
        Assert.Equal(new FreshnessThreshold(1, "day"), criteria.ErrorAfter);
    }

    [Fact]
    public void Merge_WarnAfterNull_OnlyErrorAfterLeft()
    {
        var table = new Dictionary<string, object?>(StringComparer.Ordinal) { ["warn_after"] = null };

        var criteria = FreshnessCriteria.Parse(FreshnessMerger.Merge(SourceBlock, table, updateSet: true), out _);

        Assert.Null(criteria!.WarnAfter);
        Assert.Equal(FreshnessStatus.Pass, criteria.StatusFor(23 * 3600));
        Assert.Equal(FreshnessStatus.Error, criteria.StatusFor(25 * 3600));
    }

    [Theory]
    [InlineData("fortnight", "period must be minute, hour or day, not 'fortnight'")]
    [InlineData(null, null)]
    public void Parse_Period_ValidatedAsDbt(string? period, string? message)
    {
        var block = new Dictionary<string, object?>(StringComparer.Ordinal) { ["error_after"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["count"] = 3L, ["period"] = period ?? "minute" } };

        var criteria = FreshnessCriteria.Parse(block, out var error);

        if (message is null)
        {
            Assert.Equal(180, criteria!.ErrorAfter!.Seconds);
            Assert.False(criteria.ErrorAfter.Exceeded(180));
            Assert.True(criteria.ErrorAfter.Exceeded(180.5));
        }
        else
        {
            Assert.Null(criteria);
            Assert.Contains(message, error, StringComparison.Ordinal);
        }
    }
}
