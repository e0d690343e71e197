using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Wellhouse.Transform.Tests.Packages;

/// <summary>
/// A dbt package hub on loopback (an <see cref="HttpListener"/> on 127.0.0.1), serving the packages added with
/// <see cref="Add"/> as dbt's hub does: <c>/api/v1/org/name.json</c> lists the versions (each with
/// <c>downloads.tarball</c> and, when given, <c>require_dbt_version</c>) and each tarball is a .tar.gz of a small
/// project made here (dbt_project.yml with the version, a macro naming it, and a packages.yml of its dependencies).
/// Every path asked for is recorded in <see cref="Served"/>.
/// </summary>
internal sealed class LoopbackHub : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Dictionary<string, Dictionary<string, (string Project, string? Packages, string[]? RequireDbt)>> packages = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public LoopbackHub()
    {
        using (var socket = new TcpListener(IPAddress.Loopback, 0))
        {
            socket.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndpoint).Port}/";
        }

        listener.Prefixes.Add(Url);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public List<string> Served { get; } = [];

    /// <summary>Lists version <paramref name="version"/> of <c>org/name</c> (<paramref name="source"/>), a project
    /// named <paramref name="project"/>; <paramref name="packagesYml"/> is its packages.yml (none when null).</summary>
    public LoopbackHub Add(string source, string version, string project, string? packagesYml = null, string[]? requireDbt = null)
    {
        lock (packages)
        {
            if (!packages.TryGetValue(source, out var versions))
            {
                packages[source] = versions = new(StringComparer.Ordinal);
            }

            versions[version] = (project, packagesYml, requireDbt);
        }

        return this;
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            lock (Served)
            {
                Served.Add(path);
            }

            var (status, body) = Answer(path);
            context.Response.StatusCode = status;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private (int Status, byte[] Body) Answer(string path)
    {
        lock (packages)
        {
            foreach (var (source, versions) in packages)
            {
                if (path == $"/api/v1/{source}.json")
                {
                    var entries = versions.Select(v =>
                        $"\"{v.Key}\": {{\"name\": \"{v.Value.Project}\", \"version\": \"{v.Key}\", \"downloads\": {{\"tarball\": \"{Url}tarballs/{source}/{v.Key}.tar.gz\"}}"
                        + (v.Value.RequireDbt is { } require ? ", \"require_dbt_version\": [" + string.Join(", ", require.Select(r => $"\"{r}\"")) + "]" : string.Empty) + "}");
                    var name = versions.Values.First().Project;
                    return (200, Encoding.UTF8.GetBytes($"{{\"name\": \"{name}\", \"namespace\": \"{source.Split('/')[0]}\", \"versions\": {{{string.Join(", ", entries)}}}}}"));
                }

                foreach (var (version, definition) in versions)
                {
                    if (path == $"/tarballs/{source}/{version}.tar.gz")
                    {
                        return (200, Tarball(definition.Project, version, definition.Packages));
                    }
                }
            }
        }

        return (404, Encoding.UTF8.GetBytes("not found"));
    }

    /// <summary>A .tar.gz holding the project under one top folder, as the hub's GitHub tarballs are.</summary>
    private static byte[] Tarball(string project, string version, string? packagesYml)
    {
        var folder = Directory.CreateTempSubdirectory("wellhouse-hub-");
        try
        {
            var root = Path.Combine(folder.FullName, $"{project}-{version}");
            Directory.CreateDirectory(Path.Combine(root, "macros"));
            File.WriteAllText(Path.Combine(root, "dbt_project.yml"), $"name: {project}\nversion: \"{version}\"\nconfig-version: 2\n");
            File.WriteAllText(Path.Combine(root, "macros", "version.sql"), $"{{% macro {project}_version() %}}{version}{{% endmacro %}}\n");
            if (packagesYml is not null)
            {
                File.WriteAllText(Path.Combine(root, "packages.yml"), packagesYml);
            }

            using var memory = new MemoryStream();
            using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
            {
                TarFile.CreateFromDirectory(folder.FullName, gzip, includeBaseDirectory: false);
            }

            return memory.ToArray();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        // Close stops listening and unbinds once (a Stop first would make Close bind the port again to unbind it).
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        stop.Dispose();
    }
}
