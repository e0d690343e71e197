using System.Globalization;
using Wellhouse.Cli;
using Wellhouse.Tests.Warehouse;

namespace Wellhouse.Tests.Cli;

/// <summary><c>wellhouse decline forecast</c> and <c>hindcast</c> on the Volve sample (raw contract, daily rows).</summary>
public sealed class DeclineForecastCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("wellhouse-decline-forecast-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_folder.FullName, name);

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await WellhouseCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Forecast_Volve_WritesQuantilesPerWellAndMonthAndAReasonForTheRest()
    {
        var target = PathOf("forecast.csv");

        var (exit, output, error) = await Run("decline", "forecast", "--input", RepoPaths.Sample, "--as-of", "2014-01-01",
            "--months", "12", "--output", target, "--stream", "oil");

        Assert.True(exit == 0, error);
        var lines = File.ReadAllLines(target);
        Assert.Equal("well_code,stream,month,volume_p10,volume_p50,volume_p90,cum_p10,cum_p50,cum_p90", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.NotEmpty(rows);
        foreach (var well in rows.GroupBy(r => r[0]))
        {
            var months = well.Select(r => r[2]).ToArray();
            Assert.Equal(12, months.Length);
            Assert.Equal("2014-01-01", months[0]);
            Assert.Equal("2014-12-01", months[^1]);
            double previous = 0;
            foreach (var r in well)
            {
                var v = r[3..].Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
                Assert.Equal("oil", r[1]);
                Assert.True(v[2] <= v[1] && v[1] <= v[0], string.Join(',', r));
                Assert.True(v[5] <= v[4] && v[4] <= v[3], string.Join(',', r));
                Assert.True(v[4] >= previous);
                previous = v[4];
            }
        }

        var reasons = File.ReadAllLines(PathOf("forecast.reasons.csv"));
        Assert.Equal("well_code,stream,reason", reasons[0]);
        var wells = File.ReadLines(RepoPaths.Sample).Skip(1).Select(l => l.Split(',')[2]).Distinct().Count();
        Assert.Equal(wells, rows.Select(r => r[0]).Distinct().Count() + reasons.Length - 1);
        Assert.Contains("wells forecast (oil, kbbl) from 2014-01-01", output);
        Assert.Matches(@"method per cohort, chosen by its own past forecasts \(wells past their peak / without a fit or at their peak\): <1 (blend|flat|own-fit)/(blend|flat|own-fit); 1-5 ", output);
    }

    [Fact]
    public async Task Forecast_BadRow_NamesTheLineAndColumnAndWritesNothing()
    {
        var input = PathOf("bad.csv");
        var lines = File.ReadLines(RepoPaths.Sample).Take(5).ToList();
        var fields = lines[3].Split(',');
        fields[6] = "forty";
        lines[3] = string.Join(',', fields);
        File.WriteAllLines(input, lines);
        var target = PathOf("out.csv");

        var (exit, _, error) = await Run("decline", "forecast", "--input", input, "--as-of", "2014-01-01", "--output", target);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: bad.csv: line 4, column days_on_production:", error.Trim());
        Assert.False(File.Exists(target));
    }

    /// <summary>An as-of date inside a month (a daily feed's: the day after its last reported day) reads the months
    /// before its month and forecasts from the next month: the forecast from that month's first day, its first month
    /// left out and the cumulatives counted from the second (both learning 24 months: a forecast of fewer months learns
    /// only those); the month's own days change nothing.</summary>
    [Fact]
    public async Task Forecast_AsOfInsideAMonth_ReadsTheMonthsBeforeItAndStartsAtTheNextMonth()
    {
        var (exit, output, error) = await Run("decline", "forecast", "--input", RepoPaths.Sample, "--as-of", "2014-01-15",
            "--months", "30", "--output", PathOf("mid.csv"));
        Assert.True(exit == 0, error);
        Assert.Contains("wells forecast (oil, kbbl) from 2014-02-01 for 30 months (as of 2014-01-15: the months before 2014-01 read)", output);
        (exit, _, error) = await Run("decline", "forecast", "--input", RepoPaths.Sample, "--as-of", "2014-01-01",
            "--months", "31", "--output", PathOf("first.csv"));
        Assert.True(exit == 0, error);

        // The sample without its days of 2014-01: the same forecast from 2014-01-15.
        var cut = PathOf("cut.csv");
        var period = File.ReadLines(RepoPaths.Sample).First().Split(',').ToList().IndexOf("production_period");
        var lines = File.ReadLines(RepoPaths.Sample).Where((line, i) => i == 0 || !line.Split(',')[period].StartsWith("2014-01-", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count < File.ReadLines(RepoPaths.Sample).Count() - 100);
        File.WriteAllLines(cut, lines);
        (exit, _, error) = await Run("decline", "forecast", "--input", cut, "--as-of", "2014-01-15",
            "--months", "30", "--output", PathOf("cut-mid.csv"));
        Assert.True(exit == 0, error);
        Assert.Equal(File.ReadAllText(PathOf("mid.csv")), File.ReadAllText(PathOf("cut-mid.csv")));
        Assert.Equal(File.ReadAllText(PathOf("mid.reasons.csv")), File.ReadAllText(PathOf("cut-mid.reasons.csv")));

        static Dictionary<string, double[][]> Read(string path) => File.ReadLines(path).Skip(1).Select(l => l.Split(','))
            .GroupBy(f => f[0]).ToDictionary(g => g.Key, g => g.Select(f => f[2..].Select(x => x.Length == 10 && x[4] == '-'
                ? DateOnly.ParseExact(x, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber
                : double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToArray());
        var mid = Read(PathOf("mid.csv"));
        var first = Read(PathOf("first.csv"));
        Assert.NotEmpty(mid);
        Assert.Equal(first.Keys.Order(), mid.Keys.Order());
        foreach (var (well, months) in mid)
        {
            var from = first[well];
            Assert.Equal(30, months.Length);
            Assert.Equal(new DateOnly(2014, 2, 1).DayNumber, months[0][0]);
            double previous10 = 0, previous90 = 0;
            for (var h = 0; h < 30; h++)
            {
                var (m, f) = (months[h], from[h + 1]);
                Assert.Equal(f[0], m[0]);
                for (var c = 1; c <= 3; c++)
                {
                    // The month's volumes as the forecast from the month's first day has them (printed to 10 digits).
                    Assert.True(Math.Abs(m[c] - f[c]) <= 1e-9 * Math.Max(f[c], 1e-6), $"{well} month {h} volume {c}: {m[c]} vs {f[c]}");
                }

                // The P50 cumulative from 2014-02: the cumulative from 2014-01 less January's; P10 >= P50 >= P90, non-decreasing.
                Assert.True(Math.Abs(m[5] - (f[5] - from[0][5])) <= 1e-8 * Math.Max(f[5], 1e-6), $"{well} month {h} cum_p50");
                Assert.True(m[6] <= m[5] && m[5] <= m[4] && m[6] >= 0, $"{well} month {h}: {string.Join(',', m)}");
                Assert.True(m[4] >= previous10 && m[6] >= previous90);
                (previous10, previous90) = (m[4], m[6]);
            }
        }
    }

    [Theory]
    [InlineData("forecast")]
    [InlineData("hindcast")]
    public async Task SampleWells_Negative_IsRefusedAndWritesNothing(string verb)
    {
        var target = PathOf("out.csv");
        string[] asOf = verb == "forecast" ? ["--as-of", "2014-01-01"] : [];

        var (exit, _, error) = await Run(["decline", verb, "--input", RepoPaths.Sample, .. asOf, "--output", target, "--sample-wells", "-5"]);

        Assert.Equal(1, exit);
        Assert.Equal("error: --sample-wells -5: give 0 (all wells) or more", error.Trim());
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Hindcast_Volve_PrintsApeBiasAndCoveragePerModelAndCohort()
    {
        var rows = PathOf("rows.csv");

        var (exit, output, error) = await Run("decline", "hindcast", "--input", RepoPaths.Sample,
            "--as-of", "2013-01-01,2013-07-01,2014-01-01", "--horizons", "6,12", "--output", rows);

        Assert.True(exit == 0, error);
        Assert.Contains("model          cohort  horizon  forecasts  median APE  median bias  P10-P90 coverage", output);
        Assert.Contains("population", output);
        var lines = File.ReadAllLines(rows);
        Assert.Equal("as_of,well_code,cohort,age_months,model,horizon,actual,p10,p50,p90,method", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.True(double.Parse(l.Split(',')[6], CultureInfo.InvariantCulture) > 0));

        // Every population row names the method its cohort chose, the per-well fit's none; the summary counts them.
        Assert.All(lines.Skip(1).Select(l => l.Split(',')), f =>
            Assert.True(f[4] == "population" ? f[10] is "blend" or "flat" or "own-fit" : f[10].Length == 0, string.Join(',', f)));
        Assert.Contains("population method chosen per cohort by its own past forecasts (forecasts at 12 months", output);
        var cohorts = lines.Skip(1).Select(l => l.Split(',')).Where(f => f[4] == "population" && f[5] == "12").GroupBy(f => f[2]).ToArray();
        Assert.NotEmpty(cohorts);
        Assert.All(cohorts, cohort => Assert.Contains(
            $"  {cohort.Key,-7} " + string.Join(", ", cohort.GroupBy(f => f[10]).OrderByDescending(m => m.Count()).ThenBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => $"{m.Key} {m.Count()}")) + "\n",
            output.ReplaceLineEndings("\n")));
    }
}
