using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Project;

public class DiagnosticTests
{
    [Fact]
    public void Format_WithReadableFile_ShowsLineAndCaret()
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Path, "a.sql"), "select 1\nfrom {{ ref('x') }}\n");
        var diagnostic = new Diagnostic(DiagnosticSeverity.Error, "DBT200", "unknown", new SourceSpan("a.sql", 2, 6));
        Assert.Equal("a.sql(2,6): error DBT200: unknown\n    from {{ ref('x') }}\n         ^", diagnostic.Format(temp.Path));
    }

    [Fact]
    public void Format_WithoutFile_IsOneLine()
    {
        var diagnostic = new Diagnostic(DiagnosticSeverity.Warning, "DBT130", "declared", new SourceSpan("models/x.yml", 3, 5));
        Assert.Equal("models/x.yml(3,5): warning DBT130: declared", diagnostic.Format("/nonexistent"));
    }
}
