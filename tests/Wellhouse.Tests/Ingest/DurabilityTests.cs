using System.Diagnostics;
using System.Text.RegularExpressions;
using Wellhouse.Tests.Api;

namespace Wellhouse.Tests.Ingest;

/// <summary>
/// A batch is durable once ingest answers (issue 16, "no fsync of the directory after renames"): the rename of its
/// Parquet file into raw/batches is followed by an fsync(2) of that folder, since the rename is a change of the folder.
/// Watched with strace(1) on the real command line (scripts/install-test-deps.sh installs strace).
/// </summary>
public sealed partial class DurabilityTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Ingest_RenameIntoBatches_IsFollowedByAnFsyncOfTheFolder()
    {
        var file = Path.Combine(_temp.Path, "rows.csv");
        await File.WriteAllTextAsync(file, RawCsv.Rows(101, 3), TestContext.Current.CancellationToken);
        var data = Path.Combine(_temp.Path, "data");
        var trace = Path.Combine(_temp.Path, "trace.txt");
        var start = new ProcessStartInfo("strace") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-f", "-e", "trace=openat,fsync,rename,renameat,renameat2", "-o", trace, "dotnet",
            Path.Combine(AppContext.BaseDirectory, "wellhouse.dll"), "ingest", file, "--data-dir", data })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("strace is needed for this test (scripts/install-test-deps.sh installs it)", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, await output + await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
        }

        var lines = await File.ReadAllLinesAsync(trace, TestContext.Current.CancellationToken);
        var batches = Path.Combine(data, "raw", "batches");
        var rename = Array.FindIndex(lines, line => line.Contains("rename", StringComparison.Ordinal)
            && line.Contains($"\"{batches}/", StringComparison.Ordinal) && line.Contains(".parquet\"", StringComparison.Ordinal));
        Assert.True(rename >= 0, "no rename into raw/batches in the trace");
        var open = lines.Skip(rename).Select(line => OpenOf(batches).Match(line)).FirstOrDefault(match => match.Success);
        Assert.True(open is not null, $"raw/batches is not opened after the rename:\n{string.Join('\n', lines.Skip(rename).Take(20))}");
        var descriptor = open.Groups["fd"].Value;
        Assert.Contains(lines.Skip(rename), line => Regex.IsMatch(line, $@"^{open.Groups["pid"].Value}\s+fsync\({descriptor}\)\s+= 0"));
    }

    private static Regex OpenOf(string folder) =>
        new($@"^(?<pid>\d+)\s+openat\(AT_FDCWD, ""{Regex.Escape(folder)}"", O_RDONLY[^)]*\)\s+= (?<fd>\d+)");
}
