using System.Text;
using Wellhouse.Transform.Jinja.Ast;
using Wellhouse.Transform.Jinja.Runtime;

namespace Wellhouse.Transform.Jinja;

/// <summary>A parsed template: render it any number of times, from any thread.</summary>
public sealed class JinjaTemplate
{
    private readonly IReadOnlyList<Node> body;

    internal JinjaTemplate(string filePath, IReadOnlyList<Node> body, IReadOnlyList<JinjaMacro> macros, IReadOnlyList<JinjaDocsBlock> docs)
    {
        FilePath = filePath;
        this.body = body;
        Macros = macros;
        DocsBlocks = docs;
    }

    public string FilePath { get; }

    /// <summary>Top-level <c>{% macro %}</c> and dbt <c>{% test name(...) %}</c> blocks (as macros named
    /// <c>test_name</c>), in file order.</summary>
    public IReadOnlyList<JinjaMacro> Macros { get; }

    /// <summary>dbt's <c>{% materialization %}</c> blocks (read, not run).</summary>
    public IReadOnlyList<JinjaMaterializationBlock> Materializations { get; init; } = [];

    /// <summary>dbt's <c>{% docs name %}</c> blocks, in file order.</summary>
    public IReadOnlyList<JinjaDocsBlock> DocsBlocks { get; }

    /// <summary>Renders with <paramref name="globals"/> as the context (read at lookup time, never copied).</summary>
    /// <exception cref="JinjaException">on a misused undefined value, a type error or a failing call.</exception>
    public string Render(IReadOnlyDictionary<string, object?> globals) => Render(globals, JinjaUndefined.Default);

    /// <summary>dbt's native rendering (dbt-common's NativeSandboxEnvironment, which dbt renders generic test
    /// arguments with): a template that is one <c>{{ expression }}</c> gives the expression's value itself (a
    /// relation, a list, a number); any other template gives its rendered text. An undefined value gives ''.</summary>
    public object? RenderNative(IReadOnlyDictionary<string, object?> globals, JinjaUndefined undefined = JinjaUndefined.Default)
    {
        ArgumentNullException.ThrowIfNull(globals);
        if (body is not [Ast.OutputNode only])
        {
            return Render(globals, undefined);
        }

        var scope = new Scope(new RenderContext(globals, FilePath, undefined == JinjaUndefined.Chainable), null);
        try
        {
            var value = only.Evaluate(scope);
            return value is Undefined ? string.Empty : value;
        }
        catch (SystemException ex)
        {
            throw new JinjaException("JINJA010", ex.Message, new Project.SourceSpan(FilePath, 0, 0), ex);
        }
    }

    /// <summary>Renders with the given kind of undefined value (dbt parses nodes with
    /// <see cref="JinjaUndefined.Chainable"/>).</summary>
    public string Render(IReadOnlyDictionary<string, object?> globals, JinjaUndefined undefined)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var scope = new Scope(new RenderContext(globals, FilePath, undefined == JinjaUndefined.Chainable), null);
        var output = new StringBuilder();
        try
        {
            Node.RenderAll(body, scope, output);
        }
        catch (SystemException ex)
        {
            // Host functions' system exceptions are already JINJA015 at their call; this is the engine's safety net.
            throw new JinjaException("JINJA010", ex.Message, new Project.SourceSpan(FilePath, 0, 0), ex);
        }

        return output.ToString();
    }
}
