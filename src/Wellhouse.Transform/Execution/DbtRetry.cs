using System.Text.Json;
using Wellhouse.Transform.Graph;
using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// <c>wellhouse retry</c> (dbt docs: "retry"): reads the last run's run_results.json and plans a run of the nodes that
/// errored, failed or were skipped, with the command and flags recorded in its <c>args</c> (select and exclude are kept
/// in the new run_results so a second retry repeats the same command). Flags given on the retry's own command line
/// (target, profiles dir, vars) win over the recorded ones.
/// </summary>
public static class DbtRetry
{
    /// <summary>The statuses dbt retries (dbt-core <c>task/retry.py</c> RETRYABLE_STATUSES: error, skipped, fail, runtime error).</summary>
    private static readonly HashSet<string> Retryable = new(StringComparer.Ordinal) { "error", "fail", "skipped", "runtime error" };

    /// <summary>The folder holding the last run's artifacts: <paramref name="stateDir"/>, else the project's target-path.</summary>
    public static string ResultsDirectory(string projectDir, string? stateDir) =>
        stateDir is { Length: > 0 } ? Path.GetFullPath(stateDir, projectDir) : Path.Combine(projectDir, TargetPathSetting(projectDir));

    /// <summary>
    /// Plans the retry: <see cref="RetryPlan.Options"/> is null when there is nothing to run, and
    /// <see cref="RetryPlan.Message"/> says why (no run_results.json, nothing failed, an unknown command).
    /// </summary>
    public static RetryPlan Plan(DbtRunOptions overrides, string resultsDirectory)
    {
        var path = Path.Combine(resultsDirectory, "run_results.json");
        if (!File.Exists(path))
        {
            return new RetryPlan(null, $"error DBT211: no run_results.json in '{resultsDirectory}': there is no previous run to retry", 2);
        }

        var state = PreviousState.TryLoad(resultsDirectory, overrides.ProjectDir, out var error, manifestRequired: false);
        if (state?.Results is not { } results || state.ResultArgs is not { ValueKind: JsonValueKind.Object } args)
        {
            return new RetryPlan(null, error?.Format(overrides.ProjectDir) ?? $"error DBT211: {path} has no results or no args", 2);
        }

        var which = Text(args, "which") ?? string.Empty;
        if (!Enum.TryParse<DbtCommandKind>(which, ignoreCase: true, out var command) || int.TryParse(which, out _))
        {
            return new RetryPlan(null, $"error DBT211: the last command '{which}' cannot be retried (build, run, test, seed and compile can)", 2);
        }

        var ids = results.Where(r => Retryable.Contains(r.Value)).Select(r => r.Key).ToList();
        if (ids.Count == 0)
        {
            return new RetryPlan(null, $"Nothing to retry: the last {which} had no errors, failures or skipped nodes.", 0);
        }

        var options = new DbtRunOptions
        {
            ProjectDir = overrides.ProjectDir,
            Command = command,
            ProfilesDir = overrides.ProfilesDir ?? Text(args, "profiles_dir"),
            Target = overrides.Target ?? Text(args, "target"),
            VarsYaml = overrides.VarsYaml ?? Vars(args),
            Select = Strings(args, "select"),
            Exclude = Strings(args, "exclude"),
            Threads = overrides.Threads ?? (args.TryGetProperty("threads", out var threads) && threads.ValueKind == JsonValueKind.Number && threads.TryGetInt32(out var count) ? count : null),
            FailFast = Flag(args, "fail_fast"),
            FullRefresh = Flag(args, "full_refresh"),
            StatePath = Text(args, "state"),
            UniqueIds = ids,
            CSharpModels = overrides.CSharpModels,
            Log = overrides.Log,
            Environment = overrides.Environment,
            DatabasePath = overrides.DatabasePath,
            TargetPath = overrides.TargetPath,
        };
        return new RetryPlan(options, $"Retrying {ids.Count} node{(ids.Count == 1 ? string.Empty : "s")} of the last {which} (error, fail or skipped).", 0);
    }

    private static string? Text(JsonElement args, string name) =>
        args.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>The recorded <c>vars</c>: dbt writes the parsed mapping (JSON, which is YAML too); older files a string.</summary>
    private static string? Vars(JsonElement args) =>
        args.TryGetProperty("vars", out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().Any() ? value.GetRawText() : null
            : Text(args, "vars");

    private static bool Flag(JsonElement args, string name) =>
        args.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string[] Strings(JsonElement args, string name) => args.TryGetProperty(name, out var value) ? value.ValueKind switch
    {
        JsonValueKind.Array => [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)],
        JsonValueKind.String => [value.GetString()!],
        _ => [],
    } : [];

    /// <summary>dbt_project.yml's <c>target-path</c> (default <c>target</c>), read without loading the project.</summary>
    private static string TargetPathSetting(string projectDir)
    {
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(Path.Combine(projectDir, "dbt_project.yml")))
            {
                stream.Load(reader);
            }

            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root &&
                root.Children.TryGetValue(new YamlScalarNode("target-path"), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text })
            {
                return text;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
        {
            // An unreadable project file is reported by the run itself; retry looks in the default folder.
        }

        return "target";
    }
}

/// <summary>What <see cref="DbtRetry.Plan"/> decided: the run to start (null: none), a message, and the exit code if nothing runs.</summary>
public sealed record RetryPlan(DbtRunOptions? Options, string Message, int ExitCode);
