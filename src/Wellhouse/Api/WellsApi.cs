using Microsoft.AspNetCore.Mvc;
using Wellhouse.Api.Responses;
using Wellhouse.Hosting;
using Wellhouse.Serving;

namespace Wellhouse.Api;

/// <summary><c>/api/wells</c>: the well list (paging, search, field filter) and one well's summary (mart_well_summary).</summary>
internal static class WellsApi
{
    private static readonly IntQuery Page = new("page", 1, 1, 1_000_000);
    private static readonly IntQuery PageSize = new("page_size", 50, 1, 1000);
    private static readonly IntQuery Field = IntQuery.Code("field");

    public static void MapWells(this IEndpointRouteBuilder endpoints)
    {
        var wells = endpoints.MapGroup("/api/wells").WithTags("Wells").WithMetadata(SnapshotRead.Cached);
        wells.MapGet("/", ListWells).WithName("ListWells")
            .WithSummary("Wells of the published snapshot, paged; search by name, reference or code; filter by field.")
            .Produces<WellListResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesSnapshotReadProblems().WithMetadata(Page, PageSize, Field);
        wells.MapGet("/{wellCode:int}", GetWell).WithName("GetWell")
            .WithSummary("One well's summary: identity, dates, cumulatives, current rates, decline parameters and EUR.")
            .Produces<WellSummary>().ProducesProblem(StatusCodes.Status404NotFound).ProducesSnapshotReadProblems();
    }

    private static async Task<IResult> ListWells(HttpContext context, string? search, string? field, string? page,
        [FromQuery(Name = "page_size")] string? pageSize)
    {
        var args = new ApiArgs();
        var term = args.Text(search, "search");
        var fieldCode = args.OptionalInt(field, Field.Name);
        var pageNumber = args.Int(page, Page);
        var size = args.Int(pageSize, PageSize);
        if (!args.IsValid)
        {
            return args.Problem();
        }

        var where = "where true";
        if (term is not null)
        {
            where += " and (strpos(lower(well_name), lower($search)) > 0 or strpos(lower(well_reference), lower($search)) > 0"
                + " or cast(well_code as varchar) = $search)";
        }

        if (fieldCode is not null)
        {
            where += " and field_code = $field";
        }

        SnapshotQuery Bind(SnapshotQuery query)
        {
            if (term is not null)
            {
                query.With("search", term);
            }

            return fieldCode is null ? query : query.With("field", fieldCode);
        }

        var total = await Bind(new SnapshotQuery($"select count(*) from mart_well_summary {where}")).ScalarAsync(context);
        var rows = Bind(new SnapshotQuery(
                "select well_code, well_name, well_reference, field_code, field_name, data_source, first_production_date, "
                + $"last_production_date, cum_oil_kbbl, cum_gas_mmcf, cum_water_kbbl from mart_well_summary {where} "
                + "order by well_code limit $limit offset $offset"))
            .With("limit", size).With("offset", (long)(pageNumber - 1) * size);
        return new RowsResult(rows, new Dictionary<string, object?>
        {
            ["page"] = pageNumber,
            ["page_size"] = size,
            ["total"] = Convert.ToInt64(total ?? 0L),
        });
    }

    private static IResult GetWell(HttpContext context, int wellCode)
    {
        if (SnapshotQuery.Pinned(context).Serve?.Relation("mart_well_summary") is { } summary)
        {
            var (start, end) = summary.Range(wellCode);
            return new SeriesResult(SeriesTable.Rows(summary, [.. Enumerable.Range(start, end - start)]), single: true);
        }

        return new RowsResult(new SnapshotQuery("select * from mart_well_summary where well_code = $well").With("well", wellCode), single: true);
    }

    /// <summary>Whether the serving store knows the well (from its mart_well_summary), or null when it does not hold that relation.</summary>
    public static bool? InStore(ServeStore store, int wellCode) => store.Relation("mart_well_summary")?.HasWell(wellCode);

    /// <summary>Whether the snapshot knows the well (404 otherwise).</summary>
    public static async Task<bool> ExistsAsync(HttpContext context, int wellCode) =>
        Convert.ToInt64(await new SnapshotQuery("select count(*) from mart_well_summary where well_code = $well")
            .With("well", wellCode).ScalarAsync(context) ?? 0L) > 0;

    public static IResult WellNotFound(int wellCode) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Well not found",
            detail: $"No well {wellCode} in the published snapshot.");
}
