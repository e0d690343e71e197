using DuckDB.NET.Data;
using Wellhouse.Snapshots;

namespace Wellhouse.Api;

/// <summary>
/// A parameterized query over the request's pinned snapshot. Every value from a request is a parameter (<c>$name</c>),
/// never SQL text, so injection strings are just values that match nothing.
/// </summary>
internal sealed class SnapshotQuery(string sql)
{
    private readonly List<DuckDBParameter> _parameters = [];

    public string Sql { get; } = sql;

    public SnapshotQuery With(string name, object? value)
    {
        _parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        return this;
    }

    public DuckDBCommand CreateCommand(DuckDBConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = Sql;
        foreach (var parameter in _parameters)
        {
            command.Parameters.Add(new DuckDBParameter(parameter.ParameterName, parameter.Value));
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
}
