using System.Globalization;
using System.Text;
using System.Text.Json;
using Wellhouse.Decline;

namespace Wellhouse.Cli;

/// <summary>JSON of a fit and CSV of a forecast for <c>wellhouse decline fit</c>.</summary>
internal static class DeclineOutput
{
    public static readonly Dictionary<string, ModelSelection> ModelNames = new(StringComparer.Ordinal)
    {
        ["auto"] = ModelSelection.Auto,
        ["arps"] = ModelSelection.Arps,
        ["exponential"] = ModelSelection.Exponential,
        ["hyperbolic"] = ModelSelection.Hyperbolic,
        ["harmonic"] = ModelSelection.Harmonic,
        ["modified_hyperbolic"] = ModelSelection.ModifiedHyperbolic,
        ["duong"] = ModelSelection.Duong,
        ["stretched_exponential"] = ModelSelection.StretchedExponential,
        // The spellings before the names were made one (issue 16), still accepted.
        ["modified-hyperbolic"] = ModelSelection.ModifiedHyperbolic,
        ["stretched-exponential"] = ModelSelection.StretchedExponential,
    };

    public static string Json(DeclineFit fit, Forecast forecast, ForecastOptions options)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("units");
            json.WriteString("time", "day");
            json.WriteString("rate", "the input's rate unit (volume per calendar day), e.g. kbd or MMcfd");
            json.WriteString("qi", "volume per producing day, the input's rate unit");
            json.WriteString("decline", "nominal per year (di_nominal_per_year, dmin_nominal_per_year); duong_a per day");
            json.WriteString("volume", "rate unit x days (kbd -> kbbl, MMcfd -> MMcf)");
            json.WriteEndObject();
            json.WriteString("model", Warehouse.DeclineModelNames.Name(fit.Kind));
            Number(json, "qi", fit.Qi);
            Number(json, "di_nominal_per_year", fit.DiNominalPerYear);
            Number(json, "b", fit.B);
            Number(json, "dmin_nominal_per_year", fit.DminNominalPerYear);
            Number(json, "switch_day", fit.SwitchDay);
            Number(json, "duong_a", fit.DuongA);
            Number(json, "duong_m", fit.DuongM);
            Number(json, "tau_days", fit.TauDays);
            Number(json, "n", fit.N);
            if (fit.StartDate is { } date)
            {
                json.WriteString("t0", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            else
            {
                Number(json, "t0_day", fit.StartDay);
            }

            json.WriteStartObject("quality");
            Number(json, "rmse_log_rate", fit.Quality.RmseLogRate);
            Number(json, "r_squared", fit.Quality.RSquared);
            json.WriteNumber("points_used", fit.Quality.PointsUsed);
            json.WriteNumber("iterations", fit.Quality.Iterations);
            json.WriteBoolean("converged", fit.Quality.Converged);
            Number(json, "aic", fit.Quality.Aic);
            Number(json, "bic", fit.Quality.Bic);
            json.WriteEndObject();
            json.WriteStartArray("segments");
            foreach (var segment in fit.Segments)
            {
                json.WriteStartObject();
                Number(json, "start_day", segment.StartDay);
                Number(json, "end_day", segment.EndDay);
                json.WriteNumber("points", segment.Points);
                Number(json, "peak_rate", segment.PeakRate);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("fitted_segment", fit.FittedSegment);
            Number(json, "history_cumulative", fit.HistoryCumulative);
            Number(json, "economic_limit_rate", options.EconomicLimitRate);
            json.WriteString("eur_note",
                "eur is the fitted curve's EUR; eur_p10/p50/p90 are percentiles of the bootstrap refits' EURs (P10 high), "
                + "so eur_p50 differs from eur by the refits' spread; both run to the economic limit or the time cap (eur_time_cap_days)");
            Number(json, "eur_time_cap_days", options.TimeCapDays);
            Number(json, "eur", forecast.Eur);
            Number(json, "eur_p10", forecast.EurP10);
            Number(json, "eur_p50", forecast.EurP50);
            Number(json, "eur_p90", forecast.EurP90);
            json.WriteNumber("forecast_periods", forecast.Points.Count);
            json.WriteNumber("negative_periods_netted", fit.NegativePeriods);
            json.WriteStartArray("warnings");
            foreach (var warning in fit.Warnings)
            {
                json.WriteStringValue(warning);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the forecast to a temporary file beside the target, then renames it into place.</summary>
    public static void WriteForecastCsv(Forecast forecast, string path)
    {
        var text = new StringBuilder("date,start_day,days,rate,volume,cumulative,rate_p10,rate_p50,rate_p90\n");
        foreach (var p in forecast.Points)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{p.Date:yyyy-MM-dd},{p.StartDay},{p.Days},{p.Rate:G10},{p.Volume:G10},{p.Cumulative:G10},{p.RateP10:G10},{p.RateP50:G10},{p.RateP90:G10}\n");
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A number, or null when absent or not finite (JSON has no NaN or infinity).</summary>
    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, Math.Round(v, 10));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
