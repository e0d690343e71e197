using Wellhouse.Transform.Execution;

namespace Wellhouse.Warehouse;

/// <summary>
/// The warehouse's incremental refresh as the C# models take part in it (docs/warehouse.md, "Incremental refresh"):
/// when the application builds a snapshot incrementally (var <c>incremental_refresh</c> true, the model's table copied
/// from the parent snapshot, the changed wells' rows already deleted), a model reads and appends only the wells of
/// <c>int_refresh_wells</c>; otherwise it builds its whole table.
/// </summary>
internal static class IncrementalWells
{
    /// <summary>
    /// Prepares the target (creates it for a new table; empties it when it exists but this is no incremental refresh,
    /// e.g. a second <c>wellhouse build</c> of the dev target) and returns the filter of the wells to read: an empty
    /// string for all of them, else <c>where well_code in (...)</c>.
    /// </summary>
    public static async Task<string> PrepareAsync(CSharpModelContext context, Func<Task> createTarget, CancellationToken cancellationToken)
    {
        if (!context.IsIncremental)
        {
            await createTarget().ConfigureAwait(false);
            return string.Empty;
        }

        if (ModelVars.Flag(context, "incremental_refresh", false))
        {
            return $"where well_code in (select well_code from {context.Ref("int_refresh_wells")})";
        }

        await context.ExecuteAsync($"delete from {context.Target}", cancellationToken).ConfigureAwait(false);
        return string.Empty;
    }
}
