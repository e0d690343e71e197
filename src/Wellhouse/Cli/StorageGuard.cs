using System.CommandLine;
using Wellhouse.Hosting;

namespace Wellhouse.Cli;

/// <summary>
/// The verbs that write the data directory (<c>ingest</c>, <c>refresh</c>) end with a sentence and exit code 1 when it is
/// read-only, not ours or full (<see cref="StorageFault"/>), instead of a stack trace.
/// </summary>
internal static class StorageGuard
{
    public static Func<ParseResult, CancellationToken, Task<int>> Wrap(Func<ParseResult, CancellationToken, Task<int>> action) =>
        async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken);
            }
            catch (Exception ex) when (StorageFault.Of(ex) is { } fault)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"{fault.Reason}; nothing was written: {ex.Message}");
                return 1;
            }
        };
}
