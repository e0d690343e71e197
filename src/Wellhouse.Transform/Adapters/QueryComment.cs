namespace Wellhouse.Transform.Adapters;

/// <summary>
/// A rendered query comment and where it goes, as dbt-adapters' <c>_QueryComment.add</c>: <c>/* text */</c> on a line
/// before the statement, or with <c>append</c> after it (before a final <c>;</c>).
/// </summary>
internal sealed record QueryComment(string Text, bool Append)
{
    /// <summary>Lines the comment puts before the statement (subtracted from the line DuckDB reports for an error).</summary>
    public int LinesBefore => Append ? 0 : Text.Count(c => c == '\n') + 1;

    public string Apply(string sql)
    {
        if (!Append)
        {
            return $"/* {Text} */\n{sql}";
        }

        var trimmed = sql.TrimEnd();
        return trimmed.EndsWith(';')
            ? $"{trimmed[..^1]}\n/* {Text} */;"
            : $"{trimmed}\n/* {Text} */";
    }
}
