using System.Globalization;
using Wellhouse.Decline;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Models;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Warehouse;

/// <summary>
/// The wells' monthly histories of int_population_forecast kept in the snapshot beside it, in the table
/// <c>int_population_forecast_histories</c> (one row per well: its code and its oil and gas <see cref="MonthlyHistory"/>;
/// docs/warehouse.md, "Incremental refresh"), so that an incremental refresh reads the staged periods of the changed
/// wells only instead of every well's (10 M rows at 10,000 wells x 1,000 days). A well's history is computed from its
/// own staged rows alone, and the application deletes the changed wells' rows from every table of the copied snapshot
/// with a <c>well_code</c> column (this one too) before the build, so a row kept here is the history a full read would
/// give. Only an application's incremental build (var <c>incremental_refresh</c>) reads the table: another build
/// (a second <c>wellhouse build</c> of a kept database, whose rows nothing deleted) reads every well and writes the
/// table again.
/// </summary>
internal static class PopulationHistories
{
    private static readonly ModelColumn[] Columns = [ModelColumn.Integer("well_code"), ModelColumn.Text("history")];

    /// <summary>The table beside the model's table (same database and schema).</summary>
    public static Relation Table(CSharpModelContext context) => context.Target with { Identifier = context.Node.Name + "_histories" };

    /// <summary>The kept histories (oil, gas) by well, or null when the build must read every well (no incremental
    /// refresh, or no table).</summary>
    public static Dictionary<int, MonthlyHistory[]>? Load(CSharpModelContext context, CancellationToken cancellationToken)
    {
        var table = Table(context);
        if (!ModelVars.Flag(context, "incremental_refresh", false) || !PopulationStates.Exists(context, table, cancellationToken))
        {
            return null;
        }

        var kept = new Dictionary<int, MonthlyHistory[]>();
        using var reader = context.Read($"select well_code, history from {table}", cancellationToken);
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var code = reader.GetInt32(0);
            kept[code] = Decode(code.ToString(CultureInfo.InvariantCulture), Convert.FromBase64String(reader.GetString(1)));
        }

        return kept;
    }

    /// <summary>
    /// Leaves the table holding the histories of <paramref name="sources"/>' wells: with <paramref name="kept"/> (the
    /// table was read) the rows of kept wells no longer read are deleted and the wells read from the staged rows
    /// appended; otherwise the table is written anew.
    /// </summary>
    public static async Task StoreAsync(CSharpModelContext context, IReadOnlyList<StagedHistories.Source> sources,
        IReadOnlyDictionary<int, MonthlyHistory[]>? kept, CancellationToken cancellationToken)
    {
        var table = Table(context);
        var wells = sources.SelectMany(source => source.Wells).ToList();
        if (kept is null)
        {
            await context.ExecuteAsync($"drop table if exists {table}", cancellationToken).ConfigureAwait(false);
            await context.Storage.CreateTableAsync(table, Columns, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var used = wells.Select(well => well.Code).ToHashSet();
            var gone = kept.Keys.Where(code => !used.Contains(code)).Order().ToList();
            if (gone.Count > 0)
            {
                await context.ExecuteAsync(
                    $"delete from {table} where well_code in ({string.Join(", ", gone.Select(code => code.ToString(CultureInfo.InvariantCulture)))})",
                    cancellationToken).ConfigureAwait(false);
            }
        }

        using var writer = context.Storage.OpenWriter(table, Columns);
        foreach (var well in wells.Where(well => kept is null || !kept.ContainsKey(well.Code)))
        {
            writer.StartRow();
            writer.Write(well.Code);
            writer.Write(Convert.ToBase64String(Encode(well.Histories)));
        }

        writer.Complete();
    }

    /// <summary>Each stream's first month, month count, volumes and producing days, in <see cref="StagedHistories.Streams"/>' order.</summary>
    private static byte[] Encode(MonthlyHistory[] histories)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            foreach (var history in histories)
            {
                writer.Write(history.FirstMonth);
                writer.Write(history.Volumes.Length);
                foreach (var volume in history.Volumes)
                {
                    writer.Write(volume);
                }

                foreach (var days in history.DaysOn)
                {
                    writer.Write(days);
                }
            }
        }

        return stream.ToArray();
    }

    private static MonthlyHistory[] Decode(string id, byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        var histories = new MonthlyHistory[StagedHistories.Streams.Count];
        for (var s = 0; s < histories.Length; s++)
        {
            var first = reader.ReadInt32();
            var volumes = new double[reader.ReadInt32()];
            var days = new double[volumes.Length];
            for (var m = 0; m < volumes.Length; m++)
            {
                volumes[m] = reader.ReadDouble();
            }

            for (var m = 0; m < days.Length; m++)
            {
                days[m] = reader.ReadDouble();
            }

            histories[s] = new MonthlyHistory(id, MonthIndex.Date(first), volumes, days);
        }

        if (reader.BaseStream.Position != bytes.Length)
        {
            throw new InvalidDataException($"int_population_forecast_histories: the row of well {id} has {bytes.Length - reader.BaseStream.Position} bytes past its histories");
        }

        return histories;
    }
}
