namespace Wellhouse.Transform.Compilation;

/// <summary>
/// dbt's <c>thread_id</c> (dbt-core's <c>BaseContext.thread_id</c>: the name of the Python thread rendering): a node
/// run by a worker renders on <c>Thread-N (worker)</c>, the name the worker's thread has in dbt's thread pool (and in
/// run_results.json); anything rendered outside a worker (parsing, <c>run-operation</c>, <c>on-run-start</c>/
/// <c>on-run-end</c>, <c>show</c>) on <c>MainThread</c>, Python's main thread.
/// </summary>
internal static class RenderThread
{
    /// <summary>Python's name for the main thread.</summary>
    public const string Main = "MainThread";

    private static readonly AsyncLocal<string?> Name = new();

    /// <summary>The name templates rendered now see as <c>thread_id</c>.</summary>
    public static string Current => Name.Value ?? Main;

    /// <summary>dbt's name for worker <paramref name="number"/> (1-based) of a run.</summary>
    public static string Worker(int number) => $"Thread-{number} (worker)";

    /// <summary>Renders on this flow see <paramref name="name"/> until disposed.</summary>
    public static IDisposable Use(string name)
    {
        var previous = Name.Value;
        Name.Value = name;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Name.Value = previous;
    }
}
