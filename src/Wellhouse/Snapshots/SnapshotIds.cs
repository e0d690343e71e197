using System.Globalization;
using System.Text.RegularExpressions;

namespace Wellhouse.Snapshots;

/// <summary>
/// Snapshot and run ids: UTC time to the millisecond plus a short random suffix (<c>20261125T210400123Z-3f2a</c>), so
/// they sort by time, never repeat, and are safe as file names. Anything else given as an id is refused before it
/// reaches the file system (no path traversal).
/// </summary>
internal static partial class SnapshotIds
{
    public static string New(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..4];

    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[0-9]{8}T[0-9]{9}Z-[0-9a-f]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
