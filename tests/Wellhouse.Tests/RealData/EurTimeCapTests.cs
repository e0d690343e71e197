using System.Globalization;
using Wellhouse.Decline;
using Wellhouse.Tests.Warehouse;

namespace Wellhouse.Tests.RealData;

/// <summary>
/// Issue 15, defect 3, on the data that showed it: on North Dakota, 310 of 579 fitted wells still produced more than
/// 10 bbl/d at the 120th forecast month, where the marts' EUR stopped. EUR now runs to the economic limit
/// (economic_limit_oil_kbd, 0.01) or the time cap (eur_time_cap_years, 30, from the fit's t0): the fits' remaining
/// volume from the end of each history, which the summary of a producing well reports as is where the population
/// method does not forecast it (the population's EUR runs to the same limit or cap:
/// <c>PopulationForecastNorthDakotaTests.WellSummary_NorthDakota_EurIsThePopulationForecastToTheLimitOrTheCap</c>).
/// </summary>
[Collection(NorthDakotaBuildCollection.Name)]
public sealed class EurTimeCapTests(NorthDakotaBuildFixture fixture, ITestOutputHelper output)
{
    private const double LimitKbd = 0.01;
    private static readonly double CapDays = 30 * DeclineConversions.DaysPerYear;

    [Fact]
    public async Task WellSummary_NorthDakota_EurRunsPastTheForecastHorizonToTheLimitOrTheCap()
    {
        var rows = await fixture.Build.QueryAsync("""
            select s.well_code, f.remaining_p50,
                case when s.well_status = 'producing' and s.oil_forecast_method = 'per_well_fit' then s.oil_eur_kbbl - s.cum_oil_kbbl else f.remaining_p50 end,
                f.eur_end_date, f.eur_limited_by,
                f.model, f.qi, f.di_per_day, f.b, f.dlim_per_day, f.duong_a_per_day, f.duong_m, f.tau_days, f.stretch_n,
                f.t0_date, last_day(max(p.production_period)) + 1, list_last(f.forecast_months), f.remaining_p10, f.remaining_p90
            from mart_well_summary as s
            inner join int_decline_fits as f on f.well_code = s.well_code and f.stream = 'oil'
            inner join stg_well_production as p on p.well_code = s.well_code
            where f.model is not null
            group by all
            """);
        var beyondHorizon = 0;
        var byCap = 0;
        var problems = new List<string>();
        foreach (var row in rows)
        {
            var model = DeclineCurvesCheck.Model((string)row[5]!, D(row[6])!.Value, D(row[7]), D(row[8]), D(row[9]), (D(row[10]), D(row[11])), (D(row[12]), D(row[13])));
            var t0 = (DateOnly)row[14]!;
            var end = (DateOnly)row[3]!;
            var historyEnd = (DateOnly)row[15]!;
            var tEnd = end.DayNumber - t0.DayNumber;
            var tHistory = historyEnd.DayNumber - t0.DayNumber;
            var remaining = D(row[1])!.Value;
            var expected = tEnd > tHistory ? model.Cumulative(tEnd) - model.Cumulative(tHistory) : 0;
            var monthVolume = 31 * model.Rate(Math.Max(tHistory - 31, 0));
            if (Math.Abs(remaining - expected) > 2 * monthVolume + 1e-9 || Math.Abs(remaining - D(row[2])!.Value) > 1e-9)
            {
                problems.Add($"well {row[0]}: remaining {remaining:G6} kbbl, the curve to {end} gives {expected:G6}");
            }

            var limitedBy = (string)row[4]!;
            if (limitedBy == "time_cap")
            {
                byCap++;
                Check(Math.Abs(tEnd - CapDays) <= 1 && model.Rate(tEnd - 1) >= LimitKbd, $"well {row[0]}: time cap at {end} (t {tEnd}), rate {model.Rate(tEnd):G4}");
            }
            else if (tEnd > tHistory)
            {
                Check(model.Rate(tEnd - 1) >= LimitKbd * 0.999 && model.Rate(tEnd + 1) <= LimitKbd * 1.001 && tEnd <= CapDays,
                    $"well {row[0]}: economic limit at {end}, rate there {model.Rate(tEnd):G4} kbd");
            }

            Check(D(row[17]) >= D(row[18]), $"well {row[0]}: EUR P10 {row[17]} below P90 {row[18]}");
            if (row[16] is DateOnly lastForecast && end > lastForecast)
            {
                beyondHorizon++;
            }
        }

        output.WriteLine($"{rows.Count} fitted oil wells; EUR past the 120-month horizon: {beyondHorizon}; stopped by the time cap: {byCap}");
        Assert.True(rows.Count > 500, $"{rows.Count} fitted wells");
        Assert.True(beyondHorizon > 100, $"only {beyondHorizon} wells have their EUR end past the forecast horizon");
        Assert.Empty(problems);

        void Check(bool condition, string problem)
        {
            if (!condition)
            {
                problems.Add(problem);
            }
        }
    }

    private static double? D(object? value) => value is null ? null : Convert.ToDouble(value, CultureInfo.InvariantCulture);
}
