using System.Globalization;

namespace Wellhouse.Ingest;

/// <summary>
/// Turns the fields of one uploaded row (text from CSV, JSON values, Parquet values) into a <see cref="RawProductionRow"/>,
/// collecting every problem with its column. Rules (docs/domain.md, "The raw contract"; docs/api.md): field_code, well_code,
/// production_period and data_source are required; codes are integers; production_period is a date (a timestamp at
/// midnight is accepted); days_on_production lies in [0, days of the period's month]; rates are finite numbers within
/// <see cref="MaxRate"/> (negative corrections are allowed: the warehouse's tests report them); with a list of known
/// data sources (ingest passes the warehouse seed's, <see cref="DataSourceCatalog"/>), data_source is one of them;
/// text holds no NUL character (U+0000), which the Parquet writer would cut the value at. The field code and the rate
/// limit are there because rows without them fail the warehouse's error-severity tests (a field's totals, a volume that
/// overflows), and the raw store is append-only: such a row would block every later refresh.
/// </summary>
internal sealed class RawRowParser
{
    /// <summary>
    /// The largest rate (kbd or MMcfd, either sign) a row may carry: thousands of times the largest well's, and far
    /// enough below double's range that a period's volume (rate x days) and every sum of them stay finite, which the
    /// warehouse's error-severity tests (monthly equals the sum of daily, yearly of monthly) need.
    /// </summary>
    public const double MaxRate = 1e6;

    /// <summary>The contract's text columns: field_name, well_reference, well_name, data_source, source_data, partition_0.</summary>
    private static readonly int[] TextColumns = [1, 3, 4, 11, 12, 13];

    private readonly object?[] _values = new object?[RawProductionRow.Columns.Count];
    private readonly DateTime _receivedAt;
    private readonly IReadOnlySet<string>? _knownSources;

    public RawRowParser(DateTime receivedAt, IReadOnlySet<string>? knownSources = null)
    {
        _receivedAt = receivedAt;
        _knownSources = knownSources;
    }

    /// <summary>Rows refused so far because their data_source is not a known one.</summary>
    public long UnknownSourceRows { get; private set; }

