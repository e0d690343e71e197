using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Tests.Jinja;

/// <summary>Differential test: every corpus template rendered by Debian's Jinja2 (one python3 process for the
/// whole corpus) and by this engine must give the same output, or both must fail.</summary>
public sealed class JinjaCorpusTests
{
    [Fact]
    public void Corpus_RenderedByReferenceAndEngine_OutputsAreIdentical()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.JinjaTests, "Corpus"), "*.txt").Order(StringComparer.Ordinal).ToArray();
        var cases = files.SelectMany(CorpusCase.Read).ToList();
        Assert.True(cases.Count >= 200, $"the corpus has {cases.Count} cases; it should have at least 200");
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());

        var reference = RunReference(files);
        var env = new JinjaEnvironment();
        var mismatches = new StringBuilder();
        var failed = 0;
        foreach (var c in cases)
        {
            var expected = reference.GetProperty(c.Name);
            string? actual = null;
            string? error = null;
            try
            {
                var context = c.Context();
                context["modules"] = JinjaModules.Create();
                actual = env.Parse(c.Template, c.Name).Render(context);
            }
            catch (JinjaException ex)
            {
                error = ex.ToString();
            }

            var ok = expected.TryGetProperty("output", out var output)
                ? actual == output.GetString()
                : error is not null;
            if (!ok)
            {
                failed++;
                mismatches.Append("--- ").Append(c.Name).Append('\n')
                    .Append("  expected: ").Append(expected.GetRawText()).Append('\n')
                    .Append("  actual:   ").Append(error ?? JsonSerializer.Serialize(actual)).Append('\n');
            }
        }

        Assert.True(failed == 0, $"{failed} of {cases.Count} corpus cases differ from Jinja2:\n{mismatches}");
    }

    private static JsonElement RunReference(string[] files)
    {
        const string Python = "/usr/bin/python3";
        const string Missing = "Debian's python3-jinja2 (the reference Jinja2) is missing: run scripts/install-test-deps.sh";
        Assert.True(File.Exists(Python), Missing);
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(RepoPaths.JinjaTests, "reference_render.py"));
        foreach (var f in files)
        {
            start.ArgumentList.Add(f);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.False(stderr.Contains("No module named 'jinja2'", StringComparison.Ordinal), Missing);
        Assert.True(process.ExitCode == 0, "reference_render.py failed: " + stderr);
        return JsonDocument.Parse(stdout.Result).RootElement.Clone();
    }
}
