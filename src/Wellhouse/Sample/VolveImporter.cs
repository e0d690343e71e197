using nietras.SeparatedValues;
using Wellhouse.Ingest;

namespace Wellhouse.Sample;

/// <summary>
/// Reads Equinor's Volve daily production (the sheet "Daily Production Data" of "Volve production data.xlsx" saved as
/// CSV: DATEPRD, NPD_WELL_BORE_CODE, BORE_OIL_VOL ...) as rows of the raw contract. Volumes are Sm3 per day; one row
/// is one day, so the calendar-day rate is the day's volume: oil and water x 6.289811 bbl/m3 / 1000 -> kbd, gas x
/// 35.31467 scf/Sm3 / 10^6 -> MMcfd (docs/domain.md, "Units and conversions"). days_on_production =
/// ON_STREAM_HRS / 24, capped at the period's one day (Volve has 25-hour days when clocks go back). Liquids = oil (Volve reports no condensate or NGL).
/// Injection rows keep their day with no oil, gas or water. Equinor Open Data Licence: see data/sample/README.md.
/// </summary>
internal static class VolveImporter
{
    public const string DataSource = "volve_daily";

    public const string SourceData = "Volve production data.xlsx: Daily Production Data";

    /// <summary>docs/domain.md: 1 m3 = 6.289811 bbl.</summary>
    public const double BblPerM3 = 6.289811;

    /// <summary>docs/domain.md: 1 Sm3 of gas = 35.31467 scf.</summary>
    public const double ScfPerSm3 = 35.31467;

    /// <summary>The Volve data's public release (Equinor, 14 June 2018): created_at and updated_at of every row.</summary>
    public static readonly DateTime ReleasedAt = new(2018, 6, 14, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] RequiredColumns =
    [
        "DATEPRD", "WELL_BORE_CODE", "NPD_WELL_BORE_CODE", "NPD_WELL_BORE_NAME", "NPD_FIELD_CODE", "NPD_FIELD_NAME",
        "ON_STREAM_HRS", "BORE_OIL_VOL", "BORE_GAS_VOL", "BORE_WAT_VOL",
    ];

    /// <summary>Reads the file lazily; a missing file, a missing column or a bad value throws
    /// <see cref="VolveImportException"/> naming the file, line and column.</summary>
    public static IEnumerable<RawProductionRow> Read(string csvPath)
    {
        ArgumentNullException.ThrowIfNull(csvPath);
        if (!File.Exists(csvPath))
        {
            throw new VolveImportException($"{csvPath}: file not found");
        }

        return ReadRows(csvPath);
    }

    private static IEnumerable<RawProductionRow> ReadRows(string csvPath)
    {
        using var reader = Sep.Reader(options => options with { Unescape = true }).FromFile(csvPath);
        var columns = new int[RequiredColumns.Length];
        for (var i = 0; i < RequiredColumns.Length; i++)
        {
            if (!reader.Header.TryIndexOf(RequiredColumns[i], out columns[i]))
            {
                throw new VolveImportException($"{csvPath}(1): missing column {RequiredColumns[i]}; is this Volve's daily production sheet?");
            }
        }

        foreach (var row in reader)
        {
            var values = new string[columns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                values[i] = row[columns[i]].ToString();
            }

            yield return new VolveCells(csvPath, row.LineNumberFrom, columns, RequiredColumns, values).ToRawRow();
        }
    }
}

/// <summary>A Volve file that cannot be read: the message names the file, the line and the column.</summary>
internal sealed class VolveImportException(string message) : Exception(message);
