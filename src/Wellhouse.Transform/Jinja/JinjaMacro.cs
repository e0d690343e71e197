using Wellhouse.Transform.Jinja.Ast;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja;

/// <summary>A top-level macro of a template; bind it to a context to call it.</summary>
public sealed class JinjaMacro
{
    private readonly MacroDefinition definition;
    private readonly string file;

    internal JinjaMacro(MacroDefinition definition, string file)
    {
        this.definition = definition;
        this.file = file;
    }

    public string Name => definition.Name;

    public IReadOnlyList<string> Parameters => definition.Parameters;

    public SourceSpan Span => definition.Span;

    /// <summary>A callable that runs the macro's body with <paramref name="globals"/> as its context. The dictionary
    /// is read at call time, so it may hold this and other bound macros added after binding.</summary>
    public IJinjaCallable Bind(IReadOnlyDictionary<string, object?> globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        return new MacroCallable(definition, new Scope(new RenderContext(globals, file), null));
    }

    public override string ToString() => $"<Macro '{Name}'>";
}
