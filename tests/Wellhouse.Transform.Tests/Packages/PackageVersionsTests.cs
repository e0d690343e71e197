using Wellhouse.Transform.Project.Packages;

namespace Wellhouse.Transform.Tests.Packages;

/// <summary>dbt's semver rules for package versions: the grammar, intersecting specifiers, and which versions a range allows.</summary>
public sealed class PackageVersionsTests
{
    private static VersionRange? Reduce(params string[] parts) => VersionRange.Reduce(parts.Select(VersionSpecifier.Parse));

    private static PackageVersion V(string text) => VersionSpecifier.Parse(text).Version;

    [Theory]
    [InlineData("1.2.3", "=1.2.3")]
    [InlineData("=1.2.3", "=1.2.3")]
    [InlineData(">=0.9.0", ">=0.9.0")]
    [InlineData("<2.0.0", "<2.0.0")]
    [InlineData("1.0.0-rc1", "=1.0.0-rc1")]
    [InlineData("1.0.0rc1", "=1.0.0-rc1")]
    [InlineData("1.0.0+build.5", "=1.0.0+build.5")]
    public void Specifiers_are_read_and_printed_as_dbt_prints_them(string text, string printed) =>
        Assert.Equal(printed, VersionSpecifier.Parse(text).ToString());

    [Theory]
    [InlineData("0.8")]
    [InlineData("1")]
    [InlineData("v1.2.3")]
    [InlineData("01.2.3")]
    [InlineData("~>1.2.3")]
    [InlineData("1.2.3 ")]
    public void Versions_dbt_rejects_are_rejected(string text)
    {
        Assert.Null(VersionSpecifier.TryParse(text));
        var error = Assert.Throws<PackageInstallException>(() => VersionSpecifier.Parse(text));
        Assert.Equal($"\"{text}\" is not a valid semantic version.", error.Message);
    }

    [Theory]
    [InlineData(new[] { ">=1.0.0", "<2.0.0", ">=1.5.0" }, ">=1.5.0, <2.0.0")]
    [InlineData(new[] { ">=1.0.0", "<2.0.0", ">=0.9.0", "<1.5.0" }, ">=1.0.0, <1.5.0")]
    [InlineData(new[] { ">=1.0.0", ">1.0.0" }, ">1.0.0")]
    [InlineData(new[] { "<=2.0.0", "<2.0.0" }, "<2.0.0")]
    [InlineData(new[] { ">=1.0.0", "<=1.0.0" }, ">=1.0.0, <=1.0.0")]
    [InlineData(new[] { "1.2.3", ">=1.0.0", "<2.0.0" }, "=1.2.3, =1.2.3")]
    [InlineData(new[] { "1.2.3", "1.2.3" }, "=1.2.3, =1.2.3")]
    [InlineData(new string[0], "ANY")]
    public void Specifiers_intersect_to_the_tightest_bounds(string[] parts, string range) =>
        Assert.Equal(range, Reduce(parts)?.ToString());

    [Theory]
    [InlineData(">=1.0.0", "<1.0.0")]
    [InlineData(">1.0.0", "<=1.0.0")]
    [InlineData(">=2.0.0", "<1.0.0")]
    [InlineData("1.2.3", "1.2.4")]
    [InlineData("1.2.3", "<1.2.3")]
    [InlineData("1.2.3", ">1.2.3")]
    [InlineData("1.0.0", ">=1.5.0", "<2.0.0")]
    public void Specifiers_that_cannot_all_hold_conflict(params string[] parts) =>
        Assert.Null(Reduce(parts));

    [Theory]
    [InlineData("1.5.0", true)]
    [InlineData("1.0.0", true)]
    [InlineData("0.9.9", false)]
    [InlineData("2.0.0", false)]
    [InlineData("1.9.9-rc1", true)]
    [InlineData("2.0.0-rc1", false)]
    [InlineData("1.0.0-rc1", false)]
    public void A_range_allows_versions_between_its_bounds_and_not_the_prereleases_of_its_open_upper_bound(string version, bool allowed) =>
        Assert.Equal(allowed, Reduce(">=1.0.0", "<2.0.0")!.Allows(V(version)));

    [Fact]
    public void Versions_order_numerically_with_releases_after_their_prereleases()
    {
        string[] ordered = ["0.9.0", "0.10.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc1", "1.0.0", "1.10.0"];

        Assert.Equal(ordered, ordered.Reverse().OrderBy(V).ToArray());
    }
}
