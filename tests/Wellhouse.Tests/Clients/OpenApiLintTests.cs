using System.Text.Json;
using Wellhouse.Tests.Warehouse;

namespace Wellhouse.Tests.Clients;

/// <summary>
/// Redocly's linter (<c>@redocly/cli lint</c>, its recommended rules, as an application developer would run it) on the
/// committed docs/openapi.json and on the document a live server serves with reads behind the key: no error, and no
/// warning but the ones the API means to have.
/// </summary>
public sealed class OpenApiLintTests
{
    /// <summary>Warnings left on purpose, as "rule at pointer".</summary>
    private static readonly string[] AllowedWarnings =
    [
        // Liveness and readiness answer 200 or 503 and never a 4xx: declaring one would be untrue.
        "operation-4xx-response #/paths/~1alive/get/responses",
        "operation-4xx-response #/paths/~1health/get/responses",

        // The repository has no licence to state yet.
        "info-license #/info",
    ];

    [Fact]
    public async Task CommittedDocument_HasNoLintErrors()
    {
        var problems = await LintAsync(Path.Combine(RepoPaths.Root, "docs", "openapi.json"));

        Assert.Empty(problems.Where(p => p.Severity == "error").Select(p => p.ToString()));
        Assert.Equal(AllowedWarnings.Order(), problems.Where(p => p.Severity == "warn").Select(p => p.Key).Order());
    }

    [Fact]
    public async Task ServedDocument_WithReadsBehindTheKey_HasNoLintErrors()
    {
        await using var server = new LiveServer(bootstrap: false, readsNeedKey: true);
        await server.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        var file = Path.Combine(Path.GetTempPath(), $"wellhouse-served-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await http.GetStringAsync("/openapi/v1.json"));
        try
        {
            var problems = await LintAsync(file);

            Assert.Empty(problems.Where(p => p.Severity == "error").Select(p => p.ToString()));
            Assert.Equal(AllowedWarnings.Order(), problems.Where(p => p.Severity == "warn").Select(p => p.Key).Order());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<List<LintProblem>> LintAsync(string file)
    {
        var (code, output, error) = await NodeTools.RunAsync("redocly", "lint", file, "--format=json");
        Assert.True(output.TrimStart().StartsWith('{'), $"redocly lint exited {code} without its JSON report: {error}");
        using var report = JsonDocument.Parse(output);
        return report.RootElement.GetProperty("problems").EnumerateArray().Select(problem => new LintProblem(
            problem.GetProperty("severity").GetString()!, problem.GetProperty("ruleId").GetString()!,
            problem.GetProperty("location")[0].GetProperty("pointer").GetString()!, problem.GetProperty("message").GetString()!)).ToList();
    }

    private sealed record LintProblem(string Severity, string Rule, string Pointer, string Message)
    {
        public string Key => $"{Rule} {Pointer}";

        public override string ToString() => $"{Rule} at {Pointer}: {Message}";
    }
}
