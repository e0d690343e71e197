using Wellhouse.Snapshots;

namespace Wellhouse.Refresh;

/// <summary>The refresh modes (docs/architecture.md, "Snapshots").</summary>
internal static class RefreshModes
{
    /// <summary>Every model into an empty snapshot.</summary>
    public const string Full = "full";

    /// <summary>The new snapshot starts from its parent; models process only the wells of the new raw batches.</summary>
    public const string Incremental = "incremental";
}

/// <summary>How a refresh builds: the mode, the parent snapshot it starts from (incremental only), and why.</summary>
internal sealed record RefreshPlan(string Mode, string? ParentId, string Reason)
{
    public bool IsIncremental => Mode == RefreshModes.Incremental;

    /// <summary>
    /// The mode decision: full when asked, when there is no finished parent (the published snapshot), when the parent
    /// recorded no project state, when the project or the raw contract changed since the parent, when a batch the parent
    /// was built from is no longer in the raw store, or when the builder cannot build incrementally; else incremental
    /// on the parent, over the batches the parent does not list.
    /// </summary>
    public static RefreshPlan Decide(bool fullRequested, SnapshotInfo? parent, ProjectState? current,
        IReadOnlyList<string> batches, bool builderIncremental)
    {
        if (fullRequested)
        {
            return new RefreshPlan(RefreshModes.Full, null, "full refresh requested");
        }

        if (parent is null)
        {
            return new RefreshPlan(RefreshModes.Full, null, "no published snapshot to build on");
        }

        if (parent.ProjectState is null || current is null)
        {
            return new RefreshPlan(RefreshModes.Full, null, $"snapshot {parent.Id} recorded no project state");
        }

        var differences = current.Differences(parent.ProjectState);
        if (differences.Count > 0)
        {
            var shown = string.Join(", ", differences.Take(5)) + (differences.Count > 5 ? $" and {differences.Count - 5} more" : string.Empty);
            return new RefreshPlan(RefreshModes.Full, null, $"changed since snapshot {parent.Id}: {shown}");
        }

        var present = batches.ToHashSet(StringComparer.Ordinal);
        var missing = parent.RawBatches.Count(batch => !present.Contains(batch));
        if (missing > 0)
        {
            return new RefreshPlan(RefreshModes.Full, null, $"{missing} raw batch(es) of snapshot {parent.Id} are no longer in the raw store");
        }

        var known = parent.RawBatches.ToHashSet(StringComparer.Ordinal);
        var added = batches.Count(batch => !known.Contains(batch));
        if (!builderIncremental)
        {
            return new RefreshPlan(RefreshModes.Full, null, "the warehouse builder builds full snapshots only");
        }

        return new RefreshPlan(RefreshModes.Incremental, parent.Id, $"{added} new raw batch(es) since snapshot {parent.Id}");
    }

    /// <summary>
    /// An incremental plan turned full when it would recompute more than half of the wells whole (<paramref
    /// name="changed"/> of <paramref name="wells"/>, every batch's; a day well, whose new rows only follow its history,
    /// does not count: <see cref="IncrementalSnapshot.CountWells"/>): recomputing most wells whole on a copy of the
    /// parent costs more than building every well from nothing (measured at 10 M rows, a day for every well recomputed
    /// whole: 111 s against a full build's 91-101 s; as day wells: 49.0 + 36.9 CPU-s against 133.6;
    /// docs/architecture.md, "Snapshots", step 1). Any other plan is returned as it is.
    /// </summary>
    public RefreshPlan WithChangedWells(int changed, int wells) => IsIncremental && changed * 2L > wells
        ? new RefreshPlan(RefreshModes.Full, null, FormattableString.Invariant(
            $"{changed:N0} of {wells:N0} wells to recompute whole since snapshot {ParentId} (more than half: a full build costs less than an incremental one)"))
        : this;
}
