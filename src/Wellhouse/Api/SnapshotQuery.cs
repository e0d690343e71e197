using System.Data.Common;
using System.Text.RegularExpressions;
using Wellhouse.Snapshots;

namespace Wellhouse.Api;

/// <summary>
/// A parameterized query over the request's pinned snapshot. Every value from a request is a parameter (<c>$name</c>),
/// never SQL text, so injection strings are just values that match nothing. The SQL is written once for both engines
/// (functions DuckDB and PostgreSQL share); on PostgreSQL the parameters are written <c>@name</c>, as Npgsql takes them.
/// </summary>
internal sealed partial class SnapshotQuery(string sql)
{
    private readonly List<(string Name, object Value)> _parameters = [];

    public string Sql { get; } = sql;

    public SnapshotQuery With(string name, object? value)
    {
        _parameters.Add((name, value ?? DBNull.Value));
        return this;
    }

    public DbCommand CreateCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = connection is Npgsql.NpgsqlConnection ? Parameter().Replace(Sql, "@$1") : Sql;
        foreach (var (name, value) in _parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>The request's snapshot, pinned by the snapshot-read middleware.</summary>
    public static ServedSnapshot Pinned(HttpContext context) =>
        context.Features.Get<ServedSnapshot>() ?? throw new InvalidOperationException("Not a snapshot read endpoint.");

    /// <summary>Runs a scalar query (e.g. an existence check or a count) on the pinned snapshot.</summary>
    public async Task<object?> ScalarAsync(HttpContext context)
    {
        using var connection = Pinned(context).OpenConnection();
        using var command = CreateCommand(connection);
        var value = await command.ExecuteScalarAsync(context.RequestAborted);
        return value is DBNull ? null : value;
    }

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant)]
    private static partial Regex Parameter();
}
