namespace Wellhouse.Transform.Project;

/// <summary>
/// One <c>on-run-start</c> or <c>on-run-end</c> statement of the root project or a package, as dbt names it:
/// <c>operation.&lt;package&gt;.&lt;package&gt;-on-run-start-&lt;index&gt;</c>.
/// </summary>
public sealed record RunHook(string PackageName, string Kind, int Index, string Sql, SourceSpan DefinedAt)
{
    public const string Start = "on-run-start";

    public const string End = "on-run-end";

    public string UniqueId => $"operation.{PackageName}.{PackageName}-{Kind}-{Index}";

    public string Name => $"{PackageName}-{Kind}-{Index}";

    /// <summary>
    /// dbt's order for one kind: the packages' hooks by package name, then the root project's, each in file order.
    /// </summary>
    public static IReadOnlyList<RunHook> Ordered(IEnumerable<RunHook> hooks, string kind, string rootProject) =>
        [.. hooks.Where(h => h.Kind == kind)
            .OrderBy(h => h.PackageName == rootProject ? 1 : 0)
            .ThenBy(h => h.PackageName, StringComparer.Ordinal)
            .ThenBy(h => h.Index)];
}
