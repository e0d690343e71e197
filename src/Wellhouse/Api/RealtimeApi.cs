using DuckDB.NET.Data;
using Wellhouse.Api.Responses;
using Wellhouse.Hosting;
using Wellhouse.Ingest;

namespace Wellhouse.Api;

/// <summary>
/// The real-time path: a well's raw rows that arrived after the served snapshot was built (batches not in it), read
/// straight from the raw store's Parquet files, newest period first. Not cached: new batches arrive at any time.
/// </summary>
internal static class RealtimeApi
{
    private static readonly IntQuery Limit = new("limit", 100, 1, 10_000);

    public static void MapRealtime(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/wells/{wellCode:int}/latest", Latest).WithTags("Real-time").WithName("GetLatestRawRows")
            .WithMetadata(SnapshotRead.Uncached)
            .WithSummary("Raw rows of a well received after the published snapshot (not yet in the marts).")
            .Produces<LatestResponse>().ProducesValidationProblem().ProducesSnapshotReadProblems().WithMetadata(Limit);
    }

    private static async Task<IResult> Latest(HttpContext context, int wellCode, string? limit, RawStore raw)
    {
        var args = new ApiArgs();
        var rows = args.Int(limit, Limit);
        if (!args.IsValid)
        {
            return args.Problem();
        }

        var snapshot = SnapshotQuery.Pinned(context);
        var included = snapshot.Info.RawBatches.ToHashSet(StringComparer.Ordinal);
        var files = raw.List().Where(batch => !included.Contains(batch.Id)).Select(batch => raw.ParquetPath(batch.Id)).ToList();
        if (files.Count == 0)
        {
            return TypedResults.Ok(new LatestResponse { WellCode = wellCode, BatchesAfterSnapshot = 0, Items = [] });
        }

        await using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync(context.RequestAborted);
        await using var command = connection.CreateCommand();
        command.CommandText = $"select * from read_parquet({SqlText.List(files)}) where well_code = $well "
            + "order by production_period desc, updated_at desc limit $limit";
        command.Parameters.Add(new DuckDBParameter("well", wellCode));
        command.Parameters.Add(new DuckDBParameter("limit", rows));
        var result = new List<LatestRawRow>();
        await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
        while (await reader.ReadAsync(context.RequestAborted))
        {
            result.Add(LatestRawRow.Read(reader));
        }

        return TypedResults.Ok(new LatestResponse { WellCode = wellCode, BatchesAfterSnapshot = files.Count, Items = result });
    }
}
