using System.Data.Common;

namespace Wellhouse.Transform.Adapters;

/// <summary>
/// The statements of one step in one transaction, for every adapter's <see cref="ISqlSession.ExecuteInTransaction"/>:
/// each statement through the session's own Execute (which reports its errors with the line), the commit's failure
/// through the session's error wrapping; a failure rolls everything back.
/// </summary>
internal static class SessionTransaction
{
    public static IReadOnlyList<long> Run<TException>(DbConnection connection, IReadOnlyList<string> statements,
        Func<string, long> execute, Func<TException, Exception> wrapCommitError)
        where TException : Exception
    {
        var counts = new long[statements.Count];
        using var transaction = connection.BeginTransaction();
        for (var i = 0; i < statements.Count; i++)
        {
            counts[i] = execute(statements[i]);
        }

        try
        {
            transaction.Commit();
        }
        catch (TException ex)
        {
            throw wrapCommitError(ex);
        }

        return counts;
    }
}
