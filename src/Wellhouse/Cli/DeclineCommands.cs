using System.CommandLine;
using Wellhouse.Decline;

namespace Wellhouse.Cli;

/// <summary>
/// <c>wellhouse decline fit</c>: fits one well's series from a CSV (<c>date</c> or <c>t</c>, <c>rate</c>, optional
/// <c>days_on</c>), prints the fit as JSON, and writes the forecast as CSV with <c>--output</c>. Bad input ends with a
/// one-line message naming the file, line and column, and exit code 1; nothing is written then.
/// </summary>
internal static class DeclineCommands
{
    /// <summary>The warehouse's default terminal decline (dbt_project.yml, var decline_dmin_effective_per_year), so
    /// that the CLI and the marts fit the same curve by default.</summary>
    public const double WarehouseDminEffectivePerYear = 0.08;

    public static void Add(RootCommand root)
    {
        var input = new Option<FileInfo>("--input", "-i") { Description = "CSV with date (or t in days), rate, optional days_on.", Required = true };
        var model = new Option<string>("--model", "-m")
        {
            Description = "auto, arps, exponential, hyperbolic, harmonic, modified_hyperbolic, duong or stretched_exponential (the marts' names; modified-hyperbolic and stretched-exponential are accepted too).",
            DefaultValueFactory = _ => "auto",
        };
        model.AcceptOnlyFromAmong(DeclineOutput.ModelNames.Keys.ToArray());
        var months = new Option<int>("--forecast-months") { Description = "Monthly forecast periods (120 with --output when not given)." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the forecast as CSV to this file." };
        var limit = new Option<double>("--economic-limit") { Description = "Economic-limit rate for EUR and the forecast (volume/day)." };
        var dmin = new Option<double>("--dmin")
        {
            Description = "Terminal decline of the modified hyperbolic, effective per year (the warehouse's var decline_dmin_effective_per_year).",
            DefaultValueFactory = _ => WarehouseDminEffectivePerYear,
        };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap samples for P10/P50/P90.", DefaultValueFactory = _ => 100 };

        var fit = new Command("fit", "Fit a decline curve to one well's series and print it as JSON.")
        {
            input, model, months, output, limit, dmin, bootstrap,
        };
        fit.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var file = parse.GetValue(input)!;
            if (!SeriesCsv.TryRead(file.FullName, out var series, out var lines, out var error))
            {
                stderr.WriteLine($"error: {error}");
                return 1;
            }

            var options = FitOptions.Default with
            {
                Model = DeclineOutput.ModelNames[parse.GetValue(model)!],
                DminEffectivePerYear = parse.GetValue(dmin),
            };
            var result = DeclineFitter.Fit(series!, options);
            if (result.Fit is not { } decline)
            {
                var where = result.Row is { } row ? $"line {lines![row]}: " : string.Empty;
                stderr.WriteLine($"error: {file.Name}: {where}cannot fit ({result.Reason}): {result.Message}");
                return 1;
            }

            var target = parse.GetValue(output);
            var periods = parse.GetValue(months);
            periods = periods == 0 && target is not null ? 120 : periods;
            var forecastOptions = ForecastOptions.Default with
            {
                Periods = Math.Max(periods, 0),
                EconomicLimitRate = Math.Max(parse.GetValue(limit), 0),
                BootstrapSamples = Math.Max(parse.GetValue(bootstrap), 0),
            };
            var forecast = decline.Forecast(forecastOptions);
            stdout.WriteLine(DeclineOutput.Json(decline, forecast, forecastOptions));
            if (target is not null)
            {
                DeclineOutput.WriteForecastCsv(forecast, target.FullName);
            }

            return 0;
        });

        var decline = new Command("decline", "Decline-curve analysis: one well (fit), every well of a raw CSV (forecast), and hindcasts.")
        {
            fit, DeclineForecastCommands.Forecast(), DeclineForecastCommands.HindcastCommand(),
        };
        root.Subcommands.Add(decline);
    }
}
