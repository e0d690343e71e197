using Wellhouse.Transform.Execution;

namespace Wellhouse.Warehouse;

/// <summary>Reading <c>int_ml_trendlines_input</c> as one series per well and stream.</summary>
/// <remarks>The actual rates travel beside each series as read (not cleaned), so that <c>ml_predictions_raw</c> writes
/// them unchanged and <c>int_ml_trendlines_output</c> needs no join back to the input.</remarks>
internal sealed partial class TrendlinePredictionsModel
{
    private static IEnumerable<(WellSeries Series, List<double> Actual)> ReadSeries(CSharpModelContext context, CancellationToken cancellationToken)
    {
        using var connection = ModelConnections.OpenSecond(context.Connection);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            select well_code, stream, production_period, actual_rate, uptime_weight
            from {context.Ref("int_ml_trendlines_input")}
            order by well_code, stream, production_period
            """;
        using var reader = command.ExecuteReader();
        WellSeries? series = null;
        List<double> actual = [];
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wellCode = reader.GetInt32(0);
            var stream = reader.GetString(1);
            if (series is null || series.WellCode != wellCode || series.Stream != stream)
            {
                if (series is not null)
                {
                    yield return (series, actual);
                }

                series = new WellSeries(wellCode, stream, monthly: false);
                actual = [];
            }

            // The uptime weight travels in DaysOn with one calendar day per period: DaysOn / PeriodDays = weight.
            var rate = reader.GetDouble(3);
            actual.Add(rate);
            series.Add(reader.GetFieldValue<DateOnly>(2), rate, reader.IsDBNull(4) ? 1 : reader.GetDouble(4), 1);
        }

        if (series is not null)
        {
            yield return (series, actual);
        }
    }
}
