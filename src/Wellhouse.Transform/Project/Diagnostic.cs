using System.Text;

namespace Wellhouse.Transform.Project;

public enum DiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>
/// A problem found in a project, pointing at a file, line and column. Codes: DBT1xx project and yml files, DBT2xx
/// refs, sources and the graph, DBT3xx compilation (dbt context), JINJA0xx from the Jinja engine.
/// </summary>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Code, string Message, SourceSpan Span)
{
    /// <summary>
    /// <c>path(line,col): error CODE: message</c>, then the source line and a caret under the column when the file
    /// can be read (paths are relative to <paramref name="projectDir"/>).
    /// </summary>
    public string Format(string? projectDir)
    {
        var builder = new StringBuilder();
        var kind = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        builder.Append(Span.Line > 0 ? $"{Span.File}({Span.Line},{Span.Column})" : Span.File)
            .Append(Span.File.Length > 0 ? ": " : string.Empty)
            .Append(kind).Append(' ').Append(Code).Append(": ").Append(Message);
        var line = ReadLine(projectDir, Span);
        if (line is not null)
        {
            builder.Append('\n').Append("    ").Append(line.Replace('\t', ' '));
            builder.Append('\n').Append("    ").Append(' ', Math.Max(0, Math.Min(Span.Column - 1, line.Length))).Append('^');
        }

        return builder.ToString();
    }

    public override string ToString() => Format(null);

    private static string? ReadLine(string? projectDir, SourceSpan span)
    {
        if (span.Line <= 0 || span.File.Length == 0)
        {
            return null;
        }

        try
        {
            var path = Path.IsPathRooted(span.File) || projectDir is null ? span.File : Path.Combine(projectDir, span.File);
            if (!File.Exists(path))
            {
                return null;
            }

            using var reader = new StreamReader(path);
            string? text = null;
            for (var i = 0; i < span.Line; i++)
            {
                text = reader.ReadLine();
                if (text is null)
                {
                    return null;
                }
            }

            return text;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>Collects diagnostics while a project loads; loading goes on after an error so all are reported.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> items = [];
    private readonly object gate = new();

    public IReadOnlyList<Diagnostic> Items
    {
        get
        {
            lock (gate)
            {
                return items.ToList();
            }
        }
    }

    public bool HasErrors
    {
        get
        {
            lock (gate)
            {
                return items.Exists(d => d.Severity == DiagnosticSeverity.Error);
            }
        }
    }

    public void Error(string code, string message, SourceSpan span) => Add(new Diagnostic(DiagnosticSeverity.Error, code, message, span));

    public void Warning(string code, string message, SourceSpan span) => Add(new Diagnostic(DiagnosticSeverity.Warning, code, message, span));

    public void Add(Diagnostic diagnostic)
    {
        lock (gate)
        {
            items.Add(diagnostic);
        }
    }
}
