using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Wellhouse.Testing;

/// <summary>
/// A private PostgreSQL cluster for the tests of one test assembly (an assembly fixture): <c>initdb</c> into a temp
/// folder and <c>pg_ctl start</c> on a free loopback port, listening on 127.0.0.1 only, password (scram) auth for the
/// one superuser, no system service touched. Started on first use, stopped and deleted at the end. PostgreSQL refuses
/// to run as root, so as root the binaries run as the <c>postgres</c> user (runuser). Needs Debian's
/// <c>postgresql</c> package (scripts/install-test-deps.sh installs it); without it the tests that use it fail saying so.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string User = "wellhouse";

    public const string Password = "wellhouse-test-password";

    private const string FolderPrefix = "wellhouse-pg-";

    /// <summary>The file in the cluster's folder holding the id of the test process that owns it.</summary>
    private const string OwnerFile = "owner.pid";

    private readonly SemaphoreSlim startLock = new(1, 1);
    private int databases;
    private string? root;

    public int Port { get; private set; }

    public string Host => "127.0.0.1";

    /// <summary>Starts the cluster if it is not running yet.</summary>
    public async Task StartAsync()
    {
        await startLock.WaitAsync();
        try
        {
            if (root is not null)
            {
                return;
            }

            var bin = FindBinaries();
            StopAbandonedClusters(bin);
            var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
            await File.WriteAllTextAsync(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            var asRoot = Environment.UserName == "root";
            var data = Path.Combine(folder, "data");
            var passwordFile = Path.Combine(folder, "password");
            await File.WriteAllTextAsync(passwordFile, Password + "\n");
            if (asRoot)
            {
                Run("chown", ["-R", "postgres:postgres", folder]);
            }

            Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", User, "--pwfile", passwordFile, "--auth-local", "trust", "--auth-host", "scram-sha-256", "-E", "UTF8", "--locale", "C", "--no-sync"], asRoot);
            for (var attempt = 0; ; attempt++)
            {
                Port = FreePort();
                var options = $"-c port={Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='{folder}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50";
                try
                {
                    Run(Path.Combine(bin, "pg_ctl"), ["start", "-w", "-t", "60", "-D", data, "-l", Path.Combine(folder, "server.log"), "-o", options], asRoot);
                    break;
                }
                catch (InvalidOperationException) when (attempt < 2)
                {
                    // The port was taken between choosing and binding: choose another.
                }
            }

            root = folder;
        }
        finally
        {
            startLock.Release();
        }
    }

    /// <summary>A new empty database (a test's own); dropped by <see cref="DropDatabaseAsync"/>.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        await StartAsync();
        var name = "wh_test_" + Interlocked.Increment(ref databases).ToString(CultureInfo.InvariantCulture) + "_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = Host, Port = Port, Username = User, Password = Password, Database = database, Pooling = false }.ConnectionString;

    /// <summary>The rows of a query on <paramref name="database"/>, each row's values in select order (DBNull as null).</summary>
    public List<object?[]> Query(string database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        if (root is { } folder)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                Run(Path.Combine(FindBinaries(), "pg_ctl"), ["stop", "-m", "fast", "-w", "-D", Path.Combine(folder, "data")], Environment.UserName == "root");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        startLock.Dispose();
        await ValueTask.CompletedTask;
    }

    /// <summary>
    /// Stops and deletes the clusters of test processes that are gone (killed before they could stop theirs), so a
    /// killed test run leaves no server running for longer than the next run's start.
    /// </summary>
    private static void StopAbandonedClusters(string bin)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.Combine(folder, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), out var pid) || IsRunning(pid))
            {
                continue;
            }

            var data = Path.Combine(folder, "data");
            try
            {
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                {
                    Run(Path.Combine(bin, "pg_ctl"), ["stop", "-m", "immediate", "-w", "-D", data], Environment.UserName == "root");
                }

                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // Another run's leftovers are best-effort: never fail this run because of them.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Debian's binaries (<c>/usr/lib/postgresql/&lt;newest&gt;/bin</c>), or <c>WELLHOUSE_PG_BIN</c>.</summary>
    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("WELLHOUSE_PG_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        const string debian = "/usr/lib/postgresql";
        var found = Directory.Exists(debian)
            ? Directory.GetDirectories(debian).Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL's server binaries are not installed (no /usr/lib/postgresql/*/bin/initdb): run scripts/install-test-deps.sh (Debian package 'postgresql') or set WELLHOUSE_PG_BIN");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, IReadOnlyList<string> arguments, bool asPostgres = false)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres)
        {
            foreach (var part in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }
}
