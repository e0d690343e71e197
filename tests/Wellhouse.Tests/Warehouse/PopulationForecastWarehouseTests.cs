using System.Globalization;
using Wellhouse.Cli;
using Wellhouse.Tests.RealData;

namespace Wellhouse.Tests.Warehouse;

/// <summary>
/// The warehouse forecasts with the method of <c>wellhouse decline forecast</c> (issue 15): on the same raw file and
/// the same as-of date (the data's, int_well_status.data_as_of_date), int_population_forecast holds the CLI's
/// numbers, and mart_decline_forecast's population rows are them as rates, volumes and cumulatives.
/// </summary>
internal static class PopulationForecastComparison
{
    private const double Tolerance = 1e-9;

    public static async Task AssertSameAsTheCliAsync(WarehouseBuild build, string rawFile)
    {
        // The data's as-of date (the day after the last reported day): the CLI reads the months before its month and
        // forecasts from int_well_status.forecast_from_month, as the warehouse does.
        var asOf = (DateOnly)(await build.QueryAsync("select distinct data_as_of_date from int_well_status"))
            .Select(r => r[0]).Single()!;
        var horizon = await build.ScalarAsync<long>("select count(distinct month) from int_population_forecast");
        Assert.Equal(120, horizon);
        var folder = Directory.CreateTempSubdirectory("wellhouse-population-warehouse-");
        try
        {
            var compared = 0;
            foreach (var stream in new[] { "oil", "gas" })
            {
                var target = Path.Combine(folder.FullName, stream + ".csv");
                var output = new StringWriter();
                var error = new StringWriter();
                var exit = await WellhouseCli.RunAsync(["decline", "forecast", "--input", rawFile, "--as-of", $"{asOf:yyyy-MM-dd}",
                    "--months", "120", "--output", target, "--stream", stream], output, error);
                Assert.True(exit == 0, error.ToString());

                var cli = File.ReadLines(target).Skip(1).Select(l => l.Split(','))
                    .ToDictionary(f => (int.Parse(f[0], CultureInfo.InvariantCulture), DateOnly.Parse(f[2], CultureInfo.InvariantCulture)),
                        f => f[3..].Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray());
                var warehouse = await build.QueryAsync($"""
                    select well_code, month, volume_p10, volume_p50, volume_p90, cum_p10, cum_p50, cum_p90
                    from int_population_forecast where stream = '{stream}' and month is not null order by well_code, month
                    """);
                Assert.Equal(cli.Count, warehouse.Count);
                foreach (var row in warehouse)
                {
                    var key = (Convert.ToInt32(row[0], CultureInfo.InvariantCulture), (DateOnly)row[1]!);
                    Assert.True(cli.TryGetValue(key, out var expected), $"{stream} {key}: not in the CLI's forecast");
                    for (var i = 0; i < 6; i++)
                    {
                        var actual = Convert.ToDouble(row[i + 2], CultureInfo.InvariantCulture);
                        Assert.True(Math.Abs(actual - expected[i]) <= Tolerance * Math.Max(Math.Abs(expected[i]), 1e-6),
                            $"{stream} {key} column {i}: warehouse {actual:R}, CLI {expected[i]:R}");
                    }
                }

                var reasons = File.ReadLines(Path.ChangeExtension(target, null) + ".reasons.csv").Skip(1)
                    .Select(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)).Order().ToArray();
                var warehouseReasons = (await build.QueryAsync(
                    $"select well_code from int_population_forecast where stream = '{stream}' and reason is not null order by well_code"))
                    .Select(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture)).ToArray();
                Assert.Equal(reasons, warehouseReasons);
                compared += warehouse.Count;
            }

            Assert.True(compared > 0);

