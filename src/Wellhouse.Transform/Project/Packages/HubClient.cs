using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace Wellhouse.Transform.Project.Packages;

/// <summary>One version a hub lists for a package: its text as the hub writes it, the tarball, and the dbt versions
/// it declares it needs (<c>require_dbt_version</c>, from the package's dbt_project.yml).</summary>
internal sealed record HubVersion(string Text, PackageVersion Version, string? Tarball, IReadOnlyList<string> RequireDbtVersion);

/// <summary>A package as the hub lists it: its project name and versions.</summary>
internal sealed record HubPackage(string Name, IReadOnlyList<HubVersion> Versions);

/// <summary>
/// The dbt package hub's API as dbt's registry client reads it: <c>{hub}/api/v1/{org}/{name}.json</c> lists the
/// versions, each with <c>downloads.tarball</c> and <c>require_dbt_version</c>. Which version is installed is
/// <see cref="PackageResolver"/>'s choice.
/// </summary>
internal static class HubClient
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static HubPackage Read(string hubUrl, string package, CancellationToken cancellationToken)
    {
        var url = hubUrl.TrimEnd('/') + "/api/v1/" + package + ".json";
        using var document = JsonDocument.Parse(Get(url, hubUrl, cancellationToken, notFound: $"Package {package} was not found in the package index ({url} answered 404 Not Found)"));
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("versions", out var versions) || versions.ValueKind != JsonValueKind.Object)
        {
            throw new PackageInstallException($"the hub's answer for '{package}' has no versions ({url})");
        }

        var list = new List<HubVersion>();
        foreach (var entry in versions.EnumerateObject())
        {
            // A version dbt could not read either is left out (the hub lists only semantic versions).
            if (VersionSpecifier.TryParse(entry.Name) is not { Matcher: VersionMatcher.Exact } parsed)
            {
                continue;
            }

            var value = entry.Value;
            var tarball = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("downloads", out var downloads)
                && downloads.ValueKind == JsonValueKind.Object && downloads.TryGetProperty("tarball", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var require = new List<string>();
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("require_dbt_version", out var r))
            {
                if (r.ValueKind == JsonValueKind.String)
                {
                    require.Add(r.GetString()!);
                }
                else if (r.ValueKind == JsonValueKind.Array)
                {
                    require.AddRange(r.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!));
                }
            }

            list.Add(new HubVersion(entry.Name, parsed.Version, tarball, require));
        }

        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : package.Split('/')[^1];
        return new HubPackage(name, list);
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

    private static byte[] Get(string url, string what, CancellationToken cancellationToken, string? notFound = null)
    {
        try
        {
            using var response = Http.GetAsync(new Uri(url), cancellationToken).GetAwaiter().GetResult();
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound && notFound is not null)
            {
                throw new PackageInstallException(notFound);
            }

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
