namespace Wellhouse.Generate;

/// <summary>
/// The known parameters of one synthetic well: an Arps hyperbolic oil decline (Arps 1945, q = qi (1 + b Di t)^(-1/b))
/// of the producing-day rate from <see cref="Start"/>, a constant gas-oil ratio and a water cut rising linearly.
/// </summary>
internal sealed record WellTruth(
    int WellCode,
    int FieldCode,
    DateOnly Start,
    double QiKbd,
    double DiNominalPerYear,
    double B,
    double GorScfPerBbl,
    double WaterCutStart,
    double WaterCutEnd)
{
    /// <summary>Producing-day oil rate (kbd) after <paramref name="days"/> days.</summary>
    public double OilRateKbd(double days)
    {
        var di = DiNominalPerYear / 365.25;
        return B < 1e-3
            ? QiKbd * Math.Exp(-di * days)
            : QiKbd * Math.Pow(1 + (B * di * days), -1 / B);
    }

    /// <summary>CSV header of the truth file.</summary>
    public const string CsvHeader = "well_code,field_code,start_date,qi_kbd,di_nominal_per_year,b,gor_scf_per_bbl,water_cut_start,water_cut_end";

    public string ToCsv() => string.Join(
        ',',
        WellCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        FieldCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        QiKbd.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        DiNominalPerYear.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        B.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        GorScfPerBbl.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        WaterCutStart.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        WaterCutEnd.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
}
