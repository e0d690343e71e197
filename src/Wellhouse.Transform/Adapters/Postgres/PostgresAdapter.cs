using System.Net.Sockets;
using Npgsql;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Adapters.Postgres;

/// <summary>
/// The PostgreSQL adapter (dbt-postgres's behaviour, through Npgsql). One pooled data source per build; each worker's
/// session is its own connection, switched to the profile's <c>role</c> when one is set. Opening checks that the
/// server can be reached with the profile's credentials, so a bad host, port, password or dbname is one clear
/// <see cref="AdapterException"/> before anything runs.
/// </summary>
internal sealed class PostgresAdapter : ISqlAdapter
{
    private readonly NpgsqlDataSource dataSource;
    private readonly PostgresSettings settings;

    private PostgresAdapter(AdapterTarget target, PostgresSettings settings, NpgsqlDataSource dataSource)
    {
        Target = target;
        this.settings = settings;
        this.dataSource = dataSource;
    }

    public string Type => "postgres";

    public AdapterTarget Target { get; }

    public SqlDialect Dialect => PostgresDialect.Instance;

    public static PostgresAdapter Open(AdapterTarget target)
    {
        var settings = target.Postgres ?? throw new AdapterException("a postgres target needs its connection settings (host, user, dbname)");
        var adapter = new PostgresAdapter(target, settings, NpgsqlDataSource.Create(settings.ConnectionString()));
        try
        {
            adapter.OpenSession().Dispose();
        }
        catch
        {
            adapter.Dispose();
            throw;
        }

        return adapter;
    }

    public ISqlSession OpenSession() => OpenPostgresSession();

    internal PostgresSession OpenPostgresSession()
    {
        NpgsqlConnection connection;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                connection = dataSource.OpenConnection();
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or IOException)
            {
                // As dbt-postgres: the profile's retries, attempt² seconds apart; what the server itself refused
                // (PostgresException: a password, a database) would be refused again.
                if (ex is not PostgresException && attempt <= settings.Retries)
                {
                    Thread.Sleep(TimeSpan.FromSeconds(attempt * attempt));
                    continue;
                }

                var tries = attempt > 1 ? $" ({attempt} attempts)" : string.Empty;
                throw new AdapterException($"cannot connect to PostgreSQL at {settings.Endpoint} (dbname '{settings.DatabaseName}', user '{settings.User}'){tries}: {Reason(ex)}", ex);
            }
        }

        var session = new PostgresSession(this, connection);
        if (settings.Role is { } role)
        {
            try
            {
                session.Execute("set role " + Quote(role));
            }
            catch (AdapterException ex)
            {
                session.Dispose();
                throw new AdapterException($"cannot switch to role '{role}' (profiles.yml 'role'): {ex.Message}", ex);
            }
        }

        return session;
    }

    public string Quote(string identifier) => Relation.Quote(identifier);

    public string Render(Relation relation) => relation.ToString();

    /// <summary>The types dbt's SQL adapter gives agate's kinds on PostgreSQL (float8 for numbers with decimals).</summary>
    public string SeedColumnType(SeedColumnKind kind) => SeedColumnTypes.Name("postgres", kind);

    /// <summary>Citus's <c>create_distributed_table</c> / <c>create_reference_table</c> when the profile says
    /// <c>citus: true</c>.</summary>
    public IReadOnlyList<string> AfterCreate(Node node, Relation table) => settings.Citus ? CitusDistribution.Statements(node, table) : [];

    public void Dispose() => dataSource.Dispose();

    /// <summary>The server's message (e.g. <c>password authentication failed for user "x"</c>), else the innermost
    /// network error (e.g. <c>Connection refused</c>).</summary>
    private static string Reason(Exception ex)
    {
        if (ex is PostgresException postgres)
        {
            return postgres.MessageText;
        }

        var inner = ex;
        while (inner.InnerException is { } next)
        {
            inner = next;
        }

        return inner == ex ? ex.Message : ex.Message.TrimEnd('.') + ": " + inner.Message;
    }
}
