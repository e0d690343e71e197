using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// The database that templates query while a node compiles (<c>run_query</c>, <c>statement</c>, <c>adapter</c>). A
/// worker compiling a node uses its own session (set by <see cref="RunContext.Compile"/> for the duration of the
/// compile), so queries of parallel nodes run in parallel; anything compiled outside a worker shares the runner's hook
/// session, one call at a time.
/// </summary>
internal sealed class CompileDatabase(ISqlSession fallback, Lock fallbackLock) : ICompileDatabase
{
    private static readonly AsyncLocal<ISqlSession?> WorkerSession = new();

    /// <summary>Makes <paramref name="session"/> the one compile-time queries of this thread use until disposed.</summary>
    public static IDisposable Use(ISqlSession session)
    {
        var previous = WorkerSession.Value;
        WorkerSession.Value = session;
        return new Restore(previous);
    }

    public QueryTable Fetch(string sql) => Run(session => session.Fetch(sql));

    public RelationKind? GetRelationKind(Relation relation) => Run(session => session.GetRelationKind(relation));

    public IReadOnlyList<ColumnSchema> GetColumns(Relation relation) => Run(session => session.GetColumns(relation));

    private T Run<T>(Func<ISqlSession, T> query)
    {
        if (WorkerSession.Value is { } session)
        {
            return query(session);
        }

        lock (fallbackLock)
        {
            return query(fallback);
        }
    }

    private sealed class Restore(ISqlSession? previous) : IDisposable
    {
        public void Dispose() => WorkerSession.Value = previous;
    }
}
