using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace Wellhouse.Transform.Project.Packages;

/// <summary>
/// The dbt package hub's API as dbt's registry client reads it: <c>{hub}/api/v1/{org}/{name}.json</c> lists the
/// versions, each with <c>downloads.tarball</c>. The newest version that satisfies every part of the entry's
/// <c>version</c> (<c>1.1.1</c>, <c>"&gt;=1.0.0"</c>, <c>["&gt;=1.0.0", "&lt;2.0.0"]</c>) is installed; prereleases only
/// with <c>install-prerelease: true</c> or when asked for exactly.
/// </summary>
internal static class HubClient
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static (string Name, string Version, string Tarball) Resolve(string hubUrl, PackageSpec spec, CancellationToken cancellationToken)
    {
        var url = hubUrl.TrimEnd('/') + "/api/v1/" + spec.Source + ".json";
        using var document = JsonDocument.Parse(Get(url, hubUrl, cancellationToken));
        var root = document.RootElement;
        if (!root.TryGetProperty("versions", out var versions) || versions.ValueKind != JsonValueKind.Object)
        {
            throw new PackageInstallException($"the hub's answer for '{spec.Source}' has no versions ({url})");
        }

        var prerelease = spec.Raw.GetValueOrDefault("install-prerelease") is true;
        var chosen = versions.EnumerateObject()
            .Select(v => (Text: v.Name, Parsed: SemVersion.TryParse(v.Name), Element: v.Value))
            .Where(v => v.Parsed is not null && spec.Versions.All(r => SemVersion.Satisfies(v.Parsed, r)) && (prerelease || v.Parsed.Prerelease.Length == 0 || spec.Versions.Contains(v.Text)))
            .OrderByDescending(v => v.Parsed!)
            .FirstOrDefault();
        if (chosen.Parsed is null)
        {
            throw new PackageInstallException($"no version of '{spec.Source}' on the hub satisfies {string.Join(", ", spec.Versions)} (available: {string.Join(", ", versions.EnumerateObject().Select(v => v.Name))})");
        }

        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : spec.Source.Split('/')[^1];
        var tarball = chosen.Element.TryGetProperty("downloads", out var downloads) && downloads.TryGetProperty("tarball", out var t) ? t.GetString() : null;
        return (name, chosen.Text, tarball ?? throw new PackageInstallException($"the hub lists no tarball for {spec.Source} {chosen.Text}"));
    }

    /// <summary>Downloads a .tar.gz and extracts it into <paramref name="folder"/>; returns the folder holding dbt_project.yml.</summary>
    public static string DownloadAndExtract(string url, string folder, CancellationToken cancellationToken)
    {
        var bytes = Get(url, url, cancellationToken);
        Directory.CreateDirectory(folder);
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            TarFile.ExtractToDirectory(gzip, folder, overwriteFiles: true);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException)
        {
            throw new PackageInstallException($"'{url}' is not a .tar.gz archive: {ex.Message}");
        }

        if (File.Exists(Path.Combine(folder, "dbt_project.yml")))
        {
            return folder;
        }

        return Directory.EnumerateDirectories(folder).FirstOrDefault(d => File.Exists(Path.Combine(d, "dbt_project.yml")))
            ?? throw new PackageInstallException($"the archive '{url}' holds no dbt_project.yml");
    }

    private static byte[] Get(string url, string what, CancellationToken cancellationToken)
    {
        try
        {
            using var response = Http.GetAsync(new Uri(url), cancellationToken).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
            {
                throw new PackageInstallException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            return response.Content.ReadAsByteArrayAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            var reason = ex is TaskCanceledException ? "timed out" : (ex.InnerException?.Message ?? ex.Message);
            throw new PackageInstallException($"cannot reach {what} ({reason})");
        }
    }
}

/// <summary>A semantic version (major.minor.patch[-prerelease]) and dbt's version-range comparisons.</summary>
internal sealed record SemVersion(int Major, int Minor, int Patch, string Prerelease) : IComparable<SemVersion>
{
    public static SemVersion? TryParse(string text)
    {
        var core = text.Trim().TrimStart('v');
        var dash = core.IndexOf('-', StringComparison.Ordinal);
        var pre = dash >= 0 ? core[(dash + 1)..] : string.Empty;
        var parts = (dash >= 0 ? core[..dash] : core).Split('.');
        if (parts.Length is < 1 or > 3 || !parts.All(p => int.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            return null;
        }

        int Part(int i) => i < parts.Length ? int.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new SemVersion(Part(0), Part(1), Part(2), pre);
    }

    /// <summary>Whether this version satisfies one range part: <c>1.2.3</c>, <c>=1.2.3</c>, <c>&gt;=</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&lt;</c>.</summary>
    public static bool Satisfies(SemVersion version, string range)
    {
        var text = range.Trim();
        var op = new[] { ">=", "<=", ">", "<", "=" }.FirstOrDefault(o => text.StartsWith(o, StringComparison.Ordinal)) ?? "=";
        var bound = TryParse(text[(text.StartsWith(op, StringComparison.Ordinal) ? op.Length : 0)..]);
        if (bound is null)
        {
            throw new PackageInstallException($"'{range}' is not a version or version range");
        }

        var c = version.CompareTo(bound);
        return op switch
        {
            ">=" => c >= 0,
            "<=" => c <= 0,
            ">" => c > 0,
            "<" => c < 0,
            _ => c == 0,
        };
    }

    public int CompareTo(SemVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (c != 0)
        {
            return c;
        }

        // A release sorts after its prereleases.
        return (Prerelease.Length == 0, other.Prerelease.Length == 0) switch
        {
            (true, true) => 0,
            (true, false) => 1,
            (false, true) => -1,
            _ => string.CompareOrdinal(Prerelease, other.Prerelease),
        };
    }
}
