using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Compilation;

/// <summary>What the back end plugs into compilation: relation checks, incremental state and extra globals.</summary>
public sealed class CompileHooks
{
    /// <summary>Whether a relation exists in the database (for <c>is_incremental()</c> and adapter macros).</summary>
    public Func<Relation, bool>? RelationExists { get; init; }

    /// <summary>dbt's <c>is_incremental()</c> for a node; null means false. <c>DbtRunner</c> answers it from the database:
    /// an incremental model whose relation exists as a table, not being fully refreshed.</summary>
    public Func<Node, bool>? IsIncremental { get; init; }

    /// <summary>Extra globals (e.g. <c>adapter</c>, <c>run_query</c>, <c>statement</c>) added to every render.</summary>
    public IReadOnlyDictionary<string, object?> ExtraGlobals { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>The database for <c>run_query</c>, <c>statement</c> and the <c>adapter</c>'s catalog methods while
    /// compiling; null means none (they then return nothing, as while parsing).</summary>
    internal ICompileDatabase? Database { get; init; }

    /// <summary>The verb running, as dbt's <c>flags.WHICH</c> (<c>build</c>, <c>run</c>, <c>test</c>, <c>seed</c>,
    /// <c>compile</c>).</summary>
    public string Which { get; init; } = "compile";

    /// <summary>dbt's <c>flags.FULL_REFRESH</c> (<c>--full-refresh</c>).</summary>
    public bool FullRefresh { get; init; }

    /// <summary>dbt's <c>flags.STORE_FAILURES</c> (<c>--store-failures</c>).</summary>
    public bool StoreFailures { get; init; }

    /// <summary>dbt's <c>selected_resources</c>: the unique ids the command selected (none while parsing).</summary>
    public IReadOnlyList<string> SelectedResources { get; init; } = [];

    /// <summary>dbt's <c>invocation_args_dict</c>: the command's arguments by dbt's flag names (<c>which</c>,
    /// <c>select</c>, <c>exclude</c>, <c>vars</c>, <c>full_refresh</c>, ...).</summary>
    public IReadOnlyDictionary<string, object?>? InvocationArgs { get; init; }

    /// <summary>Receives <c>log()</c> / <c>print()</c> output and warnings; null to drop them.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>The outcome of compiling one node.</summary>
public sealed class CompileResult
{
    public required Node Node { get; init; }

    public string? CompiledCode { get; init; }

    public IReadOnlyList<Project.Diagnostic> Diagnostics { get; init; } = [];

    public bool Success => CompiledCode is not null && Diagnostics.All(d => d.Severity != Project.DiagnosticSeverity.Error);
}
