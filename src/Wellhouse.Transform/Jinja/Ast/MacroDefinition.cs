using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary>A macro (or call-block caller): its parameters with default expressions, its body, and whether the
/// body uses the special names <c>varargs</c>, <c>kwargs</c>, <c>caller</c> (which decides, as in Jinja2, whether
/// extra arguments are accepted).</summary>
internal sealed class MacroDefinition(string name, IReadOnlyList<string> parameters, IReadOnlyList<Expr?> defaults, SourceSpan span)
{
    public string Name { get; } = name;

    public IReadOnlyList<string> Parameters { get; } = parameters;

    public IReadOnlyList<Expr?> Defaults { get; } = defaults;

    public SourceSpan Span { get; } = span;

    public IReadOnlyList<Node> Body { get; set; } = [];

    public bool UsesVarargs { get; set; }

    public bool UsesKwargs { get; set; }

    public bool UsesCaller { get; set; }

    /// <summary>A call block's body (prints as <c>&lt;Macro anonymous&gt;</c>).</summary>
    public bool Anonymous { get; init; }
}
