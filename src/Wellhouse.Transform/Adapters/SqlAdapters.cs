using Wellhouse.Transform.Adapters.Postgres;

namespace Wellhouse.Transform.Adapters;

/// <summary>Opens the adapter of a target's type: <c>duckdb</c> or <c>postgres</c>.</summary>
internal static class SqlAdapters
{
    /// <summary>The adapter types there is an adapter for.</summary>
    public static IReadOnlyList<string> Types { get; } = ["duckdb", "postgres"];

    /// <summary>Opens the target's database; one that cannot be opened (or reached) is an <see cref="AdapterException"/>.</summary>
    public static ISqlAdapter Open(AdapterTarget target) => target.Type switch
    {
        "postgres" => PostgresAdapter.Open(target),
        _ => DuckDbAdapter.Open(target),
    };
}
