using System.Globalization;

namespace Wellhouse.Transform.Execution.Freshness;

/// <summary>
/// A source's <c>freshness</c> block (dbt docs: "freshness"): <c>warn_after</c> and <c>error_after</c> as
/// <c>{count, period}</c> with period minute, hour or day, and an optional <c>filter</c> (a SQL condition).
/// </summary>
public sealed record FreshnessCriteria(FreshnessThreshold? WarnAfter, FreshnessThreshold? ErrorAfter, string? Filter)
{
    /// <summary>True when at least one threshold is complete (dbt checks a source only then).</summary>
    public bool HasThreshold => WarnAfter is { IsSet: true } || ErrorAfter is { IsSet: true };

    /// <summary>dbt's <c>FreshnessThreshold.status</c>: error when past error_after, else warn when past warn_after, else pass.</summary>
    public FreshnessStatus StatusFor(double ageSeconds) =>
        ErrorAfter?.Exceeded(ageSeconds) == true ? FreshnessStatus.Error
        : WarnAfter?.Exceeded(ageSeconds) == true ? FreshnessStatus.Warn
        : FreshnessStatus.Pass;

    /// <summary>Reads the merged config value; null (and no error) when freshness is off; an error for a malformed block.</summary>
    public static FreshnessCriteria? Parse(object? value, out string? error)
    {
        error = null;
        if (value is not IDictionary<string, object?> block)
        {
            if (value is not null)
            {
                error = "freshness must be a mapping with warn_after and/or error_after";
            }

            return null;
        }

        var warn = Threshold(block, "warn_after", ref error);
        var fail = Threshold(block, "error_after", ref error);
        var filter = block.TryGetValue("filter", out var f) && f is not null ? Convert.ToString(f, CultureInfo.InvariantCulture) : null;
        return error is null ? new FreshnessCriteria(warn, fail, filter) : null;
    }

    private static FreshnessThreshold? Threshold(IDictionary<string, object?> block, string key, ref string? error)
    {
        if (!block.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }

        if (value is not IDictionary<string, object?> time)
        {
            error ??= $"freshness.{key} must be a mapping {{count, period}}";
            return null;
        }

        long? count = Get(time, "count") switch
        {
            null => null,
            long l => l,
            int i => i,
            double d when d == Math.Floor(d) => (long)d,
            string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            var other => Invalid(ref error, $"freshness.{key}.count must be a whole number, not '{other}'"),
        };
        var period = Get(time, "period") is { } p ? Convert.ToString(p, CultureInfo.InvariantCulture) : null;
        if (period is not null and not ("minute" or "hour" or "day"))
        {
            error ??= $"freshness.{key}.period must be minute, hour or day, not '{period}'";
        }

        return new FreshnessThreshold(count, period);
    }

    private static object? Get(IDictionary<string, object?> values, string key) => values.TryGetValue(key, out var value) ? value : null;

    private static long? Invalid(ref string? error, string message)
    {
        error ??= message;
        return null;
    }
}

/// <summary><c>{count, period}</c>; incomplete thresholds are never exceeded (dbt's <c>Time.exceeded</c>).</summary>
public sealed record FreshnessThreshold(long? Count, string? Period)
{
    public bool IsSet => Count is not null && Period is not null;

    public double? Seconds => IsSet ? Count!.Value * Period switch
    {
        "minute" => 60.0,
        "hour" => 3600.0,
        _ => 86400.0,
    } : null;

    public bool Exceeded(double ageSeconds) => Seconds is { } limit && ageSeconds > limit;
}

/// <summary>A freshness result's status, as sources.json spells it (pass, warn, error, runtime error).</summary>
public enum FreshnessStatus
{
    Pass,
    Warn,
    Error,
    RuntimeError,
}
