using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Models;

namespace Wellhouse.Warehouse;

/// <summary>
/// Fitting and writing <c>ml_predictions_raw</c> on several threads: one reads the wells in order and hands out
/// batches of wells; each writer, with a <see cref="ModelWriter"/> (and so a connection) of its own, fits a batch's
/// series and appends their rows (on DuckDB the writers share one appender, each filling its own data chunks; on
/// PostgreSQL each is a COPY of its own), so writers that each fit what they write keep every core busy. Every writer is completed (committed) before <see cref="WriteAsync"/> returns; on
/// a failure the others stop too and the failure is rethrown, so the engine drops the staged table.
/// </summary>
internal sealed partial class TrendlinePredictionsModel
{
    /// <summary>Wells per batch handed to a writer (three series of up to ~1,000 daily periods each).</summary>
    private const int BatchWells = 32;

    private static async Task WriteAsync(
        CSharpModelContext context, string filter, bool sorted, Dictionary<int, DateOnly> scoredFrom, double minSigma, CancellationToken cancellationToken)
    {
        // Writers are opened here, one after another; once every task has ended, they are completed (which commits
        // their rows), and on a failure disposed (the engine then drops the staged table).
        var writers = new List<ModelWriter>();
        try
        {
            for (var i = 0; i < Math.Clamp(Environment.ProcessorCount, 1, 8); i++)
            {
                writers.Add(context.OpenWriter(Columns));
            }

            await FitAndAppendAsync(context, filter, sorted, writers, scoredFrom, minSigma, cancellationToken).ConfigureAwait(false);
            writers.ForEach(writer => writer.Complete());
        }
        finally
        {
            DisposeAll(writers);
        }
    }

    private static async Task FitAndAppendAsync(
        CSharpModelContext context, string filter, bool sorted, List<ModelWriter> writers, Dictionary<int, DateOnly> scoredFrom, double minSigma,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var batches = new BlockingCollection<WellStreams[]>(boundedCapacity: writers.Count * 2);
        var tasks = new List<Task>
        {
            Run(
                () =>
                {
                    try
                    {
                        foreach (var batch in ReadWells(context, filter, sorted, stop.Token).Chunk(BatchWells))
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
        foreach (var writer in writers)
        {
            tasks.Add(Run(() => Write(writer, batches, scoredFrom, minSigma, stop.Token), stop));
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

    /// <summary>Disposes every writer (and its connection), even when one fails; then rethrows the first failure.</summary>
    private static void DisposeAll(List<ModelWriter> writers)
    {
        Exception? first = null;
        foreach (var writer in writers)
        {
            try
            {
                writer.Dispose();
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

    /// <summary>Fits and appends the batches' series (<paramref name="scoredFrom"/>, read by every writer, is not
    /// changed while they run).</summary>
    private static void Write(
        ModelWriter writer, BlockingCollection<WellStreams[]> batches, Dictionary<int, DateOnly> scoredFrom, double minSigma, CancellationToken cancellationToken)
    {
        foreach (var batch in batches.GetConsumingEnumerable(cancellationToken))
        {
            foreach (var well in batch)
            {
                DateOnly? from = scoredFrom.TryGetValue(well.WellCode, out var first) ? first : null;
                foreach (var series in well.Series)
                {
                    var (_, trend, sigma, _) = Fit(series, minSigma, from);
                    Append(writer, series, Array.IndexOf(Streams, series.Stream), trend, sigma);
                }
            }
        }
    }

    /// <summary>Appends the rows of one fitted series (<paramref name="stream"/>: its index in <see cref="Streams"/>;
    /// <paramref name="sigma"/>: the series' residual scale, on every row), from index <paramref name="from"/>.</summary>
    private static void Append(ModelWriter writer, WellSeries series, int stream, double[] trend, double sigma, int from = 0)
    {
        for (var i = from; i < series.Count; i++)
        {
            writer.StartRow();
            writer.Write(series.WellCode);
            writer.WriteEnum(stream);
            writer.Write(series.Periods[i]);
            writer.Write(trend[i]);
            writer.Write(sigma);
        }
    }
}
