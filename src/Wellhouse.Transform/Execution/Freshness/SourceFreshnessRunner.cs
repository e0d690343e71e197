using System.Diagnostics;
using System.Globalization;
using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Artifacts;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Execution.Freshness;

/// <summary>
/// <c>source freshness</c> (dbt docs: "source freshness"): for every selected source table with a freshness
/// threshold and a <c>loaded_at_field</c>, queries <c>select max(loaded_at_field) from the table [where filter]</c>
/// (dbt's <c>collect_freshness</c> macro), compares its age with warn_after/error_after, prints dbt's lines
/// (<c>PASS</c>, <c>WARN</c>, <c>ERROR STALE</c>, <c>ERROR</c>) and writes target/sources.json. A naive timestamp is
/// taken as UTC (dbt's <c>_utc</c>); a NULL maximum (empty table) is a runtime error, as in dbt. Sources are checked one
/// after the other on one connection (each check is one aggregate query).
/// </summary>
public static class SourceFreshnessRunner
{
    /// <summary>Checks the selected sources; <paramref name="outputPath"/> (dbt's <c>--output</c>, relative to the
    /// project dir) replaces target/sources.json; <paramref name="clock"/> replaces the system clock (tests).</summary>
    public static Task<SourceFreshnessReport> RunAsync(DbtRunOptions options, CancellationToken cancellationToken, TimeProvider? clock = null, string? outputPath = null)
    {
        clock ??= TimeProvider.System;
        var load = ProjectLoader.Load(options.ToLoadOptions());
        if (!load.Success || load.Project is not { } project)
        {
            return Task.FromResult(new SourceFreshnessReport { Diagnostics = load.Diagnostics, Project = load.Project });
        }

        IReadOnlyList<string> selected;
        try
        {
            selected = NodeSelector.SelectSources(project.Manifest, project.Graph, options.Select, options.Exclude);
        }
        catch (SelectorException ex)
        {
            return Task.FromResult(new SourceFreshnessReport { Diagnostics = [.. load.Diagnostics, ex.Diagnostic], Project = project });
        }

        var checks = new List<(SourceDefinition Source, FreshnessCriteria? Criteria, string? Error)>();
        foreach (var id in selected)
        {
            var source = project.Manifest.Sources[id];
            var criteria = FreshnessCriteria.Parse(source.Config.Values.GetValueOrDefault("freshness"), out var error);
            if (error is null && (criteria is not { HasThreshold: true } || string.IsNullOrWhiteSpace(source.LoadedAtField)))
            {
                if (criteria is { HasThreshold: true })
                {
                    options.Log?.Invoke($"Source {source.SourceName}.{source.Name} has a freshness threshold but no loaded_at_field: skipped.");
                }

                continue;
            }

            checks.Add((source, criteria, error));
        }

        var log = options.Log;
        log?.Invoke($"Found {checks.Count} source{(checks.Count == 1 ? string.Empty : "s")} with freshness checks among {project.Manifest.Sources.Count} sources");
        log?.Invoke(string.Empty);
        var target = DbtRunner.ToAdapterTarget(project.Target, project.ProjectDir, options.DatabasePath);
        var startedAt = clock.GetUtcNow();
        var results = new List<SourceFreshnessResult>();
        try
        {
            using var adapter = SqlAdapters.Open(target);
            using var session = adapter.OpenSession();
            for (var i = 0; i < checks.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (source, criteria, error) = checks[i];
                var name = source.SourceName + "." + source.Name;
                log?.Invoke(Line(i + 1, checks.Count, "START freshness of " + name, "RUN"));
                var result = Check(session, source, criteria, error, clock, cancellationToken);
                results.Add(result);
                var time = result.ExecutionTime.ToString("0.00", CultureInfo.InvariantCulture) + "s";
                var word = result.Status switch
                {
                    FreshnessStatus.Pass => "PASS",
                    FreshnessStatus.Warn => "WARN",
                    FreshnessStatus.Error => "ERROR STALE",
                    _ => "ERROR",
                };
                log?.Invoke(Line(i + 1, checks.Count, word + " freshness of " + name, word + " in " + time));
                if (result.Error is { } message)
                {
                    log?.Invoke("  " + message);
                }
            }
        }
        catch (AdapterException ex)
        {
            return Task.FromResult(new SourceFreshnessReport { Diagnostics = load.Diagnostics, Project = project, Error = $"profiles.yml: target '{project.Target.Name}': error DBT400: {ex.Message}" });
        }

        var completedAt = clock.GetUtcNow();
        log?.Invoke(string.Empty);
        log?.Invoke($"Done. PASS={results.Count(r => r.Status == FreshnessStatus.Pass)} WARN={results.Count(r => r.Status == FreshnessStatus.Warn)} " +
            $"ERROR={results.Count(r => r.Status is FreshnessStatus.Error or FreshnessStatus.RuntimeError)} SKIP=0 NO-OP=0 TOTAL={results.Count}");
        var targetPath = DbtRunner.TargetPathOf(project, options);
        var output = outputPath is null ? Path.Combine(targetPath, "sources.json") : Path.GetFullPath(outputPath, project.ProjectDir);
        SourcesJsonWriter.Write(output, results, project.InvocationId, startedAt, completedAt);
        return Task.FromResult(new SourceFreshnessReport { Diagnostics = load.Diagnostics, Project = project, Results = results });
    }

