using System.Globalization;
using Wellhouse.Ingest;

namespace Wellhouse.Sample;

/// <summary>The cells of one Volve row, parsed with errors that point at the file, line and column.</summary>
internal readonly struct VolveCells(string file, int line, int[] columns, string[] names, string[] values)
{
    public RawProductionRow ToRawRow()
    {
        var period = Date(0);
        var hours = Number(6);
        var oil = Number(7);
        var gas = Number(8);
        var water = Number(9);
        double? oilKbd = oil * VolveImporter.BblPerM3 / 1000;
        return new RawProductionRow
        {
            FieldCode = Integer(4),
            FieldName = Text(5),
            WellCode = Integer(2),
            WellReference = Text(1),
            WellName = Text(3),
            ProductionPeriod = period,
            DaysOnProduction = hours is { } h ? Math.Min(h / 24, 1) : null,
            OilProductionKbd = oilKbd,
            GasProductionMmcfd = gas * VolveImporter.ScfPerSm3 / 1e6,
            LiquidsProductionKbd = oilKbd,
            WaterProductionKbd = water * VolveImporter.BblPerM3 / 1000,
            DataSource = VolveImporter.DataSource,
            SourceData = VolveImporter.SourceData,
            Partition0 = period.Year.ToString(CultureInfo.InvariantCulture),
            CreatedAt = VolveImporter.ReleasedAt,
            UpdatedAt = VolveImporter.ReleasedAt,
        };
    }

    private string? Text(int index) => values[index] is { Length: > 0 } text ? text : null;

    private DateOnly Date(int index) =>
        DateOnly.TryParseExact(values[index], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Error(index, "a date yyyy-MM-dd");

    private int? Integer(int index) => Text(index) is not { } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Error(index, "an integer");

    private double? Number(int index) => Text(index) is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Error(index, "a number");

    private VolveImportException Error(int index, string expected) =>
        new($"{file}({line},{columns[index] + 1}): {names[index]} = '{values[index]}' is not {expected}");
}
