using System.Text;
using Npgsql;

namespace Wellhouse.Transform.Adapters.Postgres;

/// <summary>Reading results, and turning Npgsql's errors into <see cref="AdapterException"/>s.</summary>
internal sealed partial class PostgresSession
{
    /// <summary>Runs a statement and reads its whole result. Values as templates expect them across adapters: DATE as
    /// <see cref="DateOnly"/>, TIME as <see cref="TimeOnly"/>, TIMESTAMPTZ as a <see cref="DateTimeOffset"/>.</summary>
    private QueryTable Read(string sql, CancellationToken cancellationToken)
    {
        using var command = Command(sql);
        using var registration = cancellationToken.Register(command.Cancel);
        try
        {
            using var reader = command.ExecuteReader();
            return QueryTable.Read(reader, Value);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Wrap(ex, sql);
        }
    }

    private static object? Value(NpgsqlDataReader reader, int ordinal, string type) => type switch
    {
        "date" => reader.GetFieldValue<DateOnly>(ordinal),
        "time without time zone" => reader.GetFieldValue<TimeOnly>(ordinal),
        "timestamp with time zone" => reader.GetFieldValue<DateTimeOffset>(ordinal),
        _ => reader.GetValue(ordinal),
    };

    /// <summary>The server's message with its detail and hint, and the 1-based line of <paramref name="sql"/> at the
    /// position the server reported (which counts the query comment's lines; the line does not).</summary>
    private AdapterException Wrap(Exception ex, string? sql)
    {
        if (ex is not PostgresException postgres)
        {
            return new AdapterException(ex.Message, sql, null, ex);
        }

        var message = new StringBuilder(postgres.MessageText);
        if (postgres.Detail is { Length: > 0 } detail)
        {
            message.Append("\nDETAIL: ").Append(detail);
        }

        if (postgres.Hint is { Length: > 0 } hint)
        {
            message.Append("\nHINT: ").Append(hint);
        }

        int? line = null;
        var sent = sql is null ? null : Comment?.Apply(sql) ?? sql;
        if (sent is not null && postgres.Position > 0 && postgres.Position <= sent.Length)
        {
            var sentLine = 1 + sent.AsSpan(0, postgres.Position - 1).Count('\n');
            line = sentLine - (Comment?.LinesBefore ?? 0);
            message.Append("\nLINE ").Append(line.Value).Append(": ").Append(sent.Split('\n')[sentLine - 1].Trim());
            line = line < 1 ? null : line;
        }

        return new AdapterException(message.ToString(), sql, line, ex);
    }
}
