using System.Globalization;
using Wellhouse.Decline;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Models;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Warehouse;

/// <summary>
/// The anchor states of int_population_forecast kept in the snapshot beside it, in the table
/// <c>int_population_forecast_states</c> (one row per state: its content key and its values; docs/warehouse.md,
/// "Incremental refresh"): a build loads the states its database already holds (an incremental snapshot's copy of its
/// parent; none in a new snapshot) into an <see cref="PopulationCache"/>, so that only the states of wells whose
/// history changed, or of new dates, are fitted again, and replaces the table with the states it used. The states are
/// addressed by what they are computed from, so the forecast is the same whether they were found or computed, and the
/// table holds the same rows after an incremental build as after a full one.
/// </summary>
internal static class PopulationStates
{
    private static readonly ModelColumn[] Columns = [ModelColumn.Text("state_key"), ModelColumn.Text("state")];

    /// <summary>The states table beside the model's table (same database and schema).</summary>
    public static Relation Table(CSharpModelContext context) => context.Target with { Identifier = context.Node.Name + "_states" };

    /// <summary>A cache holding the states stored in the database (none when the table does not exist).</summary>
    public static PopulationCache Load(CSharpModelContext context, CancellationToken cancellationToken)
    {
        var cache = new PopulationCache();
        var table = Table(context);
        if (!Exists(context, table, cancellationToken))
        {
            return cache;
        }

        using var reader = context.Read($"select state_key, state from {table}", cancellationToken);
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            cache.Add(UInt128.Parse(reader.GetString(0), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                Convert.FromBase64String(reader.GetString(1)));
        }

        return cache;
    }

    /// <summary>Whether the table exists in the build's database.</summary>
    internal static bool Exists(CSharpModelContext context, Relation table, CancellationToken cancellationToken)
    {
        using var exists = context.Read(
            $"""
            select count(*) from information_schema.tables
            where table_schema = '{table.Schema}' and table_name = '{table.Identifier}'
                {(table.Database is null ? "" : $"and table_catalog = '{table.Database}'")}
            """,
            cancellationToken);
        return exists.Read() && exists.GetInt32(0) > 0;
    }

    /// <summary>Replaces the table with the states the build used, by key.</summary>
    public static async Task StoreAsync(CSharpModelContext context, PopulationCache cache, CancellationToken cancellationToken)
    {
        var table = Table(context);
        await context.ExecuteAsync($"drop table if exists {table}", cancellationToken).ConfigureAwait(false);
        await context.Storage.CreateTableAsync(table, Columns, cancellationToken).ConfigureAwait(false);
        using var writer = context.Storage.OpenWriter(table, Columns);
        foreach (var (key, state) in cache.Used)
        {
            writer.StartRow();
            writer.Write(key.ToString("x32", CultureInfo.InvariantCulture));
            writer.Write(Convert.ToBase64String(state));
        }

        writer.Complete();
    }
}
