using Wellhouse.Api.Responses;
using Wellhouse.Hosting;

namespace Wellhouse.Api;

/// <summary><c>/api/fields</c>: fields with well counts and cumulatives, and field production by month or year.</summary>
internal static class FieldsApi
{
    public static void MapFields(this IEndpointRouteBuilder endpoints)
    {
        var fields = endpoints.MapGroup("/api/fields").WithTags("Fields").WithMetadata(SnapshotRead.Cached);
        fields.MapGet("/", ListFields).WithName("ListFields")
            .WithSummary("Fields with their well count and cumulative production.")
            .Produces<FieldListResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesSnapshotReadProblems();
        fields.MapGet("/{fieldCode:int}/production", FieldProduction).WithName("GetFieldProduction")
            .WithSummary("A field's production by month or year (volumes summed over its wells, calendar-day rates).")
            .ProducesOneOf("granularity", ("monthly", typeof(FieldMonthlyProductionResponse)),
                ("yearly", typeof(FieldYearlyProductionResponse))).ProducesCsv()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesSnapshotReadProblems();
    }

    private static IResult ListFields() => new RowsResult(new SnapshotQuery(
        "select field_code, min(field_name) as field_name, count(*) as well_count, sum(cum_oil_kbbl) as cum_oil_kbbl, "
        + "sum(cum_gas_mmcf) as cum_gas_mmcf, sum(cum_water_kbbl) as cum_water_kbbl, min(first_production_date) as first_production_date, "
        + "max(last_production_date) as last_production_date from mart_well_summary group by field_code order by field_code"));

    private static async Task<IResult> FieldProduction(HttpContext context, int fieldCode, string? granularity, string? from, string? to)
    {
        var args = new ApiArgs();
        var grain = args.OneOf(granularity, "granularity", "monthly", "monthly", "yearly");
        var (start, end) = args.Range(from, to);
        if (!args.IsValid)
        {
            return args.Problem();
        }

        var exists = Convert.ToInt64(await new SnapshotQuery("select count(*) from mart_well_summary where field_code = $field")
            .With("field", fieldCode).ScalarAsync(context) ?? 0L) > 0;
        if (!exists)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Field not found",
                detail: $"No field {fieldCode} in the published snapshot.");
        }

        var series = grain == "yearly"
            ? new SeriesQuery("mart_field_production_yearly", "field_code", fieldCode, "year")
            : new SeriesQuery("mart_field_production_monthly", "field_code", fieldCode, "month");
        return new RowsResult(series.Build(start, end, series.DateColumn),
            new Dictionary<string, object?> { ["field_code"] = fieldCode, ["granularity"] = grain });
    }
}
