using System.Globalization;
using System.Text.RegularExpressions;

namespace Wellhouse.Transform.Project.Packages;

/// <summary>How a version specifier bounds a version: dbt's matchers <c>=</c> (also written with no matcher),
/// <c>&gt;</c>, <c>&gt;=</c>, <c>&lt;</c>, <c>&lt;=</c>.</summary>
internal enum VersionMatcher
{
    Exact,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
}

/// <summary>
/// A semantic version as dbt's package versions are written: <c>MAJOR.MINOR.PATCH</c> (numbers without leading
/// zeros), an optional prerelease (<c>-rc1</c>, also written <c>rc1</c>; dot-separated identifiers) and build
/// (<c>+build</c>, ignored when comparing). Ordered as semver orders them: a release after its prereleases,
/// prerelease identifiers numeric (as numbers) before alphanumeric (as text).
/// </summary>
internal sealed record PackageVersion(long Major, long Minor, long Patch, string? Prerelease, string? Build) : IComparable<PackageVersion>
{
    public bool IsPrerelease => Prerelease is { Length: > 0 };

    public int CompareTo(PackageVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var core = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (core != 0)
        {
            return core;
        }

        return (IsPrerelease, other.IsPrerelease) switch
        {
            (false, false) => 0,
            (false, true) => 1,
            (true, false) => -1,
            _ => ComparePrerelease(Prerelease!, other.Prerelease!),
        };
    }

    public bool SameCore(PackageVersion other) => (Major, Minor, Patch) == (other.Major, other.Minor, other.Patch);

    private static int ComparePrerelease(string a, string b)
    {
        var left = a.Split('.');
        var right = b.Split('.');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var leftNumber = long.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var l);
            var rightNumber = long.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var r);
            var c = (leftNumber, rightNumber) switch
            {
                (true, true) => l.CompareTo(r),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(left[i], right[i]),
            };
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}{(IsPrerelease ? "-" + Prerelease : string.Empty)}{(Build is { Length: > 0 } ? "+" + Build : string.Empty)}";
}

/// <summary>One part of a package's <c>version:</c> (<c>1.2.3</c>, <c>"&gt;=1.0.0"</c>, <c>"&lt;2.0.0"</c>): a matcher and a
/// version. Printed as dbt prints it, an exact one with <c>=</c> (<c>=1.2.3</c>).</summary>
internal sealed record VersionSpecifier(VersionMatcher Matcher, PackageVersion Version)
{
    // dbt's grammar: optional matcher, MAJOR.MINOR.PATCH without leading zeros, prerelease (its dash optional), build.
    private static readonly Regex Grammar = new(
        @"^(?<matcher>>=|>|<=|<|=)?(?<major>0|[1-9]\d*)\.(?<minor>0|[1-9]\d*)\.(?<patch>0|[1-9]\d*)"
        + @"(?:-?(?<pre>(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
        + @"(?:\+(?<build>[0-9A-Za-z-]*(?:\.[0-9A-Za-z-]*)*))?$",
        RegexOptions.CultureInvariant);

