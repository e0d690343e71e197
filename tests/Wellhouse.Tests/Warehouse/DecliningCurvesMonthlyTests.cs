namespace Wellhouse.Tests.Warehouse;

/// <summary>The view int_declining_curves on the generated monthly build: its fitted rates are Wellhouse.Decline's.</summary>
[Collection(MonthlyBuildCollection.Name)]
public sealed class DecliningCurvesMonthlyTests(MonthlyBuildFixture fixture)
{
    [Fact]
    public async Task FittedRate_EveryHistoricalRow_EqualsTheLibrarysRate()
    {
        var (compared, mismatches) = await DeclineCurvesCheck.CompareAsync(fixture.Build);
        var kinds = await fixture.Build.QueryAsync("select distinct model from int_decline_fits where model is not null");

        Assert.Empty(mismatches);
        Assert.NotEmpty(compared);
        Assert.Equal(kinds.Select(row => (string)row[0]!).Order(StringComparer.Ordinal), compared.Keys.Order(StringComparer.Ordinal));
    }
}
