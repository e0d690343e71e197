using System.Globalization;
using System.Text;
using System.Text.Json;
using Wellhouse.Cli;
using Wellhouse.Decline;

namespace Wellhouse.Tests.Cli;

/// <summary><c>wellhouse decline fit</c>: JSON out, forecast CSV, one-line errors with file and line.</summary>
public sealed class DeclineCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("wellhouse-decline-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string MonthlyCsv(bool daysOn = true)
    {
        var well = SyntheticWellGenerator.Generate(4, new SyntheticWellOptions().NoiseFree());
        var text = new StringBuilder(daysOn ? "date,rate,days_on\n" : "date,rate\n");
        for (var i = 0; i < well.Rates.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{well.Dates[i]:yyyy-MM-dd},{well.Rates[i]:R}");
            text.Append(daysOn ? string.Create(CultureInfo.InvariantCulture, $",{well.DaysOn[i]}\n") : "\n");
        }

        return Write("series.csv", text.ToString());
    }

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await WellhouseCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Fit_MonthlyCsv_PrintsTheFitAsJson()
    {
        var well = SyntheticWellGenerator.Generate(4, new SyntheticWellOptions().NoiseFree());

        var (exit, output, _) = await Run("decline", "fit", "--input", MonthlyCsv(), "--model", "hyperbolic", "--bootstrap", "0");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("hyperbolic", json.RootElement.GetProperty("model").GetString());
        Assert.Equal(well.Qi, json.RootElement.GetProperty("qi").GetDouble(), 1e-6 * well.Qi);
        Assert.Equal(well.B, json.RootElement.GetProperty("b").GetDouble(), 1e-6);
        Assert.Equal("2015-01-01", json.RootElement.GetProperty("t0").GetString());
        Assert.True(json.RootElement.GetProperty("quality").GetProperty("converged").GetBoolean());
    }

    [Fact]
    public async Task Fit_WithOutput_WritesTheForecastCsv()
    {
        var target = Path.Combine(_folder.FullName, "forecast.csv");

        var (exit, output, _) = await Run("decline", "fit", "-i", MonthlyCsv(), "--forecast-months", "24", "--output", target, "--bootstrap", "20");

        Assert.Equal(0, exit);
        var lines = File.ReadAllLines(target);
        Assert.Equal(25, lines.Length);
        Assert.StartsWith("date,start_day,days,rate,volume,cumulative,rate_p10,rate_p50,rate_p90", lines[0]);
        Assert.StartsWith("2025-01-01,", lines[1]);
        Assert.Equal(24, JsonDocument.Parse(output).RootElement.GetProperty("forecast_periods").GetInt32());
    }

    [Fact]
    public async Task Fit_TimeInDays_IsAccepted()
    {
        var text = new StringBuilder("t,rate\n");
        for (var i = 0; i < 50; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},{new ArpsModel(500, 0.01, 0).Rate(i + 0.5):R}\n");
        }

        var (exit, output, _) = await Run("decline", "fit", "--input", Write("t.csv", text.ToString()), "--model", "exponential", "--bootstrap", "0");

        Assert.Equal(0, exit);
        Assert.Equal(500, JsonDocument.Parse(output).RootElement.GetProperty("qi").GetDouble(), 1e-6);
    }

    [Fact]
    public async Task Fit_BadNumber_ExitsNonZeroWithLineAndColumn()
    {
        var path = Write("bad.csv", "date,rate\n2020-01-01,100\n2020-02-01,abc\n");

        var (exit, output, error) = await Run("decline", "fit", "--input", path);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal("error: bad.csv: line 3, column 2 (rate): 'abc' is not a number", error.Trim());
    }

    [Fact]
    public async Task Fit_DuplicateDate_ExitsNonZeroNamingTheLine()
    {
        var path = Write("dup.csv", "date,rate\n2020-01-01,100\n2020-02-01,90\n2020-02-01,80\n2020-03-01,70\n");

        var (exit, _, error) = await Run("decline", "fit", "--input", path);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: dup.csv: line 4: cannot fit (UnsortedOrDuplicateTimes)", error.Trim());
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Fit_NegativeRate_IsNettedWithAWarning()
    {
        var lines = new StringBuilder("date,rate\n");
        for (var i = 0; i < 24; i++)
        {
            var rate = i == 10 ? -5 : 100 * Math.Exp(-0.05 * i);
            lines.Append(CultureInfo.InvariantCulture, $"{new DateOnly(2020, 1, 1).AddMonths(i):yyyy-MM-dd},{rate}\n");
        }

        var (exit, output, _) = await Run("decline", "fit", "--input", Write("neg.csv", lines.ToString()), "--bootstrap", "0");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("negative_periods_netted").GetInt32());
        Assert.Contains("negative rate", json.RootElement.GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public async Task Fit_Json_StatesUnitsTheEurConventionAndTheWarehouseDmin()
    {
        var (exit, output, _) = await Run("decline", "fit", "--input", MonthlyCsv(), "--model", "modified-hyperbolic", "--bootstrap", "20");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("modified_hyperbolic", root.GetProperty("model").GetString()); // the old spelling accepted, the marts' name printed
        Assert.Equal("nominal per year (di_nominal_per_year, dmin_nominal_per_year); duong_a per day", root.GetProperty("units").GetProperty("decline").GetString());
        Assert.Contains("eur_p50", root.GetProperty("eur_note").GetString());
        Assert.True(root.GetProperty("eur_time_cap_days").GetDouble() > 0);
        // The warehouse's var decline_dmin_effective_per_year (0.08 effective) as nominal: -ln(1 - 0.08).
        Assert.Equal(-Math.Log(1 - 0.08), root.GetProperty("dmin_nominal_per_year").GetDouble(), 1e-9);
        Assert.Equal(0, root.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task Fit_24MonthsOfBPoint7_AutoPicksAnArpsShapeAndHyperbolicRecoversB()
    {
        // Issue 15, defect 8: on 24 months of b = 0.7 data `auto` picked the stretched exponential and `--model
        // hyperbolic` returned b = 1.01 without a warning. Arps hyperbolic qi 1,000, Di 1.5/year, 5 % lognormal noise.
        var random = new Random(7);
        var lines = new StringBuilder("date,rate\n");
        for (var i = 0; i < 24; i++)
        {
            var t = (i + 0.5) * 30.44;
            var noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var rate = new ArpsModel(1000, 1.5 / 365.25, 0.7).Rate(t) * Math.Exp(0.05 * noise);
            lines.Append(CultureInfo.InvariantCulture, $"{new DateOnly(2020, 1, 1).AddMonths(i):yyyy-MM-dd},{rate:R}\n");
        }

        var input = Write("b07.csv", lines.ToString());
        var auto = await Run("decline", "fit", "--input", input, "--bootstrap", "0");
        var hyperbolic = await Run("decline", "fit", "--input", input, "--model", "hyperbolic", "--bootstrap", "0");

        Assert.Equal((0, 0), (auto.Exit, hyperbolic.Exit));
        using var autoJson = JsonDocument.Parse(auto.Out);
        using var hyperbolicJson = JsonDocument.Parse(hyperbolic.Out);
        Assert.Contains(autoJson.RootElement.GetProperty("model").GetString(), new[] { "hyperbolic", "modified_hyperbolic" });
        Assert.Equal(0.7, hyperbolicJson.RootElement.GetProperty("b").GetDouble(), 0.15);
        Assert.Equal(0, hyperbolicJson.RootElement.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task Fit_MissingHeader_ExitsNonZero()
    {
        var path = Write("nohdr.csv", "when,q\n2020-01-01,100\n");

        var (exit, _, error) = await Run("decline", "fit", "--input", path);

        Assert.Equal(1, exit);
        Assert.Contains("line 1: the header needs", error);
    }

    [Fact]
    public async Task Fit_MissingFile_ExitsNonZeroAndWritesNoForecast()
    {
        var target = Path.Combine(_folder.FullName, "never.csv");

        var (exit, _, error) = await Run("decline", "fit", "--input", Path.Combine(_folder.FullName, "nope.csv"), "-o", target);

        Assert.Equal(1, exit);
        Assert.Contains("file not found", error);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Fit_UnknownModel_ExitsNonZero()
    {
        var (exit, _, _) = await Run("decline", "fit", "--input", MonthlyCsv(), "--model", "cubic");

        Assert.NotEqual(0, exit);
    }
}
