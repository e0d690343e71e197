using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using DuckDB.NET.Data;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Warehouse;

/// <summary>
/// Fitting and writing <c>ml_predictions_raw</c> on several threads: one reads the wells in order and hands out
/// batches of wells; each writer, on a connection and appender of its own, fits a batch's series and appends their
/// rows. DuckDB inserts from several connections into one table never conflict, and writers that each fit what they
/// write keep every core busy (DuckDB's append costs about twice the CPU of the LOWESS fits). Every appender is closed
/// (committed) before <see cref="WriteAsync"/> returns; on a failure the others stop too and the failure is rethrown,
/// so the engine drops the staged table.
/// </summary>
internal sealed partial class TrendlinePredictionsModel
{
    /// <summary>Wells per batch handed to a writer (three series of up to ~1,000 daily periods each).</summary>
    private const int BatchWells = 32;

    private static async Task WriteAsync(CSharpModelContext context, string filter, double minSigma, CancellationToken cancellationToken)
    {
        // Connections and appenders are opened here, one after another; once every task has ended, the appenders are
        // closed (which commits their rows), and on a failure destroyed (the engine then drops the staged table).
        var target = context.Target;
        var connections = new List<DuckDBConnection>();
        var appenders = new List<ChunkAppender>();
        try
        {
            for (var i = 0; i < Math.Clamp(Environment.ProcessorCount, 1, 8); i++)
            {
                connections.Add(ModelConnections.OpenSecond(context.Connection));
                KeepInsertionOrder(connections[^1]);
                appenders.Add(new ChunkAppender(connections[^1], target));
            }

            await FitAndAppendAsync(context, filter, appenders, minSigma, cancellationToken).ConfigureAwait(false);
            appenders.ForEach(appender => appender.Close());
        }
        finally
        {
            CloseAll(appenders, connections);
        }
    }

    private static async Task FitAndAppendAsync(CSharpModelContext context, string filter, List<ChunkAppender> appenders, double minSigma, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var batches = new BlockingCollection<WellStreams[]>(boundedCapacity: appenders.Count * 2);
        var tasks = new List<Task>
        {
            Run(
                () =>
                {
                    try
                    {
                        foreach (var batch in ReadWells(context, filter, stop.Token).Chunk(BatchWells))
                        {
                            batches.Add(batch, stop.Token);
                        }
                    }
                    finally
                    {
                        batches.CompleteAdding();
                    }
                },
                stop),
        };
        foreach (var appender in appenders)
        {
            tasks.Add(Run(() => Write(appender, batches, minSigma, stop.Token), stop));
        }

        var all = Task.WhenAll(tasks);
        try
        {
            await all.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && all.Exception is { } failure)
        {
            // Another task's failure cancelled this one: rethrow the failure itself, not the cancellation.
            var cause = failure.InnerExceptions.FirstOrDefault(exception => exception is not OperationCanceledException);
            if (cause is null)
            {
                throw;
            }

            ExceptionDispatchInfo.Throw(cause);
        }
    }

    /// <summary>
    /// Appends in insertion order on this connection, whatever the target's <c>preserve_insertion_order</c> (false for
    /// ci and prod): with it false, DuckDB's appender wrote every row group twice and left the first copy as free
    /// blocks in the file (at 1 M rows: 160 free blocks, 40 MiB, for a 66 MiB table; also 2.1 times slower in a
    /// reduced case). The rows of one series stay together either way; this keeps them in the order they are written.
    /// </summary>
    private static void KeepInsertionOrder(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "set session preserve_insertion_order = true";
        command.ExecuteNonQuery();
    }

    /// <summary>Closes every appender (which commits its rows) and connection, even when one fails; then rethrows the
    /// first failure.</summary>
    private static void CloseAll(List<ChunkAppender> appenders, List<DuckDBConnection> connections)
    {
        Exception? first = null;
        foreach (var disposable in appenders.Cast<IDisposable>().Concat(connections))
        {
            try
            {
                disposable.Dispose();
            }
            catch (Exception exception) when (first is null)
            {
                first = exception;
            }
        }

        if (first is not null)
        {
            ExceptionDispatchInfo.Throw(first);
        }
    }

    /// <summary>Runs <paramref name="work"/> on a thread of its own; its failure stops the other tasks.</summary>
    private static Task Run(Action work, CancellationTokenSource stop) => Task.Factory.StartNew(
        () =>
        {
            try
            {
                work();
            }
            catch
            {
                stop.Cancel();
                throw;
            }
        },
        CancellationToken.None,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);

    private static void Write(ChunkAppender appender, BlockingCollection<WellStreams[]> batches, double minSigma, CancellationToken cancellationToken)
    {
        foreach (var batch in batches.GetConsumingEnumerable(cancellationToken))
        {
            foreach (var well in batch)
            {
                foreach (var (series, actual) in well.Series)
                {
                    var (_, trend, sigma, _) = Fit(series, minSigma);
                    appender.Append(series, (byte)Array.IndexOf(Streams, series.Stream), actual, trend, sigma);
                }
            }
        }
    }
}
