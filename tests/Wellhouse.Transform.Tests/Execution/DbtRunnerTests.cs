using DuckDB.NET.Data;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Execution;

public sealed class DbtRunnerTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "wellhouse-dbtrunner-" + Guid.NewGuid().ToString("N"));

    public DbtRunnerTests() => CopyDirectory(Path.Combine(RepoRoot(), "tests", "fixtures", "run", "csharp_model"), directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task RunAsync_CSharpModelIntoSnapshotFile_BuildsAndTestsUnderProfileDatabaseName()
    {
        // A snapshot file whose stem is the profile's database name ("dev"): its views name "dev"."main"... and still
        // resolve when the file is opened on its own.
        var snapshot = Path.Combine(directory, "snapshots", "0001", "dev.duckdb");
        var lines = new List<string>();
        var options = new DbtRunOptions
        {
            ProjectDir = directory,
            ProfilesDir = directory,
            DatabasePath = snapshot,
            CSharpModels = new Dictionary<string, ICSharpModel> { ["doubled_rates"] = new DoubledRates() },
            Log = lines.Add,
        };

        var report = await DbtRunner.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.True(report.Success, string.Join("\n", lines.Concat(report.FormatProblems())));
        Assert.Equal(0, report.ExitCode);
        Assert.Contains(lines, l => l.Contains("OK created csharp table model main.doubled_rates", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(directory, "target", "dev.duckdb")));
        using var connection = new DuckDBConnection($"Data Source={snapshot};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select sum(doubled_rate)::bigint from main.well_report";
        Assert.Equal(700L, command.ExecuteScalar());
    }

    [Fact]
    public async Task RunAsync_CSharpModelNotRegistered_DiagnosticsAndExitTwo()
    {
        var report = await DbtRunner.RunAsync(new DbtRunOptions { ProjectDir = directory, ProfilesDir = directory }, TestContext.Current.CancellationToken);

        Assert.False(report.Success);
        Assert.Equal(2, report.ExitCode);
        Assert.Contains(report.FormatProblems(), p => p.Contains("doubled_rates", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_BadSelector_DiagnosticAndExitTwo()
    {
        var options = new DbtRunOptions
        {
            ProjectDir = directory,
            ProfilesDir = directory,
            Select = ["config.materialized:view,+"],
            CSharpModels = new Dictionary<string, ICSharpModel> { ["doubled_rates"] = new DoubledRates() },
        };

        var report = await DbtRunner.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Equal(2, report.ExitCode);
        Assert.NotEmpty(report.FormatProblems());
    }

    [Fact]
    public async Task RunAsync_IncrementalCSharpModel_AddsToItsTableUnlessFullRefresh()
    {
        var schema = Path.Combine(directory, "models", "schema.yml");
        File.WriteAllText(schema, File.ReadAllText(schema).Replace(
            "    description: Built in C# from stg_wells.\n", "    description: Built in C# from stg_wells.\n    config:\n      materialized: incremental\n", StringComparison.Ordinal));
        var snapshot = Path.Combine(directory, "incremental.duckdb");
        var model = new RunsCounted();
        DbtRunOptions Options(bool fullRefresh) => new()
        {
            ProjectDir = directory,
            ProfilesDir = directory,
            DatabasePath = snapshot,
            FullRefresh = fullRefresh,
            CSharpModels = new Dictionary<string, ICSharpModel> { ["doubled_rates"] = model },
        };

        foreach (var fullRefresh in new[] { false, false, true })
        {
            var report = await DbtRunner.RunAsync(Options(fullRefresh), TestContext.Current.CancellationToken);
            Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        }

        // First run: no table, so not incremental (a new table); second: incremental, adds rows; third: full refresh.
        Assert.Equal([false, true, false], model.Incremental);
        using var connection = new DuckDBConnection($"Data Source={snapshot};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select count(*) from main.doubled_rates";
        var fresh = (long)command.ExecuteScalar()!;
        Assert.Equal(fresh, model.Rows);
    }

    /// <summary>Creates its table from stg_wells; incrementally, adds the same rows again under new ids.</summary>
    private sealed class RunsCounted : ICSharpModel
    {
        public List<bool> Incremental { get; } = [];

        public long Rows { get; private set; }

        public string Name => "doubled_rates";

        public IReadOnlyList<string> DependsOn => ["stg_wells"];

        public async Task ExecuteAsync(CSharpModelContext context, CancellationToken cancellationToken)
        {
            Incremental.Add(context.IsIncremental);
            await context.ExecuteAsync(
                context.IsIncremental
                    ? $"insert into {context.Target} select well_id || '-again', rate * 2 from {context.Ref("stg_wells")}"
                    : $"create table {context.Target} as select well_id, rate * 2 as doubled_rate from {context.Ref("stg_wells")}",
                cancellationToken);
            using var count = context.Read($"select count(*) from {context.Ref("stg_wells")}", cancellationToken);
            count.Read();
            var source = count.GetInt32(0);
            Rows = context.IsIncremental ? Rows + source : source;
        }
    }

    private sealed class DoubledRates : ICSharpModel
    {
        public string Name => "doubled_rates";

        public IReadOnlyList<string> DependsOn => ["stg_wells"];

        public Task ExecuteAsync(CSharpModelContext context, CancellationToken cancellationToken) =>
            context.ExecuteAsync($"create table {context.Target} as select well_id, rate * 2 as doubled_rate from {context.Ref("stg_wells")}", cancellationToken);
    }

    private static string RepoRoot()
    {
        var current = new DirectoryInfo(AppContext.BaseDirectory);
        while (current is not null && !File.Exists(Path.Combine(current.FullName, "Wellhouse.slnx")))
        {
            current = current.Parent;
        }

        return current!.FullName;
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var child in Directory.GetDirectories(source))
        {
            CopyDirectory(child, Path.Combine(destination, Path.GetFileName(child)));
        }
    }
}
