namespace Wellhouse.Transform.Graph;

/// <summary>The kinds of node in a dbt project; <see cref="ResourceTypes.ToDbtString"/> gives dbt's spelling.</summary>
public enum ResourceType
{
    Model,
    Seed,
    Test,
    Source,
    Macro,
    Doc,
    UnitTest,

    /// <summary>An analysis (a .sql file under <c>analysis-paths</c>): compiled by <c>compile</c>, never run.</summary>
    Analysis,

    /// <summary>A snapshot (a <c>{% snapshot %}</c> block or a .yml <c>snapshots:</c> entry): a type-2 history table.</summary>
    Snapshot,

    /// <summary>An <c>on-run-start</c>/<c>on-run-end</c> hook (dbt's <c>operation</c> nodes).</summary>
    Operation,

    /// <summary>An exposure as <c>build</c> lists it (dbt 1.10: a no-op result).</summary>
    Exposure,

    /// <summary>A saved query as <c>build</c> lists it (a no-op result).</summary>
    SavedQuery,
}

public static class ResourceTypes
{
    public static string ToDbtString(this ResourceType type) => type switch
    {
        ResourceType.Model => "model",
        ResourceType.Seed => "seed",
        ResourceType.Test => "test",
        ResourceType.Source => "source",
        ResourceType.Macro => "macro",
        ResourceType.Doc => "doc",
        ResourceType.UnitTest => "unit_test",
        ResourceType.Operation => "operation",
        ResourceType.Snapshot => "snapshot",
        ResourceType.Analysis => "analysis",
        ResourceType.Exposure => "exposure",
        ResourceType.SavedQuery => "saved_query",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParse(string text, out ResourceType type)
    {
        foreach (var candidate in Enum.GetValues<ResourceType>())
        {
            if (candidate.ToDbtString() == text)
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
