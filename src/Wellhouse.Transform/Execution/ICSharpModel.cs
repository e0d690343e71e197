using Wellhouse.Transform.Execution.Models;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// A model implemented in C# (the counterpart of dbt's Python models). The host application registers it; a schema
/// .yml declares a model of the same name (no .sql file) with its description, columns and tests. It reads its
/// upstream relations through <see cref="CSharpModelContext.Ref"/> and <see cref="CSharpModelContext.Read"/> and writes
/// its result table to <see cref="CSharpModelContext.Target"/> (<see cref="CSharpModelContext.CreateTargetAsync"/>,
/// <see cref="CSharpModelContext.OpenWriter"/>), without knowing the engine (DuckDB's appender, PostgreSQL's binary
/// COPY: <see cref="ModelStorage"/>); the engine then swaps it into place like a table model.
/// A C# model configured <c>materialized: incremental</c> whose table exists (and no full refresh) runs with
/// <see cref="CSharpModelContext.IsIncremental"/> true and its own table as the target: it adds its new rows there
/// (and deletes what it replaces). Those writes are not staged, so a model that fails halfway leaves them.
/// </summary>
public interface ICSharpModel
{
    /// <summary>The model's name, as declared in the schema .yml.</summary>
    string Name { get; }

    /// <summary>The models (or seeds) it reads, by name: its refs, for the graph, selection and lineage.</summary>
    IReadOnlyList<string> DependsOn { get; }

    /// <summary>Builds the result into <see cref="CSharpModelContext.Target"/> (a fresh relation that does not exist yet).</summary>
    Task ExecuteAsync(CSharpModelContext context, CancellationToken cancellationToken);
}

/// <summary>What a C# model sees while it runs.</summary>
public sealed class CSharpModelContext
{
    /// <summary>The target database, as the model reads and writes it.</summary>
    public required ModelStorage Storage { get; init; }

    /// <summary>The model's node (name, config, columns).</summary>
    public required Node Node { get; init; }

    /// <summary>The relation to create and fill (a temporary name the engine renames into place); for an incremental
    /// run, the model's existing table, to add to.</summary>
    public required Relation Target { get; init; }

    /// <summary>dbt's <c>is_incremental()</c> for this model: <see cref="Target"/> is its existing table, not a new one.</summary>
    public bool IsIncremental { get; init; }

    /// <summary>Resolves a ref by name to the upstream relation.</summary>
    public required Func<string, Relation> Ref { get; init; }

    /// <summary>Project vars (after <c>--vars</c>), by name.</summary>
    public required IReadOnlyDictionary<string, object?> Vars { get; init; }

    public Action<string>? Log { get; init; }

    /// <summary>Statements the engine runs on the target once it is created (Citus's distribution), before rows go in.</summary>
    internal IReadOnlyList<string> TargetSetup { get; init; } = [];

    private bool targetSetUp;

    /// <summary>Creates <see cref="Target"/> as an empty table of <paramref name="columns"/>.</summary>
    public async Task CreateTargetAsync(IReadOnlyList<ModelColumn> columns, CancellationToken cancellationToken)
    {
        await Storage.CreateTableAsync(Target, columns, cancellationToken).ConfigureAwait(false);
        await SetUpTargetAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A writer of rows into <see cref="Target"/>, whose columns are <paramref name="columns"/>; one per thread.</summary>
    public ModelWriter OpenWriter(IReadOnlyList<ModelColumn> columns) => Storage.OpenWriter(Target, columns);

    /// <summary>The rows of a query (over <see cref="Ref"/>'s relations), on a connection of the reader's own.</summary>
    public ModelReader Read(string sql, CancellationToken cancellationToken) => Storage.Read(sql, cancellationToken);

    /// <summary>Runs a statement (e.g. a delete from <see cref="Target"/>).</summary>
    public Task ExecuteAsync(string sql, CancellationToken cancellationToken) => Storage.ExecuteAsync(sql, cancellationToken);

    /// <summary>Runs <see cref="TargetSetup"/> once (after the target is created; the engine calls it again for a model
    /// that created its table by other means, before the swap).</summary>
    internal async Task SetUpTargetAsync(CancellationToken cancellationToken)
    {
        if (targetSetUp)
        {
            return;
        }

        targetSetUp = true;
        foreach (var statement in TargetSetup)
        {
            await Storage.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The var's value, else <paramref name="defaultValue"/>.</summary>
    public object? Var(string name, object? defaultValue = null) => Vars.TryGetValue(name, out var value) ? value : defaultValue;
}