    private static SourceFreshnessResult Check(ISqlSession session, SourceDefinition source, FreshnessCriteria? criteria, string? configError, TimeProvider clock, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        SourceFreshnessResult Failed(string message) => new()
        {
            Source = source,
            Status = FreshnessStatus.RuntimeError,
            Criteria = criteria,
            Error = message,
            SnapshottedAt = started,
            ExecutionTime = watch.Elapsed.TotalSeconds,
            Timing = [new PhaseTiming("execute", started, clock.GetUtcNow())],
        };

        if (configError is not null)
        {
            return Failed($"{source.DefinedAt}: error DBT102: source {source.SourceName}.{source.Name}: {configError}");
        }

        var sql = $"select max({source.LoadedAtField}) as max_loaded_at from {source.RenderReference()}" +
            (string.IsNullOrWhiteSpace(criteria!.Filter) ? string.Empty : $" where {criteria.Filter}");
        object? value;
        try
        {
            value = session.Query(sql, cancellationToken)[0][0];
        }
        catch (AdapterException ex)
        {
            return Failed($"Database Error in source {source.SourceName}.{source.Name} ({source.OriginalFilePath})\n  {ex.Message}\n  query: {sql}");
        }

        var snapshotted = clock.GetUtcNow();
        if (ToUtc(value) is not { } maxLoadedAt)
        {
            return Failed(value is null
                ? $"Expected a non-null value when querying field '{source.LoadedAtField}' of table {source.RenderReference()} but received value 'null' instead"
                : $"loaded_at_field '{source.LoadedAtField}' of {source.RenderReference()} is not a timestamp or date (got {value.GetType().Name} '{value}')");
        }

        var age = (snapshotted - maxLoadedAt).TotalSeconds;
        return new SourceFreshnessResult
        {
            Source = source,
            Status = criteria.StatusFor(age),
            Criteria = criteria,
            MaxLoadedAt = maxLoadedAt,
            SnapshottedAt = snapshotted,
            AgeSeconds = age,
            ExecutionTime = watch.Elapsed.TotalSeconds,
            Timing = [new PhaseTiming("execute", started, clock.GetUtcNow())],
        };
    }

    /// <summary>A timestamp as UTC: a naive one is taken as UTC, as dbt's <c>_utc</c> does; a date is its midnight.</summary>
    internal static DateTimeOffset? ToUtc(object? value) => value switch
    {
        DateTimeOffset offset => offset.ToUniversalTime(),
        DateTime { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc), TimeSpan.Zero),
        DateOnly date => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), TimeSpan.Zero),
        _ => null,
    };

    /// <summary>dbt's progress line layout (see <see cref="ProgressFormatter"/>).</summary>
    private static string Line(int index, int total, string message, string status)
    {
        var prefix = $"{index} of {total} {message} ";
        return (prefix.Length < 80 ? prefix.PadRight(80, '.') : prefix) + " [" + status + "]";
    }
}
