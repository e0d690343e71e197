using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Compilation;

/// <summary>What rendering a snippet gave: the SQL, or the error (located at the snippet's definition when Jinja
/// gives no place of its own).</summary>
public sealed record SnippetResult(string? Sql, Diagnostic? Error)
{
    public bool Success => Error is null;
}

public sealed partial class Compiler
{
    /// <summary>
    /// Renders Jinja that is not a node's own code, when it runs (<c>execute</c> is true): a model's pre-/post-hook in
    /// the model's context (<c>this</c>, <c>model</c>, <c>config</c>), an <c>on-run-start</c>/<c>on-run-end</c> hook or a
    /// <c>run-operation</c> call with no node. <paramref name="extraGlobals"/> adds names (<c>results</c>,
    /// <c>schemas</c> for <c>on-run-end</c>). A <c>return()</c> outside a macro gives its value as the text, as dbt does.
    /// </summary>
    public SnippetResult RenderSnippet(string jinja, SourceSpan definedAt, Node? node = null, IReadOnlyDictionary<string, object?>? extraGlobals = null)
    {
        try
        {
            var template = project.Templates.Parse(jinja, definedAt.File);
            var globals = context.CreateGlobals(new RenderState(node, RenderPhase.Compile));
            foreach (var (key, value) in extraGlobals ?? new Dictionary<string, object?>())
            {
                globals[key] = value;
            }

            return new SnippetResult(template.Render(globals), null);
        }
        catch (DiagnosticException ex)
        {
            return new SnippetResult(null, Located(ex.Diagnostic, definedAt));
        }
        catch (JinjaException ex)
        {
            return new SnippetResult(null, Located(new Diagnostic(DiagnosticSeverity.Error, ex.Code, ex.Message, ex.Span), definedAt));
        }
        catch (JinjaReturnException ex)
        {
            return new SnippetResult(PythonRepr.Str(ex.Value), null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or KeyNotFoundException or InvalidCastException or FormatException or OverflowException or NullReferenceException)
        {
            return new SnippetResult(null, new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.CompilerError, "could not render: " + ex.Message, definedAt));
        }
    }

    /// <summary>A snippet's own line numbers count from its first line, so an error in the snippet itself is placed
    /// where the snippet is defined; an error inside a macro it calls keeps the macro's file and line.</summary>
    private static Diagnostic Located(Diagnostic diagnostic, SourceSpan definedAt) =>
        diagnostic.Span.File.Length == 0 || diagnostic.Span.File == definedAt.File ? diagnostic with { Span = definedAt } : diagnostic;
}
