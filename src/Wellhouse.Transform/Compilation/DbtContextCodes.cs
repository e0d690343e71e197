namespace Wellhouse.Transform.Compilation;

/// <summary>Diagnostic codes of database access while compiling (the DBT3xx range of the dbt context).</summary>
internal static class DbtContextCodes
{
    /// <summary>A statement run for a template (run_query, statement, adapter) failed in the database.</summary>
    public const string DatabaseError = "DBT310";

    /// <summary>dbt's <c>MacroResultAlreadyLoadedError</c>: a statement result loaded twice.</summary>
    public const string ResultAlreadyLoaded = "DBT311";
}
