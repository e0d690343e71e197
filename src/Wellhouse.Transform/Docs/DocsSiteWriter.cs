using System.Reflection;
using System.Text;
using System.Text.Json;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Docs;

/// <summary>
/// Writes target/index.html: one self-contained file, the embedded template (<c>Docs/Site/index.html</c>) with the
/// stylesheet, the scripts and the site data (<see cref="DocsSiteData"/>) inlined, so it opens from disk with no
/// network. The JSON is written with System.Text.Json's default encoder, which escapes <c>&lt;</c>, <c>&gt;</c> and
/// <c>&amp;</c>, so SQL containing <c>&lt;/script&gt;</c> cannot end the data block.
/// </summary>
internal static class DocsSiteWriter
{
    /// <summary>The scripts in load order: helpers, the graph layout and drawing, then the page.</summary>
    private static readonly string[] Scripts = ["dom.js", "markdown.js", "layout.js", "graph.js", "app.js"];

    public static void Write(LoadedProject project, Catalog catalog, string path, DateTimeOffset generatedAt)
    {
        var html = Render(project, catalog, generatedAt);
        var temporary = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temporary, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }

    public static string Render(LoadedProject project, Catalog catalog, DateTimeOffset generatedAt)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            DocsSiteData.Write(json, project, catalog, generatedAt);
        }

        var data = Encoding.UTF8.GetString(buffer.ToArray());
        var script = string.Join("\n", Scripts.Select(Resource));
        return Resource("index.html")
            .Replace("{{title}}", System.Net.WebUtility.HtmlEncode(project.Name) + " docs", StringComparison.Ordinal)
            .Replace("/*{{style}}*/", Resource("site.css"), StringComparison.Ordinal)
            .Replace("/*{{script}}*/", script, StringComparison.Ordinal)
            .Replace("/*{{data}}*/", data, StringComparison.Ordinal); // last: the data is user text
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Wellhouse.Transform.DocsSite." + name)
            ?? throw new InvalidOperationException("embedded docs site resource missing: " + name);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