    /// <summary>The contract column's index, or -1.</summary>
    public static int IndexOf(string column)
    {
        for (var i = 0; i < RawProductionRow.Columns.Count; i++)
        {
            if (string.Equals(RawProductionRow.Columns[i], column.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public void Reset() => Array.Clear(_values);

    /// <summary>Sets a field by contract index; text is parsed later, typed values are checked later.</summary>
    public void Set(int index, object? value) => _values[index] = value is string { Length: 0 } ? null : value;

    /// <summary>The row, or null with the reasons added to <paramref name="errors"/>.</summary>
    public RawProductionRow? Build(long rowNumber, List<RowError> errors)
    {
        var before = errors.Count;
        void Fail(int index, string reason) => errors.Add(new RowError(rowNumber, RawProductionRow.Columns[index], reason));

        var fieldCode = Integer(0, Fail);
        var wellCode = Integer(2, Fail);
        var period = Date(5, Fail);
        var days = Number(6, Fail);
        var oil = Rate(7, Fail);
        var gas = Rate(8, Fail);
        var liquids = Rate(9, Fail);
        var water = Rate(10, Fail);
        var createdAt = Timestamp(14, Fail);
        var updatedAt = Timestamp(15, Fail);
        if (_values[0] is null)
        {
            Fail(0, "required (the field's totals include every well's volumes)");
        }

        if (_values[2] is null)
        {
            Fail(2, "required");
        }

        if (_values[5] is null)
        {
            Fail(5, "required");
        }

        if (_values[11] is null || string.IsNullOrWhiteSpace(Convert.ToString(_values[11], CultureInfo.InvariantCulture)))
        {
            Fail(11, "required");
        }
        else if (_knownSources is not null && Text(11) is { } source && !_knownSources.Contains(source))
        {
            UnknownSourceRows++;
            Fail(11, $"unknown data source '{Shorten(source)}' (not in the warehouse seed data_sources)");
        }

        foreach (var index in TextColumns)
        {
            if (_values[index] is string text && text.Contains('\0', StringComparison.Ordinal))
            {
                Fail(index, $"contains a NUL character (U+0000) at position {text.IndexOf('\0', StringComparison.Ordinal) + 1}");
            }
        }

        if (days is { } d && period is { } p && (d < 0 || d > DateTime.DaysInMonth(p.Year, p.Month)))
        {
            Fail(6, $"{d} is outside 0..{DateTime.DaysInMonth(p.Year, p.Month)} days");
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new RawProductionRow
        {
            FieldCode = fieldCode,
            FieldName = Text(1),
            WellCode = wellCode,
            WellReference = Text(3),
            WellName = Text(4),
            ProductionPeriod = period!.Value,
            DaysOnProduction = days,
            OilProductionKbd = oil,
            GasProductionMmcfd = gas,
            LiquidsProductionKbd = liquids,
            WaterProductionKbd = water,
            DataSource = Text(11),
            SourceData = Text(12),
            Partition0 = Text(13),
            CreatedAt = createdAt ?? _receivedAt,
            UpdatedAt = updatedAt ?? createdAt ?? _receivedAt,
        };
    }

    private string? Text(int index) => _values[index] is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    private int? Integer(int index, Action<int, string> fail)
    {
        switch (_values[index])
        {
            case null:
                return null;
            case int i:
                return i;
            case long or short or byte or sbyte or ushort or uint or ulong or decimal:
                var asDecimal = Convert.ToDecimal(_values[index], CultureInfo.InvariantCulture);
                if (asDecimal is >= int.MinValue and <= int.MaxValue && asDecimal == decimal.Truncate(asDecimal))
                {
                    return (int)asDecimal;
                }

                break;
            case double dbl when dbl == Math.Floor(dbl) && dbl is >= int.MinValue and <= int.MaxValue:
                return (int)dbl;
            case string s when int.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
        }

        fail(index, $"'{Shorten(_values[index])}' is not an integer");
        return null;
    }

    private double? Number(int index, Action<int, string> fail)
    {
        double value;
        switch (_values[index])
        {
            case null:
                return null;
            case double d:
                value = d;
                break;
            case float or int or long or short or decimal or byte:
                value = Convert.ToDouble(_values[index], CultureInfo.InvariantCulture);
                break;
            case string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                value = parsed;
                break;
            default:
                fail(index, $"'{Shorten(_values[index])}' is not a number");
                return null;
        }

        if (!double.IsFinite(value))
        {
            fail(index, "must be a finite number");
            return null;
        }

        return value;
    }

    /// <summary>A rate: a finite number within <see cref="MaxRate"/> in absolute value.</summary>
    private double? Rate(int index, Action<int, string> fail)
    {
        var value = Number(index, fail);
        if (value is { } rate && Math.Abs(rate) > MaxRate)
        {
            fail(index, string.Create(CultureInfo.InvariantCulture,
                $"{rate:G6} is beyond the limit of {MaxRate:N0} in absolute value (the warehouse's volumes and sums would overflow)"));
            return null;
        }

        return value;
    }

    private DateOnly? Date(int index, Action<int, string> fail)
    {
        switch (_values[index])
        {
            case null:
                return null;
            case DateOnly date:
                return date;
            case DateTime dateTime when dateTime.TimeOfDay == TimeSpan.Zero:
                return DateOnly.FromDateTime(dateTime);
            case string s when DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                return date;
            case string s when DateTime.TryParse(s.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dateTime)
                && dateTime.TimeOfDay == TimeSpan.Zero:
                return DateOnly.FromDateTime(dateTime);
        }

        fail(index, $"'{Shorten(_values[index])}' is not a date (yyyy-MM-dd)");
        return null;
    }

    private DateTime? Timestamp(int index, Action<int, string> fail)
    {
        switch (_values[index])
        {
            case null:
                return null;
            case DateTime dateTime:
                return dateTime;
            case DateOnly date:
                return date.ToDateTime(TimeOnly.MinValue);
            case DateTimeOffset offset:
                return offset.UtcDateTime;
            case string s when DateTime.TryParse(s.Trim(), CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed):
                return parsed;
        }

        fail(index, $"'{Shorten(_values[index])}' is not a timestamp (ISO 8601)");
        return null;
    }

    /// <summary>A value for a message: its first 40 characters (an upload can put megabytes in one field or header).</summary>
    internal static string Shorten(object? value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        return text.Length <= 40 ? text : text[..40] + "...";
    }
}
