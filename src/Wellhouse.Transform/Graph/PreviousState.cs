using System.Text.Json;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Graph;

/// <summary>
/// A previous run's artifacts read from <c>--state DIR</c> (dbt docs: "About state"): <c>manifest.json</c> for the
/// <c>state:</c> selectors, <c>run_results.json</c> for the <c>result:</c> selectors. Only the fields the comparisons
/// need are kept, as JSON elements.
/// </summary>
public sealed class PreviousState
{
    /// <summary>The code of every problem with the state folder or its files.</summary>
    public const string DiagnosticCode = "DBT210";

    private PreviousState(string directory) => Directory = directory;

    /// <summary>The absolute folder the artifacts were read from.</summary>
    public string Directory { get; }

    /// <summary>Nodes of the previous manifest by unique id.</summary>
    internal Dictionary<string, JsonElement> Nodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Sources of the previous manifest by unique id.</summary>
    internal Dictionary<string, JsonElement> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary><c>macro_sql</c> of every macro of the previous manifest by unique id.</summary>
    internal Dictionary<string, string> MacroSql { get; } = new(StringComparer.Ordinal);

    /// <summary>unique id -> status of the previous run_results.json; null when the folder has none.</summary>
    public IReadOnlyDictionary<string, string>? Results { get; private set; }

    /// <summary>The <c>args</c> object of run_results.json (the previous command and its flags); null when absent.</summary>
    public JsonElement? ResultArgs { get; private set; }

    /// <summary>
    /// Reads <c>manifest.json</c> (required) and <c>run_results.json</c> (optional) from <paramref name="directory"/>
    /// (relative to <paramref name="baseDirectory"/>); returns null with a diagnostic when the folder or the manifest
    /// is missing or not valid JSON.
    /// </summary>
    public static PreviousState? TryLoad(string directory, string baseDirectory, out Diagnostic? error, bool manifestRequired = true)
    {
        var full = Path.GetFullPath(directory, baseDirectory);
        var state = new PreviousState(full);
        var manifestPath = Path.Combine(full, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            if (manifestRequired)
            {
                error = Error("--state", System.IO.Directory.Exists(full)
                    ? $"--state '{directory}' holds no manifest.json: point it at the target folder of a previous run (dbt run, build, compile or parse writes one)"
                    : $"--state folder '{directory}' does not exist");
                return null;
            }
        }
        else if (!state.ReadManifest(manifestPath, directory, out error))
        {
            return null;
        }

        var resultsPath = Path.Combine(full, "run_results.json");
        if (File.Exists(resultsPath) && !state.ReadResults(resultsPath, directory, out error))
        {
            return null;
        }

        error = null;
        return state;
    }

    private bool ReadManifest(string path, string shown, out Diagnostic? error)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            Copy(root, "nodes", Nodes);
            Copy(root, "sources", Sources);
            Copy(root, "unit_tests", Nodes);
            if (root.TryGetProperty("macros", out var macros) && macros.ValueKind == JsonValueKind.Object)
            {
                foreach (var macro in macros.EnumerateObject())
                {
                    MacroSql[macro.Name] = macro.Value.TryGetProperty("macro_sql", out var sql) ? sql.GetString() ?? string.Empty : string.Empty;
                }
            }

            error = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            error = Error(Path.Combine(shown, "manifest.json"), "cannot read the state manifest: " + ex.Message);
            return false;
        }
    }

    private bool ReadResults(string path, string shown, out Diagnostic? error)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var results = new Dictionary<string, string>(StringComparer.Ordinal);
            if (document.RootElement.TryGetProperty("results", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    if (item.TryGetProperty("unique_id", out var id) && item.TryGetProperty("status", out var status))
                    {
                        results[id.GetString() ?? string.Empty] = status.GetString() ?? string.Empty;
                    }
                }
            }

            Results = results;
            ResultArgs = document.RootElement.TryGetProperty("args", out var args) ? args.Clone() : null;
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            error = Error(Path.Combine(shown, "run_results.json"), "cannot read the state run results: " + ex.Message);
            return false;
        }
    }

    private static void Copy(JsonElement root, string name, Dictionary<string, JsonElement> into)
    {
        if (root.TryGetProperty(name, out var entries) && entries.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in entries.EnumerateObject())
            {
                into[entry.Name] = entry.Value.Clone();
            }
        }
    }

    internal static Diagnostic Error(string where, string message) =>
        new(DiagnosticSeverity.Error, DiagnosticCode, message, new SourceSpan(where, 0, 0));
}