    public static VersionSpecifier? TryParse(string text)
    {
        var match = Grammar.Match(text);
        if (!match.Success)
        {
            return null;
        }

        var matcher = match.Groups["matcher"].Value switch
        {
            ">" => VersionMatcher.Greater,
            ">=" => VersionMatcher.GreaterOrEqual,
            "<" => VersionMatcher.Less,
            "<=" => VersionMatcher.LessOrEqual,
            _ => VersionMatcher.Exact,
        };
        long Number(string group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        var pre = match.Groups["pre"].Success ? match.Groups["pre"].Value : null;
        var build = match.Groups["build"].Success ? match.Groups["build"].Value : null;
        return new VersionSpecifier(matcher, new PackageVersion(Number("major"), Number("minor"), Number("patch"), pre, build));
    }

    /// <summary>dbt's message for a version it cannot read: <c>"0.8" is not a valid semantic version.</c></summary>
    public static VersionSpecifier Parse(string text) =>
        TryParse(text) ?? throw new PackageInstallException($"\"{text}\" is not a valid semantic version.");

    public bool IsLower => Matcher is VersionMatcher.Greater or VersionMatcher.GreaterOrEqual;

    public bool IsUpper => Matcher is VersionMatcher.Less or VersionMatcher.LessOrEqual;

    /// <summary>Whether <paramref name="version"/> is on the allowed side of this bound. As in dbt, <c>&lt;2.0.0</c> also
    /// keeps out the prereleases of 2.0.0 (<c>2.0.0-rc1</c>), which semver orders before 2.0.0.</summary>
    public bool Allows(PackageVersion version)
    {
        var c = version.CompareTo(Version);
        return Matcher switch
        {
            VersionMatcher.Exact => c == 0,
            VersionMatcher.Greater => c > 0,
            VersionMatcher.GreaterOrEqual => c >= 0,
            VersionMatcher.LessOrEqual => c <= 0,
            _ => c < 0 && !(version.IsPrerelease && !Version.IsPrerelease && version.SameCore(Version)),
        };
    }

    public override string ToString() => Matcher switch
    {
        VersionMatcher.Greater => ">",
        VersionMatcher.GreaterOrEqual => ">=",
        VersionMatcher.Less => "<",
        VersionMatcher.LessOrEqual => "<=",
        _ => "=",
    } + Version;
}

/// <summary>
/// The versions every specifier of a package allows, as dbt reduces them (dbt docs "Packages": "dbt will resolve
/// version ranges across all of your packages"): the tightest lower bound (a strict one over an inclusive one of the
/// same version), the tightest upper bound, and an exact version that must lie within both. Null bounds are open.
/// </summary>
internal sealed record VersionRange(VersionSpecifier? Lower, VersionSpecifier? Upper)
{
    public static readonly VersionRange Any = new(null, null);

    /// <summary>The range all <paramref name="specifiers"/> allow, or null when they conflict (no version could satisfy
    /// all of them).</summary>
    public static VersionRange? Reduce(IEnumerable<VersionSpecifier> specifiers)
    {
        VersionSpecifier? lower = null, upper = null, exact = null;
        foreach (var s in specifiers)
        {
            if (s.Matcher == VersionMatcher.Exact)
            {
                if (exact is not null && exact.Version.CompareTo(s.Version) != 0)
                {
                    return null;
                }

                exact ??= s;
            }
            else if (s.IsLower)
            {
                lower = lower is null ? s : Tighter(lower, s, higher: true);
            }
            else
            {
                upper = upper is null ? s : Tighter(upper, s, higher: false);
            }
        }

        if (exact is not null)
        {
            return (lower?.Allows(exact.Version) ?? true) && (upper?.Allows(exact.Version) ?? true) ? new VersionRange(exact, exact) : null;
        }

        if (lower is not null && upper is not null)
        {
            var c = lower.Version.CompareTo(upper.Version);
            if (c > 0 || (c == 0 && (lower.Matcher == VersionMatcher.Greater || upper.Matcher == VersionMatcher.Less)))
            {
                return null;
            }
        }

        return new VersionRange(lower, upper);
    }

    /// <summary>Of two lower (or upper) bounds, the one that allows less.</summary>
    private static VersionSpecifier Tighter(VersionSpecifier a, VersionSpecifier b, bool higher)
    {
        var c = a.Version.CompareTo(b.Version);
        if (c == 0)
        {
            return a.Matcher is VersionMatcher.Greater or VersionMatcher.Less ? a : b;
        }

        return (c > 0) == higher ? a : b;
    }

    public bool Allows(PackageVersion version) => (Lower?.Allows(version) ?? true) && (Upper?.Allows(version) ?? true);

    /// <summary>As dbt prints a range: <c>&gt;=1.0.0, &lt;2.0.0</c>, an exact one <c>=1.2.3, =1.2.3</c>, no bounds <c>ANY</c>.</summary>
    public override string ToString() =>
        Lower is null && Upper is null ? "ANY" : string.Join(", ", new[] { Lower, Upper }.Where(b => b is not null));
}
