namespace Wellhouse.Transform.Project;

/// <summary>Renders a Jinja string found in a YAML file (project, profiles, schema files); throws <see cref="DiagnosticException"/>.</summary>
internal delegate string StringRenderer(string text, SourceSpan span);

/// <summary>Carries a diagnostic out of a nested call (rendering, a dbt context function) to the code that collects it.</summary>
internal sealed class DiagnosticException : Exception
{
    public DiagnosticException(Diagnostic diagnostic)
        : base(diagnostic.Message)
    {
        Diagnostic = diagnostic;
    }

    public DiagnosticException()
        : this(new Diagnostic(DiagnosticSeverity.Error, "DBT000", "error", SourceSpan.None))
    {
    }

    public DiagnosticException(string message)
        : this(new Diagnostic(DiagnosticSeverity.Error, "DBT000", message, SourceSpan.None))
    {
    }

    public DiagnosticException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostic = new Diagnostic(DiagnosticSeverity.Error, "DBT000", message, SourceSpan.None);
    }

    public Diagnostic Diagnostic { get; }
}
