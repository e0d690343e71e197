using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Models;

namespace Wellhouse.Warehouse;

/// <summary>Reading <c>int_ml_trendlines_input</c> (one row per well and producing period, the three streams' rates
/// side by side) as the oil, gas and water series of one well at a time.</summary>
/// <remarks>One row per well-period sorts and reads a third of the rows one row per stream did (measured on 2,000
/// wells: 0.5 instead of 2.2 CPU-s). The actual rates are not written back: <c>int_ml_trendlines_output</c> joins
/// them from the input (stored, they were 40 % of <c>ml_predictions_raw</c>).</remarks>
internal sealed partial class TrendlinePredictionsModel
{
    /// <summary>The streams in the order of the input's rate columns (and of the raw table's ENUM).</summary>
    internal static readonly string[] Streams = ["oil", "gas", "water"];

    /// <summary>The table's columns; the stream as an ENUM on DuckDB, where appending it costs what a small integer
    /// does, a third of a VARCHAR (text on PostgreSQL).</summary>
    private static readonly ModelColumn[] Columns =
    [
        ModelColumn.Integer("well_code"),
        ModelColumn.Enum("stream", Streams),
        ModelColumn.Date("production_period"),
        ModelColumn.Double("trend_rate"),
        ModelColumn.Double("residual_sigma"),
    ];

    /// <summary>One well's series of the streams it produced (a rate above zero in at least one period).</summary>
    internal sealed record WellStreams(int WellCode, IReadOnlyList<WellSeries> Series);

    /// <summary>The wells in well order: in the order of the table under the input view (stg_well_production_accepted)
    /// unless <paramref name="sorted"/> (<see cref="WellOrderedRows"/>).</summary>
    private static IEnumerable<WellStreams> ReadWells(CSharpModelContext context, string filter, bool sorted, CancellationToken cancellationToken)
    {
        using var rows = WellOrderedRows.Open(
            context,
            "well_code, production_period, oil_producing_rate_kbd, gas_producing_rate_mmcfd, water_producing_rate_kbd, uptime_weight",
            context.Ref("int_ml_trendlines_input").ToString(),
            filter,
            sorted,
            cancellationToken);
        var reader = rows.Rows;
        var series = new WellSeries[Streams.Length];
        int? wellCode = null;
        while (rows.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var code = reader.GetInt32(0);
            if (code != wellCode)
            {
                if (wellCode is { } previous)
                {
                    yield return Produced(previous, series);
                }

                wellCode = code;
                for (var s = 0; s < Streams.Length; s++)
                {
                    series[s] = new WellSeries(code, Streams[s], monthly: false);
                }
            }

            var period = reader.GetDate(1);
            var weight = reader.IsNull(5) ? 1 : reader.GetDouble(5);
            for (var s = 0; s < Streams.Length; s++)
            {
                if (reader.IsNull(2 + s))
                {
                    continue;
                }

                // "rate > 0" as DuckDB evaluates it (the filter of the one-row-per-stream input this replaces): NaN
                // sorts above every number there, so it passes.
                var rate = reader.GetDouble(2 + s);
                if (rate > 0 || double.IsNaN(rate))
                {
                    // The uptime weight travels in DaysOn with one calendar day per period: DaysOn / PeriodDays = weight.
                    series[s].Add(period, rate, weight, 1);
                }
            }
        }

        if (wellCode is { } last)
        {
            yield return Produced(last, series);
        }
    }

    private static WellStreams Produced(int wellCode, WellSeries[] series) =>
        new(wellCode, series.Where(item => item.Count > 0).ToArray());
}
