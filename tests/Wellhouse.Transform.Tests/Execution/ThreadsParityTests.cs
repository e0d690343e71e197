using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Execution;

/// <summary>
/// <c>--threads 4</c> must give what <c>--threads 1</c> gives: the same statuses in the same order, the same tables row
/// by row, and progress lines that stay whole and are numbered 1..N once each (dbt's "N of M").
/// </summary>
public sealed partial class ThreadsParityTests
{
    [Fact]
    public async Task Build_WideProject_FourThreadsMatchOneThread()
    {
        using var project = new WideProject();

        var (single, singleLines) = await Build(project, 1, "one");
        var (parallel, parallelLines) = await Build(project, 4, "four");

        var expected = single.Outcome!.Results.Select(r => (r.Node.UniqueId, r.Status)).ToList();
        Assert.Equal(expected, parallel.Outcome!.Results.Select(r => (r.Node.UniqueId, r.Status)).ToList());
        Assert.Contains(expected, r => r.Status == NodeStatus.Error);
        Assert.Contains(expected, r => r.Status == NodeStatus.Fail);
        Assert.Contains(expected, r => r.Status == NodeStatus.Warn);
        Assert.Contains(expected, r => r.Status == NodeStatus.Skipped);
        Assert.True(expected.Count(r => r.Status is NodeStatus.Success or NodeStatus.Pass) > 60);
        Assert.Contains(parallel.Outcome.Results, r => r.ThreadId != "Thread-1 (worker)");

        var tables = Tables(project, "one");
        Assert.Equal(40, tables.Count); // 30 base, 5 join (schema main_marts), 3 seeds, weighted, 1 stored failure; final, broken and after_broken are not built
        Assert.Contains("main_marts.join_0", tables);
        Assert.Contains("main_dbt_test__audit.weighted_heavy", tables);
        Assert.Equal(tables, Tables(project, "four"));
        foreach (var table in tables)
        {
            Assert.Equal(Rows(project, "one", table), Rows(project, "four", table));
        }

        CheckProgress(singleLines, expected.Count);
        CheckProgress(parallelLines, expected.Count);
    }

    /// <summary>Every progress line is one whole line; each index 1..N has one START (or SKIP) and one result line.</summary>
    private static void CheckProgress(List<string> lines, int total)
    {
        var progress = lines.Where(l => ProgressLine().IsMatch(l)).ToList();
        Assert.All(lines.Where(l => l.Contains($" of {total} ", StringComparison.Ordinal)), l => Assert.Matches(ProgressLine(), l));
        Assert.DoesNotContain(lines, l => l.Contains('\n', StringComparison.Ordinal));
        var indexes = progress.Select(l => int.Parse(l[..l.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, total), indexes.Distinct().Order());
        foreach (var group in progress.GroupBy(l => l[..l.IndexOf(" of ", StringComparison.Ordinal)]))
        {
            var kinds = group.Select(l => l.Split(' ')[3]).ToList();
            Assert.True(kinds is ["START", _] or ["SKIP"], $"index {group.Key}: {string.Join(" | ", group)}");
        }
    }

    [GeneratedRegex(@"^\d+ of \d+ (START|OK|PASS|WARN|FAIL|ERROR|SKIP) \S.* \[[A-Z][^\]]*\]$")]
    private static partial Regex ProgressLine();

    private static async Task<(DbtRunReport Report, List<string> Lines)> Build(WideProject project, int threads, string file)
    {
        var lines = new List<string>();
        var report = await DbtRunner.RunAsync(
            new DbtRunOptions
            {
                ProjectDir = project.Directory,
                ProfilesDir = project.Directory,
                Threads = threads,
                DatabasePath = Path.Combine("target", file, "dev.duckdb"),
                TargetPath = Path.Combine("target", "artifacts" + threads),
                Log = lines.Add,
                Environment = new Dictionary<string, string>(),
            },
            TestContext.Current.CancellationToken);
        Assert.True(report.Outcome is not null, string.Join("\n", report.FormatProblems()));
        return (report, lines);
    }

    private static List<string> Tables(WideProject project, string file) =>
        [.. Query(project, file, "select table_schema || '.' || table_name from information_schema.tables order by all").Select(r => (string)r[0]!)];

    private static List<string> Rows(WideProject project, string file, string table) =>
        [.. Query(project, file, $"select * from {table} order by all").Select(r => string.Join("|", r))];

    private static List<object?[]> Query(WideProject project, string file, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(project.Directory, "target", file, "dev.duckdb")};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
