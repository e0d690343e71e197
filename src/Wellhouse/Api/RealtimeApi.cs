using DuckDB.NET.Data;
using Wellhouse.Hosting;
using Wellhouse.Ingest;

namespace Wellhouse.Api;

/// <summary>
/// The real-time path: a well's raw rows that arrived after the served snapshot was built (batches not in it), read
/// straight from the raw store's Parquet files, newest period first. Not cached: new batches arrive at any time.
/// </summary>
internal static class RealtimeApi
{
    public static void MapRealtime(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/wells/{wellCode:int}/latest", Latest).WithTags("Real-time").WithName("GetLatestRawRows")
            .WithMetadata(SnapshotRead.Uncached)
            .WithSummary("Raw rows of a well received after the published snapshot (not yet in the marts).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesValidationProblem();
    }

    private static async Task<IResult> Latest(HttpContext context, int wellCode, string? limit, RawStore raw)
    {
        var args = new ApiArgs();
        var rows = args.Int(limit, "limit", 100, 1, 10_000);
        if (!args.IsValid)
        {
            return args.Problem();
        }

        var snapshot = SnapshotQuery.Pinned(context);
        var included = snapshot.Info.RawBatches.ToHashSet(StringComparer.Ordinal);
        var files = raw.List().Where(batch => !included.Contains(batch.Id)).Select(batch => raw.ParquetPath(batch.Id)).ToList();
        var envelope = new Dictionary<string, object?> { ["well_code"] = wellCode, ["batches_after_snapshot"] = files.Count };
        context.Response.ContentType = "application/json; charset=utf-8";
        if (files.Count == 0)
        {
            return TypedResults.Ok(new Dictionary<string, object?>(envelope) { ["items"] = Array.Empty<object>() });
        }

        await using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync(context.RequestAborted);
        await using var command = connection.CreateCommand();
        command.CommandText = $"select * from read_parquet({SqlText.List(files)}) where well_code = $well "
            + "order by production_period desc, updated_at desc limit $limit";
        command.Parameters.Add(new DuckDBParameter("well", wellCode));
        command.Parameters.Add(new DuckDBParameter("limit", rows));
        var result = new List<Dictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
        while (await reader.ReadAsync(context.RequestAborted))
        {
            var row = new Dictionary<string, object?>(reader.FieldCount);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                row[reader.GetName(i)] = value is DateTime date && reader.GetName(i) == "production_period" ? DateOnly.FromDateTime(date) : value;
            }

            result.Add(row);
        }

        envelope["items"] = result;
        return TypedResults.Ok(envelope);
    }
}
