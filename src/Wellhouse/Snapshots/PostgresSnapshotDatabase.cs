using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Wellhouse.Transform.Adapters.Postgres;

namespace Wellhouse.Snapshots;

/// <summary>
/// The schema of a snapshot on PostgreSQL: <c>wh_</c> and its id in lower case with <c>_</c> for <c>-</c>
/// (<c>wh_20261125t210400123z_3f2a</c>), an identifier that needs no quotes; and back.
/// </summary>
internal static partial class SnapshotSchemas
{
    public static string Of(string id) => "wh_" + id.ToLowerInvariant().Replace('-', '_');

    /// <summary>The snapshot id of a schema named by <see cref="Of"/>, or null for any other schema.</summary>
    public static string? IdOf(string schema)
    {
        var match = Pattern().Match(schema);
        return match.Success ? $"{match.Groups[1].Value}T{match.Groups[2].Value}Z-{match.Groups[3].Value}" : null;
    }

    [GeneratedRegex("^wh_([0-9]{8})t([0-9]{9})z_([0-9a-f]{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>
/// Snapshots as schemas of the PostgreSQL database of the warehouse's profile target: the build writes
/// <c>wh_&lt;id&gt;</c>, readers connect with that schema as their search path in read-only transactions, deleting a
/// snapshot drops its schema. The application owns every <c>wh_</c> schema of its database: one data directory per
/// database.
/// </summary>
internal sealed class PostgresSnapshotDatabase : ISnapshotDatabase, IDisposable
{
    /// <summary>Connections a served snapshot's pool may hold (the test cluster allows 50 in all).</summary>
    private const int ReaderPoolSize = 20;

    private readonly PostgresSettings _settings;
    private readonly NpgsqlDataSource _admin;
    private readonly ILogger _logger;

    public PostgresSnapshotDatabase(PostgresSettings settings, ILogger logger)
    {
        _settings = settings;
        _logger = logger;
        _admin = NpgsqlDataSource.Create(settings.ConnectionString());
    }

    public string Engine => "postgres";

    public bool Exists(string id) =>
        Scalar("select count(*) from pg_namespace where nspname = @schema", SnapshotSchemas.Of(id)) is long count && count > 0;

    public IReadOnlyList<string> Ids()
    {
        using var command = _admin.CreateCommand("select nspname from pg_namespace where nspname like 'wh\\_%' order by nspname");
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            if (SnapshotSchemas.IdOf(reader.GetString(0)) is { } id)
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    public long SizeBytes(string id) => Convert.ToInt64(Scalar("""
        select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class as c
        inner join pg_namespace as n on n.oid = c.relnamespace
        where n.nspname = @schema and c.relkind in ('r', 'm')
        """, SnapshotSchemas.Of(id)), CultureInfo.InvariantCulture);

    /// <summary>Nothing to do: the build's transactions are committed (durable) when it ends.</summary>
    public void MakeDurable(string id)
    {
    }

    public void Delete(string id)
    {
        try
        {
            using var command = _admin.CreateCommand($"set lock_timeout = '60s'; drop schema if exists {SnapshotSchemas.Of(id)} cascade");
            command.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            _logger.LogWarning(ex, "Could not drop the schema of snapshot {SnapshotId}", id);
        }
    }

    public ISnapshotReader OpenReader(string id) => new Reader(ReaderConnectionString(_settings, SnapshotSchemas.Of(id)));

    public void Dispose() => _admin.Dispose();

    /// <summary>Connections whose unqualified names resolve in the snapshot's schema and that cannot write.</summary>
    private static string ReaderConnectionString(PostgresSettings settings, string schema) => new NpgsqlConnectionStringBuilder(settings.ConnectionString())
    {
        SearchPath = schema,
        MaxPoolSize = ReaderPoolSize,
        Options = "-c default_transaction_read_only=on",
    }.ConnectionString;

    private object? Scalar(string sql, string schema)
    {
        using var command = _admin.CreateCommand(sql);
        command.Parameters.AddWithValue("schema", schema);
        return command.ExecuteScalar();
    }

    private sealed class Reader(string connectionString) : ISnapshotReader
    {
        private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

        public DbConnection OpenConnection() => _source.OpenConnection();

        public void Dispose() => _source.Dispose();
    }
}
