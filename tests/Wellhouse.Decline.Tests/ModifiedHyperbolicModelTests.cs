namespace Wellhouse.Decline.Tests;

/// <summary>Robertson (1988, SPE-18731) modified hyperbolic: switch time and continuity at the switch.</summary>
public sealed class ModifiedHyperbolicModelTests
{
    private const double Year = 365.25;

    /// <summary>t_sw = (1/Dlim - 1/Di)/b with Dlim = -ln(1 - Dmin)/365.25 (values computed with Python's math).</summary>
    [Theory]
    [InlineData(1.0, 1.0, 0.06, 5537.741787562744)]
    [InlineData(2.0, 0.5, 0.06, 11440.733575125489)]
    public void SwitchTime_MatchesRobertsonFormula(double diPerYear, double b, double dmin, double expected)
    {
        var model = new ModifiedHyperbolicModel(1000, diPerYear / Year, b, DeclineConversions.TerminalDeclinePerDay(dmin));

        Assert.Equal(expected, model.SwitchTime, 1e-9 * expected);
        Assert.Equal(model.TerminalDeclinePerDay, model.Decline(model.SwitchTime), 1e-15);
    }

    [Fact]
    public void RateCumulativeAndDecline_AcrossTheSwitch_AreContinuous()
    {
        var model = new ModifiedHyperbolicModel(1000, 1.5 / Year, 1.1, DeclineConversions.TerminalDeclinePerDay(0.08));
        var tsw = model.SwitchTime;
        const double eps = 1e-7;

        Assert.Equal(model.Rate(tsw - eps), model.Rate(tsw + eps), 1e-9 * model.Rate(tsw));
        Assert.Equal(model.Cumulative(tsw - eps), model.Cumulative(tsw + eps), 1e-9 * model.Cumulative(tsw));
        Assert.Equal(model.Decline(tsw - eps), model.Decline(tsw + eps), 1e-12);
    }

    [Fact]
    public void Rate_AfterTheSwitch_IsExponentialAtDlim()
    {
        var dlim = DeclineConversions.TerminalDeclinePerDay(0.1);
        var model = new ModifiedHyperbolicModel(1000, 2 / Year, 1.5, dlim);
        var t = model.SwitchTime + 1000;

        Assert.Equal(model.Rate(model.SwitchTime) * Math.Exp(-dlim * 1000), model.Rate(t), 1e-9 * model.Rate(t));
        Assert.Equal(1 - 0.1, model.Rate(t + Year) / model.Rate(t), 1e-12);
    }

    [Fact]
    public void Model_InitialDeclineBelowDlim_IsExponentialFromTheStart()
    {
        var dlim = DeclineConversions.TerminalDeclinePerDay(0.3);
        var model = new ModifiedHyperbolicModel(1000, 0.1 / Year, 1.0, dlim);

        Assert.Equal(0, model.SwitchTime);
        Assert.Equal(1000 * Math.Exp(-0.1), model.Rate(Year), 1e-9);
    }
}
