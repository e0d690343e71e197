using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Compilation;

internal enum RenderPhase
{
    /// <summary>Parse time: dbt's <c>execute</c> is false; ref/source/config calls are recorded.</summary>
    Parse,

    /// <summary>Compile time: refs resolve to relations; ephemeral refs are collected for CTE injection.</summary>
    Compile,
}

/// <summary>What one render of one node records.</summary>
internal sealed class RenderState(Node? node, RenderPhase phase)
{
    public Node? Node { get; } = node;

    public RenderPhase Phase { get; } = phase;

    public List<(RefCall Call, SourceSpan Span)> Refs { get; } = [];

    public List<(string[] Call, SourceSpan Span)> Sources { get; } = [];

    /// <summary>Keyword arguments of the file's <c>config()</c> calls, in call order.</summary>
    public Dictionary<string, object?> ConfigCalls { get; } = new(StringComparer.Ordinal);

    /// <summary>Ephemeral models referenced while compiling, in first-use order.</summary>
    public List<Node> EphemeralRefs { get; } = [];

    public List<Diagnostic> Warnings { get; } = [];

    /// <summary>dbt's <c>sql_results</c>: what <c>statement</c>/<c>store_result</c> stored by name for
    /// <c>load_result</c>; a null value was stored and has been loaded.</summary>
    public Dictionary<string, Dictionary<string, object?>?> StatementResults { get; } = new(StringComparer.Ordinal);

    /// <summary>The SQL of the last <c>statement('main')</c> (a custom materialization's, written to target/run/).</summary>
    public string? MainStatementSql { get; set; }

    /// <summary>Unique ids of the macros called during the render.</summary>
    public HashSet<string> Macros { get; } = new(StringComparer.Ordinal);
}
