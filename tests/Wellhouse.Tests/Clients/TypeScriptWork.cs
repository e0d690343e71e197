namespace Wellhouse.Tests.Clients;

/// <summary>
/// A scratch folder under tests/clients/work (so node_modules resolves from it) where TypeScript is generated and
/// checked: copies of sources, types that openapi-typescript generates from one OpenAPI document, tsc. Deleted at the end.
/// </summary>
internal sealed class TypeScriptWork : IDisposable
{
    public TypeScriptWork()
    {
        Dir = Path.Combine(NodeTools.Dir, "work", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }

    /// <summary>Copies the files of <paramref name="from"/> that match <paramref name="pattern"/> to <paramref name="to"/>, a path in the work folder.</summary>
    public void Copy(string from, string pattern, string to, bool recursive = true)
    {
        foreach (var file in Directory.EnumerateFiles(from, pattern, recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly))
        {
            var target = Path.Combine(Dir, to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>openapi-typescript on the document's text, into <paramref name="output"/> (a path in the work folder).</summary>
    public async Task GenerateTypesAsync(string document, string output)
    {
        var input = Path.Combine(Dir, $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(input, document);
        var target = Path.Combine(Dir, output);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var (code, _, error) = await NodeTools.RunAsync("openapi-typescript", input, "-o", target);
        Assert.True(code == 0, $"openapi-typescript exited {code}: {error}");
    }

    /// <summary>tsc on a tsconfig of the work folder; its diagnostics are on stdout.</summary>
    public Task<(int Code, string Out, string Err)> TscAsync(string project) => NodeTools.RunAsync("tsc", "-p", Path.Combine(Dir, project));

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
