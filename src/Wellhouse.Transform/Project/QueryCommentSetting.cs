namespace Wellhouse.Transform.Project;

/// <summary>
/// dbt_project.yml's <c>query-comment</c> (dbt docs "query-comment"): absent, dbt's default comment (a JSON object with
/// app, dbt_version, profile_name, target_name and node_id); a string, a Jinja template rendered for each node; a
/// mapping with <c>comment</c> (default as above), <c>append</c> (add it after the statement instead of before) and
/// <c>job-label</c> (BigQuery's, without effect on DuckDB); null or empty, no comment.
/// </summary>
public sealed record QueryCommentSetting(string? Template, bool Append)
{
    /// <summary>dbt's default: its JSON comment, before each statement.</summary>
    public static readonly QueryCommentSetting Default = new(null, false);

    private static readonly HashSet<string> Keys = new(StringComparer.Ordinal) { "comment", "append", "job-label", "job_label" };

    /// <summary>The setting of <c>query-comment:</c>; null when it switches comments off.</summary>
    internal static QueryCommentSetting? Read(IReadOnlyDictionary<string, object?> raw, SourceSpan span, DiagnosticBag diagnostics)
    {
        if (!raw.TryGetValue("query-comment", out var value))
        {
            return Default;
        }

        switch (value)
        {
            case null or "":
                return null;
            case string template:
                return new QueryCommentSetting(template, false);
            case Dictionary<string, object?> map:
                foreach (var key in map.Keys.Where(k => !Keys.Contains(k)))
                {
                    diagnostics.Error(DiagnosticCodes.UnknownKey, $"unknown key '{key}' in 'query-comment' (expected comment, append, job-label)", span);
                }

                if (map.GetValueOrDefault("comment") is not (null or string) || map.GetValueOrDefault("append") is not (null or bool))
                {
                    diagnostics.Error(DiagnosticCodes.InvalidValue, "'query-comment' takes a string 'comment' and a true/false 'append'", span);
                    return Default;
                }

                return map.TryGetValue("comment", out var comment) && comment is null or ""
                    ? null
                    : new QueryCommentSetting(comment as string, map.GetValueOrDefault("append") is true);
            default:
                diagnostics.Error(DiagnosticCodes.InvalidValue, "'query-comment' must be a string, a mapping (comment, append, job-label) or null", span);
                return Default;
        }
    }
}
