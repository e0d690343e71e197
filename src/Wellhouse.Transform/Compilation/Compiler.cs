using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// Compiles nodes of a loaded project: renders the node's Jinja in the dbt context (execute = true), injects the
/// ephemeral models it references as CTEs named <c>__dbt__cte__&lt;name&gt;</c>, and for generic tests calls the
/// test macro with the test's rendered keyword arguments. Thread-safe: nodes may be compiled in parallel.
/// </summary>
public sealed partial class Compiler
{
    private readonly LoadedProject project;
    private readonly DbtContext context;
    private readonly CompileHooks? hooks;

    public Compiler(LoadedProject project, CompileHooks? hooks = null)
    {
        this.project = project;
        this.hooks = hooks;
        context = new DbtContext(project.Services, hooks);
    }

    /// <summary>Compiles <paramref name="node"/>, setting <see cref="Node.CompiledCode"/> on success.</summary>
    public CompileResult Compile(Node node)
    {
        if (node.ResourceType == ResourceType.Seed || node.Language == "csharp")
        {
            node.CompiledCode = string.Empty;
            return new CompileResult { Node = node, CompiledCode = string.Empty };
        }

        try
        {
            if (node.ResourceType == ResourceType.UnitTest)
            {
                return CompileUnitTest(node);
            }

            var state = new RenderState(node, RenderPhase.Compile);
            var sql = RenderNode(node, state);
            var ctes = new List<(string Name, string Sql)>();
            CollectEphemerals(state.EphemeralRefs, ctes, [node.UniqueId]);
            var compiled = CteInjector.Inject(sql, ctes);
            node.CompiledCode = compiled;
            return new CompileResult { Node = node, CompiledCode = compiled, Diagnostics = state.Warnings };
        }
        catch (DiagnosticException ex)
        {
            return Failed(node, ex.Diagnostic);
        }
        catch (JinjaException ex)
        {
            return Failed(node, new Diagnostic(DiagnosticSeverity.Error, ex.Code, ex.Message, ex.Span));
        }
        catch (JinjaReturnException ex)
        {
            // return() outside any macro: dbt renders the value as the node's text.
            var text = Project.PythonRepr.Str(ex.Value);
            node.CompiledCode = text;
            return new CompileResult { Node = node, CompiledCode = text };
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or KeyNotFoundException or InvalidCastException or FormatException or OverflowException or NullReferenceException)
        {
            return Failed(node, new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.CompilerError, "could not compile: " + ex.Message, node.DefinedAt));
        }
    }

    private static CompileResult Failed(Node node, Diagnostic diagnostic)
    {
        var located = diagnostic.Span.File.Length == 0 ? diagnostic with { Span = node.DefinedAt } : diagnostic;
        return new CompileResult { Node = node, Diagnostics = [located] };
    }

    private string RenderNode(Node node, RenderState state)
    {
        if (node.TestMetadata is not null)
        {
            return GenericTestRenderer.Render(context, node, state);
        }

        var template = project.Templates.NodeTemplates[node.UniqueId];
        return template.Render(context.CreateGlobals(state));
    }

    /// <summary>Ephemeral refs, their own ephemeral refs first, each once (dbt's extra_ctes order).</summary>
    private void CollectEphemerals(List<Node> refs, List<(string Name, string Sql)> ctes, HashSet<string> seen)
    {
        foreach (var ephemeral in refs)
        {
            if (!seen.Add(ephemeral.UniqueId))
            {
                continue;
            }

            var state = new RenderState(ephemeral, RenderPhase.Compile);
            var sql = RenderNode(ephemeral, state);
            CollectEphemerals(state.EphemeralRefs, ctes, seen);
            ctes.Add(("__dbt__cte__" + ephemeral.Name, sql));
        }
    }
}
