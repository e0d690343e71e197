using System.Text;
using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// Turns a database error into dbt's "Database Error in model x (path)" message, plus the compiled SQL line that failed:
/// the line the database reported, minus the lines the materialization wrapped around the compiled SQL.
/// </summary>
internal static class DatabaseErrorFormatter
{
    public static string Format(Node node, AdapterException error, string? compiledSql, int wrapperLines)
    {
        var text = new StringBuilder();
        text.Append("Database Error in ").Append(node.ResourceType.ToDbtString()).Append(' ').Append(node.Name)
            .Append(" (").Append(node.OriginalFilePath).Append(")\n");
        foreach (var line in error.Message.Split('\n'))
        {
            if (line.Length > 0)
            {
                text.Append("  ").Append(line.TrimEnd()).Append('\n');
            }
        }

        if (compiledSql is not null && error.Line is { } sentLine)
        {
            var lines = compiledSql.Split('\n');
            var compiledLine = sentLine - wrapperLines;
            if (compiledLine >= 1 && compiledLine <= lines.Length)
            {
                text.Append("  compiled SQL ")
                    .Append(Path.Combine("target", "compiled", node.PackageName, RunContext.TargetRelativePath(node)))
                    .Append(", line ").Append(compiledLine).Append(":\n")
                    .Append("    ").Append(compiledLine).Append(" | ").Append(lines[compiledLine - 1].TrimEnd()).Append('\n');
            }
        }

        return text.ToString().TrimEnd();
    }
}
