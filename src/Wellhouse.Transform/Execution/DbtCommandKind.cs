namespace Wellhouse.Transform.Execution;

/// <summary>Which dbt verb a run executes; it decides which selected nodes run.</summary>
public enum DbtCommandKind
{
    /// <summary>Seeds, models and tests in DAG order, each model's tests before its children.</summary>
    Build,

    /// <summary>Models only.</summary>
    Run,

    /// <summary>Tests only.</summary>
    Test,

    /// <summary>Seeds only.</summary>
    Seed,

    /// <summary>Snapshots only.</summary>
    Snapshot,

    /// <summary>Compile models and tests, execute nothing.</summary>
    Compile,
}
