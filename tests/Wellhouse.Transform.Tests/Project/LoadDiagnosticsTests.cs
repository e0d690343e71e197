using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Project;

/// <summary>Fixture projects that must fail, each with a precise diagnostic.</summary>
public class LoadDiagnosticsTests
{
    private static List<Diagnostic> Errors(string name, IReadOnlyDictionary<string, ICSharpModel>? csharp = null)
    {
        var result = Fixtures.Load(name, csharp: csharp);
        Assert.False(result.Success);
        Assert.Null(result.Project);
        return result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    private static void AssertDiagnostic(Diagnostic diagnostic, string code, string file, int line, int column, string message)
    {
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal(new SourceSpan(file, line, column), diagnostic.Span);
    }

    [Fact]
    public void Load_BrokenYaml_ReportsPosition()
    {
        var error = Assert.Single(Errors("bad_yaml"));
        Assert.Equal("DBT100", error.Code);
        Assert.Equal("models/schema.yml", error.Span.File);
        Assert.True(error.Span.Line >= 4, error.Format(null));
    }

    [Fact]
    public void Load_UnknownRefAndSource_ReportsEachCall()
    {
        var errors = Errors("unknown_ref");
        Assert.Equal(2, errors.Count);
        AssertDiagnostic(errors[0], "DBT200", "models/a.sql", 3, 19, "model 'a' depends on a node named 'missing_model' which was not found");
        AssertDiagnostic(errors[1], "DBT201", "models/b.sql", 1, 18, "model 'b' depends on a source named 'nowhere.table' which was not found");
    }

    [Fact]
    public void Load_Cycle_ReportsPath()
    {
        var error = Assert.Single(Errors("cycle"));
        AssertDiagnostic(error, "DBT202", "models/a.sql", 1, 1, "found a cycle: a -> c -> b -> a");
    }

    [Fact]
    public void Load_MissingProfile_PointsAtProfileKey()
    {
        var error = Assert.Single(Errors("missing_profile"));
        AssertDiagnostic(error, "DBT110", "dbt_project.yml", 2, 10, "profile 'p' not found in profiles.yml");
    }

    [Fact]
    public void Load_MissingTarget_NamesKnownOutputs()
    {
        var error = Assert.Single(Errors("missing_target"));
        AssertDiagnostic(error, "DBT111", "profiles.yml", 4, 5, "target 'staging' not found in profile 'p' (outputs: dev)");
    }

    [Fact]
    public void Load_JinjaSyntaxError_IsJinja001()
    {
        var error = Assert.Single(Errors("jinja_syntax"));
        Assert.Equal("JINJA001", error.Code);
        Assert.Equal("models/a.sql", error.Span.File);
        Assert.True(error.Span.Line >= 2, error.Format(null));
    }

    [Fact]
    public void Load_UnknownKeys_ReportsEach()
    {
        var errors = Errors("unknown_key");
        Assert.Equal(3, errors.Count);
        AssertDiagnostic(errors[0], "DBT101", "dbt_project.yml", 4, 1, "unknown key 'modelz' in dbt_project.yml");
        AssertDiagnostic(errors[1], "DBT101", "models/schema.yml", 4, 5, "unknown key 'descripton' in model 'a'");
        AssertDiagnostic(errors[2], "DBT101", "models/schema.yml", 7, 9, "unknown key 'test' in column 'id'");
    }

    [Fact]
    public void Load_ManyErrors_CollectsAll()
    {
        var errors = Errors("many_errors").OrderBy(e => e.Code, StringComparer.Ordinal).ToList();
        Assert.Equal(["DBT200", "DBT204", "DBT205", "DBT300", "DBT301"], errors.Select(e => e.Code));
        Assert.Equal("documentation for 'missing_block' not found", errors[1].Message);
        Assert.Equal("models/schema.yml", errors[1].Span.File);
        Assert.Equal("no generic test named 'no_such_test' (macro 'test_no_such_test') was found", errors[2].Message);
        Assert.Equal(new SourceSpan("models/schema.yml", 7, 22), errors[2].Span);
        Assert.Equal("required var 'undefined_var' not found in config (vars supplied: none)", errors[3].Message);
        Assert.Equal("models/b.sql", errors[3].Span.File);
        Assert.Equal("env var required but not provided: 'WELLHOUSE_SURELY_UNSET_VAR'", errors[4].Message);
    }
}
