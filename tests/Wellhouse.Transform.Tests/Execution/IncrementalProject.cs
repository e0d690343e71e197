using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Execution;

/// <summary>
/// A copy of the fixture project tests/fixtures/incremental/wells in a temp folder (deleted on dispose): rewrite its seed
/// between runs, build with <see cref="DbtRunner"/>, read the database file back.
/// </summary>
internal sealed class IncrementalProject : IDisposable
{
    /// <summary>The first version of the source rows: two wells, two days.</summary>
    public const string FirstRows = """
        reading_id,well_id,day,oil
        1,A,2024-01-01,100
        2,B,2024-01-01,200
        3,A,2024-01-02,90
        4,B,2024-01-02,180
        """;

    /// <summary>The second version: reading 2 (an old day, outside the incremental window) and reading 4 (the last
    /// day, reprocessed) changed; readings 5 and 6 of a new day.</summary>
    public const string SecondRows = """
        reading_id,well_id,day,oil
        1,A,2024-01-01,100
        2,B,2024-01-01,999
        3,A,2024-01-02,90
        4,B,2024-01-02,185
        5,A,2024-01-03,80
        6,B,2024-01-03,170
        """;

    public IncrementalProject()
    {
        var source = Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "incremental", "wells");
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("target", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(Directory, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("wellhouse-incr-").FullName;

    public string DatabasePath => Path.Combine(Directory, "target", "dev.duckdb");

    public List<string> Log { get; } = [];

    public void WriteSeed(string csv) => File.WriteAllText(Path.Combine(Directory, "seeds", "readings.csv"), csv + "\n");

    /// <summary>Builds <c>+model</c> (the seed and the model) with the given vars; returns the report.</summary>
    public Task<DbtRunReport> BuildAsync(string model, string? vars = null, bool fullRefresh = false) =>
        BuildAsync(["+" + model], vars, fullRefresh, threads: null);

    /// <summary>Builds the selection (every node when empty) on <paramref name="threads"/> threads.</summary>
    public async Task<DbtRunReport> BuildAsync(IReadOnlyList<string> select, string? vars, bool fullRefresh, int? threads)
    {
        Log.Clear();
        return await DbtRunner.RunAsync(
            new DbtRunOptions
            {
                ProjectDir = Directory,
                ProfilesDir = Directory,
                Select = select,
                Threads = threads,
                VarsYaml = vars,
                FullRefresh = fullRefresh,
                Log = Log.Add,
                Environment = new Dictionary<string, string>(),
            },
            TestContext.Current.CancellationToken);
    }

    /// <summary>Builds and asserts success, showing the log otherwise.</summary>
    public async Task<DbtRunReport> BuildOkAsync(string model, string? vars = null, bool fullRefresh = false)
    {
        var report = await BuildAsync(model, vars, fullRefresh);
        Assert.True(report.Success, string.Join("\n", Log.Concat(report.FormatProblems())));
        return report;
    }

    /// <summary>Every row of a query as text (<c>1|A|2024-01-01|100.0</c>), in the query's order.</summary>
    public List<string> Rows(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={DatabasePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? "NULL" : Text(reader.GetValue(i));
            }

            rows.Add(string.Join('|', values));
        }

        return rows;
    }

    /// <summary>All rows of a model, ordered by every column.</summary>
    public List<string> Table(string model) => Rows($"select * from main.{model} order by all");

    /// <summary>The model's columns as <c>name type</c>.</summary>
    public List<string> Columns(string model) =>
        Rows($"select column_name || ' ' || data_type from information_schema.columns where table_name = '{model}' order by ordinal_position");

    /// <summary>The run_results.json entry of a model: (status, message, rows_affected or null).</summary>
    public (string Status, string? Message, long? RowsAffected) RunResult(string model)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "target", "run_results.json")));
        foreach (var result in json.RootElement.GetProperty("results").EnumerateArray())
        {
            if (result.GetProperty("unique_id").GetString() == "model.wells." + model)
            {
                var response = result.GetProperty("adapter_response");
                long? rows = response.TryGetProperty("rows_affected", out var r) ? r.GetInt64() : null;
                return (result.GetProperty("status").GetString()!, result.GetProperty("message").GetString(), rows);
            }
        }

        throw new InvalidOperationException("no run result for " + model);
    }

    /// <summary>The error text of a failed model (its node result message).</summary>
    public static string ErrorOf(DbtRunReport report, string model) =>
        report.Outcome!.Results.Single(r => r.Node.Name == model).Message ?? string.Empty;

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Text(object value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("0.0##", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
