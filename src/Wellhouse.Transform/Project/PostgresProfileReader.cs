using System.Globalization;
using Wellhouse.Transform.Adapters.Postgres;
using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Reads a <c>type: postgres</c> output of profiles.yml as dbt-postgres does (keys and defaults in
/// <see cref="PostgresSettings"/>), with libpq's environment variables as defaults for the connection keys. A missing
/// or bad value is an error at its key in profiles.yml naming the key and what is expected; a key dbt-postgres does not
/// know is a warning at its line (dbt ignores it without a word).
/// </summary>
internal static class PostgresProfileReader
{
    private static readonly string[] SslModes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];

    /// <summary>dbt-postgres's PostgresCredentials fields and aliases, the profile's own <c>type</c> and
    /// <c>threads</c>, and <c>citus</c> (ours).</summary>
    private static readonly HashSet<string> Keys = new(StringComparer.Ordinal)
    {
        "type", "threads", "host", "port", "user", "password", "pass", "dbname", "database", "schema", "connect_timeout",
        "role", "search_path", "keepalives_idle", "sslmode", "sslcert", "sslkey", "sslrootcert", "application_name",
        "retries", "citus",
    };

    public static PostgresSettings? Read(ProfileOutput output, IReadOnlyDictionary<string, string> environment, DiagnosticBag diagnostics)
    {
        var ok = true;
        string Required(string key, string? alias, string variable)
        {
            var value = Text(output, key) ?? (alias is null ? null : Text(output, alias)) ?? environment.GetValueOrDefault(variable);
            if (value is { Length: > 0 })
            {
                return value;
            }

            diagnostics.Error(DiagnosticCodes.InvalidValue, $"{output.Describe()} (postgres) needs '{key}' (or the environment variable {variable})", output.Span(key));
            ok = false;
            return string.Empty;
        }

        bool Invalid(object value)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"{output.Describe()}: citus must be true or false, not '{value}'", output.Span("citus"));
            ok = false;
            return false;
        }

        var host = Required("host", null, "PGHOST");
        var user = Required("user", null, "PGUSER");
        var database = Required("dbname", "database", "PGDATABASE");
        var port = Integer(output, "port", environment.GetValueOrDefault("PGPORT"), 5432, 1, 65535, diagnostics, ref ok);
        var timeout = Integer(output, "connect_timeout", null, 10, 0, 1024, diagnostics, ref ok);
        var keepalives = Integer(output, "keepalives_idle", null, 0, 0, int.MaxValue, diagnostics, ref ok);
        var retries = Integer(output, "retries", null, 1, 0, 100, diagnostics, ref ok);
        foreach (var key in output.Raw.Keys.Where(k => !Keys.Contains(k)))
        {
            diagnostics.Warning(DiagnosticCodes.UnknownKey, $"{output.Describe()}: '{key}' is not a dbt-postgres profile key; ignored", output.Span(key));
        }

        var sslMode = Text(output, "sslmode");
        if (sslMode is not null && !SslModes.Contains(sslMode, StringComparer.Ordinal))
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"{output.Describe()}: sslmode '{sslMode}' is not one of {string.Join(", ", SslModes)}", output.Span("sslmode"));
            ok = false;
        }

        var citus = output.Raw.GetValueOrDefault("citus") switch
        {
            null => false,
            bool b => b,
            string s when bool.TryParse(s, out var parsed) => parsed,
            var other => Invalid(other),
        };
        if (!ok)
        {
            return null;
        }

        return new PostgresSettings
        {
            Host = host,
            Port = port,
            User = user,
            Password = Text(output, "password") ?? Text(output, "pass") ?? environment.GetValueOrDefault("PGPASSWORD"),
            DatabaseName = database,
            ConnectTimeout = timeout,
            KeepalivesIdle = keepalives,
            SslMode = sslMode,
            SearchPath = Text(output, "search_path"),
            Role = Text(output, "role"),
            SslCert = Text(output, "sslcert"),
            SslKey = Text(output, "sslkey"),
            SslRootCert = Text(output, "sslrootcert"),
            ApplicationName = Text(output, "application_name") is { Length: > 0 } name ? name : "wellhouse",
            Retries = retries,
            Citus = citus,
        };
    }

    private static string? Text(ProfileOutput output, string key) => output.Raw.GetValueOrDefault(key) switch
    {
        null => null,
        string s => s,
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };

    /// <summary>A whole number from the profile (a rendered string such as <c>{{ env_var('PGPORT') }}</c> counts), else
    /// the environment's value, else the default.</summary>
    private static int Integer(ProfileOutput output, string key, string? fromEnvironment, int fallback, int min, int max, DiagnosticBag diagnostics, ref bool ok)
    {
        var value = Text(output, key) ?? fromEnvironment;
        if (value is null)
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        var where = output.Raw.ContainsKey(key) ? string.Empty : " (from the environment)";
        diagnostics.Error(DiagnosticCodes.InvalidValue, $"{output.Describe()}: '{key}' is '{value}'{where}; expected a whole number from {min} to {max}", output.Span(key));
        ok = false;
        return fallback;
    }
}

/// <summary>One output of a profile as written (rendered values) with where its keys are, for messages.</summary>
internal sealed record ProfileOutput(string ProfileName, string TargetName, string File, YamlMappingNode Node, IReadOnlyDictionary<string, object?> Raw)
{
    public string Describe() => $"target '{TargetName}' of profile '{ProfileName}'";

    /// <summary>The position of <paramref name="key"/>'s value, else of the output itself.</summary>
    public SourceSpan Span(string key) => YamlFile.SpanOf(YamlFile.Get(Node, key) ?? Node, File);
}
