using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Finds and reads <c>profiles.yml</c> as dbt does: <c>--profiles-dir</c>, then the environment variable
/// <c>DBT_PROFILES_DIR</c>, then the project directory, then <c>~/.dbt</c> (dbt docs: "Connection profiles").
/// </summary>
internal static class ProfilesReader
{
    private const string FileName = "profiles.yml";

    public static string? FindProfilesFile(string projectDir, string? profilesDir) =>
        FindProfilesFile(projectDir, profilesDir, Environment.GetEnvironmentVariable("DBT_PROFILES_DIR"));

    /// <summary>As above, with the value of <c>DBT_PROFILES_DIR</c> given.</summary>
    public static string? FindProfilesFile(string projectDir, string? profilesDir, string? env)
    {
        if (profilesDir is not null)
        {
            return Path.Combine(Path.GetFullPath(profilesDir), FileName);
        }

        if (!string.IsNullOrEmpty(env))
        {
            return Path.Combine(Path.GetFullPath(env), FileName);
        }

        var inProject = Path.Combine(projectDir, FileName);
        if (File.Exists(inProject))
        {
            return inProject;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".dbt", FileName);
    }

    public static ProfileTarget? Read(string projectDir, string? profilesDir, string profileName, string? targetName, SourceSpan profileKeySpan, DiagnosticBag diagnostics, StringRenderer render, IReadOnlyDictionary<string, string> environment)
    {
        var file = FindProfilesFile(projectDir, profilesDir)!;
        var display = DisplayPath(projectDir, file);
        if (!File.Exists(file))
        {
            diagnostics.Error(DiagnosticCodes.MissingProfile, $"could not find profile '{profileName}': no {FileName} at '{display}'", profileKeySpan);
            return null;
        }

        var root = YamlFile.ParseMapping(File.ReadAllText(file), display, diagnostics);
        if (root is null)
        {
            return null;
        }

        if (YamlFile.Get(root, profileName) is not YamlMappingNode profile)
        {
            diagnostics.Error(DiagnosticCodes.MissingProfile, $"profile '{profileName}' not found in {display}", profileKeySpan);
            return null;
        }

        var target = targetName ?? RenderScalar(YamlFile.Get(profile, "target"), display, render, diagnostics) as string ?? "default";
        if (YamlFile.Get(profile, "outputs") is not YamlMappingNode outputs)
        {
            diagnostics.Error(DiagnosticCodes.MissingTarget, $"profile '{profileName}' has no 'outputs'", YamlFile.SpanOf(profile, display));
            return null;
        }

        if (YamlFile.Get(outputs, target) is not YamlMappingNode output)
        {
            var known = string.Join(", ", YamlFile.Entries(outputs).Select(e => e.Key));
            diagnostics.Error(DiagnosticCodes.MissingTarget, $"target '{target}' not found in profile '{profileName}' (outputs: {known})", YamlFile.SpanOf(outputs, display));
            return null;
        }

        var raw = DbtProjectReader.Render(output, render, diagnostics, skip: false, display) as Dictionary<string, object?> ?? [];
        var type = raw.GetValueOrDefault("type") as string;
        var threads = raw.GetValueOrDefault("threads") switch
        {
            long l => (int)l,
            string s when int.TryParse(s, out var i) => i,
            _ => 1,
        };
        if (type == "postgres")
        {
            var settings = PostgresProfileReader.Read(new ProfileOutput(profileName, target, display, output, raw), environment, diagnostics);
            if (settings is null)
            {
                return null;
            }

            if (raw.GetValueOrDefault("schema") is not string { Length: > 0 } schema)
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"target '{target}' of profile '{profileName}' (postgres) needs 'schema'", YamlFile.SpanOf(output, display));
                return null;
            }

            return new ProfileTarget
            {
                Name = target,
                ProfileName = profileName,
                Type = type,
                Path = string.Empty,
                Database = settings.DatabaseName,
                Schema = schema,
                Threads = threads,
                Postgres = settings,
                Raw = raw,
            };
        }

        if (type != "duckdb")
        {
            diagnostics.Error(DiagnosticCodes.UnsupportedAdapter, $"target '{target}' has type '{type ?? "(none)"}'; supported: duckdb, postgres", YamlFile.SpanOf(YamlFile.Get(output, "type") ?? output, display));
            return null;
        }

        var path = raw.GetValueOrDefault("path") as string ?? ":memory:";
        var isMemory = path == ":memory:" || path.StartsWith("md:", StringComparison.Ordinal);
        var fullPath = isMemory ? path : Path.GetFullPath(Path.Combine(projectDir, path));
        return new ProfileTarget
        {
            Name = target,
            ProfileName = profileName,
            Type = type,
            Path = fullPath,
            Database = raw.GetValueOrDefault("database") as string ?? (isMemory ? "memory" : Path.GetFileNameWithoutExtension(fullPath)),
            Schema = raw.GetValueOrDefault("schema") as string ?? "main",
            Threads = threads,
            Extensions = (raw.GetValueOrDefault("extensions") as List<object?>)?.Select(e => e?.ToString() ?? string.Empty).ToList() ?? [],
            Settings = raw.GetValueOrDefault("settings") as Dictionary<string, object?> ?? new Dictionary<string, object?>(StringComparer.Ordinal),
            Attach = ReadAttach(raw.GetValueOrDefault("attach") as List<object?>, projectDir),
            Raw = raw,
        };
    }

    private static List<AttachedDatabase> ReadAttach(List<object?>? entries, string projectDir)
    {
        var result = new List<AttachedDatabase>();
        foreach (var entry in entries ?? [])
        {
            if (entry is not Dictionary<string, object?> dict || dict.GetValueOrDefault("path") is not string path)
            {
                continue;
            }

            var full = path.Contains("://", StringComparison.Ordinal) || path == ":memory:" ? path : Path.GetFullPath(Path.Combine(projectDir, path));
            var alias = dict.GetValueOrDefault("alias") as string ?? Path.GetFileNameWithoutExtension(path);
            result.Add(new AttachedDatabase(full, alias, dict.GetValueOrDefault("read_only") is true, dict.GetValueOrDefault("type") as string));
        }

        return result;
    }

    private static object? RenderScalar(YamlNode? node, string file, StringRenderer render, DiagnosticBag diagnostics) =>
        node is null ? null : DbtProjectReader.Render(node, render, diagnostics, skip: false, file);

    private static string DisplayPath(string projectDir, string file)
    {
        var relative = Path.GetRelativePath(projectDir, file);
        return relative.StartsWith("..", StringComparison.Ordinal) ? file : relative.Replace('\\', '/');
    }
}
