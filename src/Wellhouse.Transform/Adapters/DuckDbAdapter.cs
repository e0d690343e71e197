using System.Globalization;
using DuckDB.NET.Data;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Adapters;

/// <summary>
/// The DuckDB adapter. It opens one connection that keeps the database instance alive for the whole build; sessions
/// are duplicates of it (same instance, own connection; DuckDB.NET's <c>Duplicate</c>), so worker threads share one
/// database even for <c>:memory:</c>. If the target's <see cref="AdapterTarget.Database"/> name differs from the file's
/// own stem (a caller building into a snapshot file), the file is attached under that name and made the default.
/// </summary>
internal sealed partial class DuckDbAdapter : ISqlAdapter
{
    private readonly DuckDBConnection root;
    private readonly List<string> sessionSetup = [];

    private readonly string dataSource;

    private DuckDbAdapter(AdapterTarget target, DuckDBConnection root, string dataSource)
    {
        this.dataSource = dataSource;
        Target = target;
        this.root = root;
    }

    public string Type => "duckdb";

    public AdapterTarget Target { get; }

    /// <summary>Opens the target's database; a bad path, extension, setting or attachment is an <see cref="AdapterException"/>.</summary>
    public static DuckDbAdapter Open(AdapterTarget target)
    {
        var fileStem = AdapterTarget.DatabaseNameOf(target.Path);
        var attachUnderName = target.Path != ":memory:" && !string.Equals(fileStem, target.Database, StringComparison.Ordinal);
        if (target.Path != ":memory:")
        {
            var directory = Path.GetDirectoryName(target.Path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        var dataSource = attachUnderName || target.Path == ":memory:" ? ":memory:" : target.Path;
        DuckDBConnection connection;
        try
        {
            connection = new DuckDBConnection("Data Source=" + dataSource);
            connection.Open();
        }
        catch (Exception ex) when (ex is DuckDBException or IOException or UnauthorizedAccessException)
        {
            throw new AdapterException($"cannot open DuckDB database '{target.Path}': {ex.Message}", ex);
        }

        var adapter = new DuckDbAdapter(target, connection, dataSource);
        try
        {
            adapter.Initialize(attachUnderName);
        }
        catch
        {
            adapter.Dispose();
            throw;
        }

        return adapter;
    }

    public ISqlSession OpenSession()
    {
        // In-memory databases are shared by duplicating the root connection; a file is shared because DuckDB.NET keeps
        // one database instance per path while a connection to it is open (the root stays open).
        DuckDBConnection connection;
        if (dataSource == ":memory:")
        {
            connection = root.Duplicate();
        }
        else
        {
            connection = new DuckDBConnection("Data Source=" + dataSource);
        }

        if (connection.State != System.Data.ConnectionState.Open)
        {
            connection.Open();
        }

        var session = new DuckDbSession(this, connection);
        foreach (var statement in sessionSetup)
        {
            session.Execute(statement);
        }

        return session;
    }

    public SqlDialect Dialect => DuckDbDialect.Instance;

    public string Quote(string identifier) => Relation.Quote(identifier);

    public string Render(Relation relation) => relation.ToString();

    /// <summary>Column types as dbt's SQL adapter names them (integer, float8, boolean, date, timestamp, text), in DuckDB.</summary>
    public string SeedColumnType(SeedColumnKind kind) => SeedColumnTypes.Name("duckdb", kind);

    public void Dispose() => root.Dispose();

    private void Initialize(bool attachUnderName)
    {
        using var session = new DuckDbSession(this, root, ownsConnection: false);
        foreach (var extension in Target.Extensions)
        {
            try
            {
                session.Execute("LOAD " + Quote(extension));
            }
            catch (AdapterException ex)
            {
                throw new AdapterException(
                    $"cannot load DuckDB extension '{extension}': {FirstLine(ex.Message)} (only extensions built into this DuckDB can be loaded; there is no network to install others)",
                    ex);
            }
        }

        foreach (var (key, value) in Target.Settings)
        {
            var statement = $"SET {key} = {Literal(value)}";
            try
            {
                session.Execute(statement);
            }
            catch (AdapterException ex)
            {
                throw new AdapterException($"cannot apply setting '{key}': {FirstLine(ex.Message)}", ex);
            }

            sessionSetup.Add(statement);
        }

        if (Target.FileSearchPath is { } searchPath && !Target.Settings.ContainsKey("file_search_path"))
        {
            var statement = "SET file_search_path = " + Literal(searchPath);
            session.Execute(statement);
            sessionSetup.Add(statement);
        }

        if (attachUnderName)
        {
            session.Execute($"ATTACH {Literal(Target.Path)} AS {Quote(Target.Database)}");
            var use = "USE " + Quote(Target.Database);
            session.Execute(use);
            sessionSetup.Add(use);
        }

        foreach (var attachment in Target.Attachments)
        {
            var options = new List<string>();
            if (attachment.Type is { } type)
            {
                options.Add("TYPE " + type);
            }

            if (attachment.ReadOnly)
            {
                options.Add("READ_ONLY");
            }

            var statement = $"ATTACH IF NOT EXISTS {Literal(attachment.Path)}"
                + (attachment.Alias is { } alias ? " AS " + Quote(alias) : string.Empty)
                + (options.Count > 0 ? " (" + string.Join(", ", options) + ")" : string.Empty);
            try
            {
                session.Execute(statement);
            }
            catch (AdapterException ex)
            {
                throw new AdapterException($"cannot attach '{attachment.Path}': {FirstLine(ex.Message)}", ex);
            }
        }
    }

    internal static string Literal(object? value) => value switch
    {
        null => "NULL",
        bool b => b ? "true" : "false",
        long or int or double or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => "'" + Convert.ToString(value, CultureInfo.InvariantCulture)!.Replace("'", "''", StringComparison.Ordinal) + "'",
    };

    internal static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline];
    }
}