            // mart_decline_forecast: the population's months as they are (rate = volume / days of the month).
            Assert.Equal(0, await build.ScalarAsync<long>("""
                select count(*) from mart_decline_forecast as m
                left join int_population_forecast as p on m.well_code = p.well_code and m.stream = p.stream and m.month = p.month
                where m.method = 'population' and (p.well_code is null
                    or abs(m.volume_p50 - p.volume_p50) > 1e-12 * greatest(abs(p.volume_p50), 1)
                    or abs(m.rate_p10 * day(last_day(m.month)) - p.volume_p10) > 1e-9 * greatest(abs(p.volume_p10), 1)
                    or abs(m.rate_p90 * day(last_day(m.month)) - p.volume_p90) > 1e-9 * greatest(abs(p.volume_p90), 1))
                """));
            Assert.Equal(await build.ScalarAsync<long>("""
                select count(*) from int_population_forecast as p inner join int_well_status as s on p.well_code = s.well_code
                where p.month is not null and s.well_status <> 'abandoned'
                """), await build.ScalarAsync<long>("select count(*) from mart_decline_forecast where method = 'population'"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

/// <summary>
/// One forecast per well (issue 15): mart_well_summary's EUR and remaining reserves are those of the forecast
/// mart_decline_forecast shows (the population method's where it forecasts the well), run on to the economic limit or
/// the time cap past the horizon; the per-well fit's parameters stay beside them.
/// </summary>
internal static class PopulationReservesCheck
{
    /// <summary>Checks the summary against int_population_forecast and mart_decline_forecast; returns the number of
    /// oil wells whose EUR comes from the population forecast and the number whose EUR ends past the horizon.</summary>
    public static async Task<(long Population, long PastHorizon)> AssertSummaryIsThePopulationForecastAsync(WarehouseBuild build)
    {
        // The summary's oil EUR is the cumulative + the population's remaining P50 (P10 and P90 likewise) wherever the
        // population forecasts the well, and the per-well fit's parameters are still reported.
        Assert.Equal(0, await build.ScalarAsync<long>("""
            select count(*) from mart_well_summary as s
            left join int_population_forecast as p
                on p.well_code = s.well_code and p.stream = 'oil' and p.month is null and p.reason is null
            left join int_decline_fits as f on f.well_code = s.well_code and f.stream = 'oil'
            where (s.oil_forecast_method = 'population') <> (p.well_code is not null and s.well_status <> 'abandoned')
                or (s.oil_forecast_method = 'population' and (
                    abs(s.oil_remaining_kbbl - p.remaining_p50) > 1e-9
                    or abs(s.oil_eur_kbbl - s.cum_oil_kbbl - p.remaining_p50) > 1e-6
                    or abs(s.oil_eur_p10_kbbl - s.cum_oil_kbbl - p.remaining_p10) > 1e-6
                    or abs(s.oil_eur_p90_kbbl - s.cum_oil_kbbl - p.remaining_p90) > 1e-6
                    or s.oil_eur_end_date <> p.eur_end_date or s.oil_eur_limited_by <> p.eur_limited_by))
                or (f.model is not null and (s.oil_qi_kbd is distinct from f.qi or s.oil_b is distinct from f.b))
                or s.oil_eur_p90_kbbl > s.oil_eur_kbbl + 1e-9 or s.oil_eur_kbbl > s.oil_eur_p10_kbbl + 1e-9
                or (s.well_status = 'abandoned' and (s.oil_forecast_method <> 'none' or s.oil_remaining_kbbl <> 0))
            """));

        // The remaining P50 is mart_decline_forecast's P50 months before the end date: all of them, and then a tail,
        // when it ends past the horizon; those before the first month whose producing-day rate is under the limit
        // when the limit is reached within it (that month under it, the one before not).
        var rows = await build.QueryAsync("""
            with months as (
                select m.well_code, sum(m.volume_p50) filter (where m.month < p.eur_end_date) as before_end,
                    max(m.month) as last_month, min(m.month) as first_month,
                    max(m.volume_p50 / day(last_day(m.month)) / p.uptime) filter (where m.month = p.eur_end_date) as rate_at_end,
                    max(m.volume_p50 / day(last_day(m.month)) / p.uptime) filter (where m.month = p.eur_end_date - interval 1 month) as rate_before_end
                from mart_decline_forecast as m
                inner join int_population_forecast as p
                    on p.well_code = m.well_code and p.stream = m.stream and p.month is null and p.reason is null
                where m.stream = 'oil' and m.method = 'population'
                group by m.well_code
            )
            select s.well_code, s.oil_remaining_kbbl, months.before_end, months.last_month, s.oil_eur_end_date,
                s.oil_eur_limited_by, months.rate_at_end, months.rate_before_end,
                months.first_month
            from mart_well_summary as s
            inner join months on months.well_code = s.well_code
            where s.oil_forecast_method = 'population'
            """);
        var pastHorizon = 0;
        var problems = new List<string>();
        foreach (var row in rows)
        {
            var remaining = Convert.ToDouble(row[1], CultureInfo.InvariantCulture);
            var before = row[2] is null ? 0 : Convert.ToDouble(row[2], CultureInfo.InvariantCulture);
            var lastMonth = (DateOnly)row[3]!;
            var end = (DateOnly)row[4]!;
            var limitedBy = (string)row[5]!;
            if (end > lastMonth.AddMonths(1))
            {
                pastHorizon++;
                if (!(remaining > before))
                {
                    problems.Add($"well {row[0]}: ends {end}, past the horizon, but remaining {remaining} <= the months' {before}");
                }
            }
            else if (Math.Abs(remaining - before) > 1e-9 * Math.Max(before, 1))
            {
                problems.Add($"well {row[0]}: ends {end} within the horizon, remaining {remaining} but the months before it give {before}");
            }
            else if (limitedBy == "economic_limit" && end <= lastMonth
                && !(Convert.ToDouble(row[6], CultureInfo.InvariantCulture) < 0.01
                    && (row[7] is null || Convert.ToDouble(row[7], CultureInfo.InvariantCulture) >= 0.01)))
            {
                problems.Add($"well {row[0]}: economic limit at {end}, rates there {row[6]} and before {row[7]} kbd");
            }

            // The cap is 30 years (10,958 days) after the as-of date, the first forecast month.
            if (limitedBy == "time_cap" && end != ((DateOnly)row[8]!).AddDays(10958))
            {
                problems.Add($"well {row[0]}: time cap at {end}, first forecast month {row[8]}");
            }
        }

        Assert.Empty(problems);
        return (rows.Count, pastHorizon);
    }
}

/// <summary>On the bundled Volve sample (7 wells, daily rows): runs on a clean clone.</summary>
[Collection(VolveBuildCollection.Name)]
public sealed class PopulationForecastVolveTests(VolveBuildFixture fixture)
{
    [Fact]
    public async Task IntPopulationForecast_Volve_IsTheCliForecastOfTheSameFileAndDate() =>
        await PopulationForecastComparison.AssertSameAsTheCliAsync(fixture.Build, fixture.RawLocation!);

    [Fact]
    public async Task WellSummary_Volve_EurIsThePopulationForecastToTheLimitOrTheCap()
    {
        var (population, _) = await PopulationReservesCheck.AssertSummaryIsThePopulationForecastAsync(fixture.Build);
        Assert.True(population > 0, "no Volve well has its oil EUR from the population forecast");
    }

    [Fact]
    public async Task MartDeclineHindcast_Volve_IsWhatTheCliHindcastPrints()
    {
        var build = fixture.Build;
        // The mart's as-of dates: every 6 months back from 24 months before the data's as-of month (the month of
        // data_as_of_date: the dates the forecast calibrates on), to 24 months after the first month; the CLI is given them.
        var asOf = (DateOnly)(await build.QueryAsync("select distinct cast(date_trunc('month', data_as_of_date) as date) from int_well_status")).Single()[0]!;
        var span = (await build.QueryAsync("select distinct first_as_of, last_as_of from mart_decline_hindcast where stream = 'oil'")).Single();
        var (first, last) = ((DateOnly)span[0]!, (DateOnly)span[1]!);
        Assert.Equal(asOf.AddMonths(-24), last);
        var dates = new List<string>();
        for (var date = first; date <= last; date = date.AddMonths(6))
        {
            dates.Add($"{date:yyyy-MM-dd}");
        }

        Assert.Equal(last, DateOnly.ParseExact(dates[^1], "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await WellhouseCli.RunAsync(
            ["decline", "hindcast", "--input", fixture.RawLocation!, "--stream", "oil", "--as-of", string.Join(',', dates)], output, error);
        Assert.True(exit == 0, error.ToString());

        // "population     6-12          24          3     41.3 %       -41.3 %            33.3 %", to the empty line before
        // the methods each cohort chose.
        var printed = output.ToString().ReplaceLineEndings("\n").Split('\n').Skip(2).TakeWhile(l => l.Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(f => (f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture)),
                f => (Forecasts: int.Parse(f[3], CultureInfo.InvariantCulture), Ape: Percent(f[4]), Bias: Percent(f[6]), Coverage: Percent(f[8])));
        var rows = await build.QueryAsync("""
            select model, cohort, horizon_months, forecasts, median_ape, median_bias, coverage
            from mart_decline_hindcast where stream = 'oil'
            """);

        Assert.NotEmpty(rows);
        Assert.Equal(printed.Count, rows.Count);
        foreach (var row in rows)
        {
            var key = ((string)row[0]!, (string)row[1]!, Convert.ToInt32(row[2], CultureInfo.InvariantCulture));
            Assert.True(printed.TryGetValue(key, out var cli), $"{key} is not in the CLI's table");
            Assert.Equal(cli.Forecasts, Convert.ToInt32(row[3], CultureInfo.InvariantCulture));
            Assert.Equal(cli.Ape, Math.Round(Convert.ToDouble(row[4], CultureInfo.InvariantCulture) * 100, 1, MidpointRounding.AwayFromZero), 6);
            Assert.Equal(cli.Bias, Math.Round(Convert.ToDouble(row[5], CultureInfo.InvariantCulture) * 100, 1, MidpointRounding.AwayFromZero), 6);
            Assert.Equal(cli.Coverage, Math.Round(Convert.ToDouble(row[6], CultureInfo.InvariantCulture) * 100, 1, MidpointRounding.AwayFromZero), 6);
        }
    }

    private static double Percent(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}

/// <summary>On the North Dakota Bakken wells (../shared, read at test time; skipped where absent, failed in CI).</summary>
[Collection(NorthDakotaBuildCollection.Name)]
public sealed class PopulationForecastNorthDakotaTests(NorthDakotaBuildFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task IntPopulationForecast_NorthDakota_IsTheCliForecastOfTheSameFileAndDate() =>
        await PopulationForecastComparison.AssertSameAsTheCliAsync(fixture.Build, fixture.RawLocation!);

    [Fact]
    public async Task WellSummary_NorthDakota_EurIsThePopulationForecastToTheLimitOrTheCap()
    {
        var (population, pastHorizon) = await PopulationReservesCheck.AssertSummaryIsThePopulationForecastAsync(fixture.Build);
        output.WriteLine($"{population} oil wells with the population's EUR; {pastHorizon} end past the 120-month horizon");
        Assert.True(population > 400, $"{population} wells");
        Assert.True(pastHorizon > 100, $"only {pastHorizon} wells have their EUR end past the forecast horizon");
    }
}
