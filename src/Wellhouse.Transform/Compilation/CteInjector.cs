using System.Text;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// Puts ephemeral models in front of a query as CTEs, as dbt's <c>_inject_ctes_into_sql</c> does: when the query
/// starts with <c>with</c> (after whitespace and comments) the CTEs go right after that keyword, followed by a comma;
/// otherwise the query is prefixed with <c>with ... </c>.
/// </summary>
internal static class CteInjector
{
    public static string Inject(string sql, IReadOnlyList<(string Name, string Sql)> ctes)
    {
        if (ctes.Count == 0)
        {
            return sql;
        }

        var definitions = new StringBuilder();
        for (var i = 0; i < ctes.Count; i++)
        {
            definitions.Append(i == 0 ? string.Empty : ", ").Append(ctes[i].Name).Append(" as (\n").Append(ctes[i].Sql).Append("\n)");
        }

        var start = SkipTrivia(sql, 0);
        if (IsKeyword(sql, start, "with"))
        {
            var after = start + 4;
            var next = SkipTrivia(sql, after);
            if (IsKeyword(sql, next, "recursive"))
            {
                after = next + 9;
            }

            return sql[..after] + " " + definitions + ", " + sql[after..].TrimStart();
        }

        return "with " + definitions + "\n" + sql;
    }

    private static int SkipTrivia(string sql, int index)
    {
        while (index < sql.Length)
        {
            if (char.IsWhiteSpace(sql[index]))
            {
                index++;
            }
            else if (sql.AsSpan(index).StartsWith("--"))
            {
                var end = sql.IndexOf('\n', index);
                index = end < 0 ? sql.Length : end + 1;
            }
            else if (sql.AsSpan(index).StartsWith("/*"))
            {
                var end = sql.IndexOf("*/", index + 2, StringComparison.Ordinal);
                index = end < 0 ? sql.Length : end + 2;
            }
            else
            {
                break;
            }
        }

        return index;
    }

    private static bool IsKeyword(string sql, int index, string keyword) =>
        index + keyword.Length <= sql.Length &&
        sql.AsSpan(index, keyword.Length).Equals(keyword, StringComparison.OrdinalIgnoreCase) &&
        (index + keyword.Length == sql.Length || !(char.IsLetterOrDigit(sql[index + keyword.Length]) || sql[index + keyword.Length] == '_'));
}
