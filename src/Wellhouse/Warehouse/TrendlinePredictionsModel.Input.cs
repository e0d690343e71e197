using Wellhouse.Transform.Execution;

namespace Wellhouse.Warehouse;

/// <summary>Reading <c>int_ml_trendlines_input</c> as one series per well and stream.</summary>
internal sealed partial class TrendlinePredictionsModel
{
    private static IEnumerable<WellSeries> ReadSeries(CSharpModelContext context, CancellationToken cancellationToken)
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
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wellCode = reader.GetInt32(0);
            var stream = reader.GetString(1);
            if (series is null || series.WellCode != wellCode || series.Stream != stream)
            {
                if (series is not null)
                {
                    yield return series;
                }

                series = new WellSeries(wellCode, stream, monthly: false);
            }

            // The uptime weight travels in DaysOn with one calendar day per period: DaysOn / PeriodDays = weight.
            series.Add(reader.GetFieldValue<DateOnly>(2), reader.GetDouble(3), reader.IsDBNull(4) ? 1 : reader.GetDouble(4), 1);
        }

        if (series is not null)
        {
            yield return series;
        }
    }
}
