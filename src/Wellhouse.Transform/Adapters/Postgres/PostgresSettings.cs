using Npgsql;

namespace Wellhouse.Transform.Adapters.Postgres;

/// <summary>
/// The connection settings of a <c>type: postgres</c> target, with dbt-postgres's keys and defaults: <c>host</c>,
/// <c>port</c> (5432), <c>user</c>, <c>password</c> (alias <c>pass</c>), <c>dbname</c> (alias <c>database</c>),
/// <c>connect_timeout</c> (10 s), <c>keepalives_idle</c> (0: the system's default), <c>sslmode</c>, <c>search_path</c>,
/// <c>role</c>, <c>sslcert</c>, <c>sslkey</c>, <c>sslrootcert</c>, <c>application_name</c>, <c>retries</c> (1). A key the
/// profile leaves out takes libpq's environment variable (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE) when set.
/// </summary>
public sealed record PostgresSettings
{
    public required string Host { get; init; }

    public int Port { get; init; } = 5432;

    public required string User { get; init; }

    public string? Password { get; init; }

    public required string DatabaseName { get; init; }

    /// <summary>Seconds to wait for a connection (dbt-postgres's default: 10).</summary>
    public int ConnectTimeout { get; init; } = 10;

    /// <summary>Seconds of idleness before TCP keepalives start; 0 leaves the system's setting.</summary>
    public int KeepalivesIdle { get; init; }

    /// <summary>libpq's sslmode: disable, allow, prefer, require, verify-ca, verify-full; null for Npgsql's default.</summary>
    public string? SslMode { get; init; }

    public string? SearchPath { get; init; }

    /// <summary>A role every connection switches to (<c>set role</c>).</summary>
    public string? Role { get; init; }

    /// <summary>The client certificate, its key and the root certificate to check the server's (libpq's file names).</summary>
    public string? SslCert { get; init; }

    public string? SslKey { get; init; }

    public string? SslRootCert { get; init; }

    /// <summary>The name the server shows for the connections (<c>pg_stat_activity.application_name</c>).</summary>
    public string ApplicationName { get; init; } = "wellhouse";

    /// <summary>How many times opening a connection is tried again when the server cannot be reached, waiting
    /// attempt² seconds between (dbt-postgres's <c>retries</c>, default 1); an error the server reports (a wrong
    /// password, an unknown database) is not retried.</summary>
    public int Retries { get; init; } = 1;

    /// <summary>The profile key <c>citus: true</c>: the server is a Citus coordinator, so tables of models configured
    /// <c>distributed_by</c> or <c>reference</c> are distributed after they are built (<see cref="CitusDistribution"/>).</summary>
    public bool Citus { get; init; }

    /// <summary>Where the server is, for messages: <c>host:port</c>.</summary>
    public string Endpoint => Host + ":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The Npgsql connection string of these settings (application name <c>wellhouse</c> unless the profile
    /// names one, no command timeout).</summary>
    public string ConnectionString()
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = User,
            Password = Password,
            Database = DatabaseName,
            Timeout = ConnectTimeout,
            ApplicationName = ApplicationName,
            CommandTimeout = 0,
            IncludeErrorDetail = true,
        };
        if (SearchPath is { } searchPath)
        {
            builder.SearchPath = searchPath;
        }

        if (KeepalivesIdle > 0)
        {
            builder.TcpKeepAlive = true;
            builder.TcpKeepAliveTime = KeepalivesIdle;
        }

        builder.SslCertificate = SslCert;
        builder.SslKey = SslKey;
        builder.RootCertificate = SslRootCert;
        if (SslMode is { } sslMode)
        {
            builder.SslMode = sslMode switch
            {
                "disable" => Npgsql.SslMode.Disable,
                "allow" => Npgsql.SslMode.Allow,
                "require" => Npgsql.SslMode.Require,
                "verify-ca" => Npgsql.SslMode.VerifyCA,
                "verify-full" => Npgsql.SslMode.VerifyFull,
                _ => Npgsql.SslMode.Prefer,
            };
        }

        return builder.ConnectionString;
    }
}
