using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// Turns a node's raw code into SQL just before it runs (the front end's compiler; tests pass SQL through). Returns the
/// compiled SQL, or throws <see cref="NodeCompilationException"/> with a formatted diagnostic.
/// </summary>
internal interface INodeCompiler
{
    string Compile(Node node);

    /// <summary>Renders a hook or operation (see <c>Compiler.RenderSnippet</c>); throws
    /// <see cref="NodeCompilationException"/> with the formatted diagnostic.</summary>
    string RenderSnippet(string jinja, SourceSpan definedAt, Node? node, IReadOnlyDictionary<string, object?>? extraGlobals = null);

    /// <summary>The project's <c>{% materialization %}</c> block that builds the model, or null when the engine's own
    /// materialization does; throws <see cref="NodeCompilationException"/> when there is none (dbt's message).</summary>
    Compilation.MaterializationEntry? FindMaterialization(Node node, string adapterType);

    /// <summary>Runs a custom materialization (see <c>Compiler.RunMaterialization</c>): the <c>main</c> statement's
    /// SQL, response and table; throws <see cref="NodeCompilationException"/> with the formatted diagnostic.</summary>
    Compilation.MaterializationResult RunMaterialization(Node node, string? compiledSql, Compilation.MaterializationEntry entry);
}

/// <summary>A node could not be compiled; the message is the formatted diagnostic (file, line, column).</summary>
public sealed class NodeCompilationException : Exception
{
    public NodeCompilationException()
    {
    }

    public NodeCompilationException(string message)
        : base(message)
    {
    }

    public NodeCompilationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The node's templates failed on a database query (run_query, statement): dbt reports a "Database Error".</summary>
    public bool IsDatabaseError { get; init; }
}

/// <summary>Uses the node's raw code as its SQL (for nodes built by hand).</summary>
internal sealed class PassThroughCompiler : INodeCompiler
{
    public static PassThroughCompiler Instance { get; } = new();

    public string Compile(Node node) => node.RawCode;

    public string RenderSnippet(string jinja, SourceSpan definedAt, Node? node, IReadOnlyDictionary<string, object?>? extraGlobals = null) => jinja;

    public Compilation.MaterializationEntry? FindMaterialization(Node node, string adapterType) => null;

    public Compilation.MaterializationResult RunMaterialization(Node node, string? compiledSql, Compilation.MaterializationEntry entry) =>
        throw new NodeCompilationException("custom materializations need a project");
}
