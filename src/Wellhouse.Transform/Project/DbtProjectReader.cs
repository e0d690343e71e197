using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Reads <c>dbt_project.yml</c> (dbt docs: "dbt_project.yml" reference). Unknown top-level keys are an error as in
/// dbt's project schema; strings outside hooks are rendered with the project renderer (env_var, var).
/// </summary>
internal static class DbtProjectReader
{
    private const string FileName = "dbt_project.yml";

    private static readonly HashSet<string> KnownKeys = new(StringComparer.Ordinal)
    {
        "name", "version", "config-version", "profile", "model-paths", "source-paths", "seed-paths", "data-paths",
        "test-paths", "analysis-paths", "macro-paths", "snapshot-paths", "docs-paths", "asset-paths", "target-path",
        "log-path", "packages-install-path", "clean-targets", "require-dbt-version", "models", "seeds", "snapshots",
        "sources", "tests", "data_tests", "vars", "on-run-start", "on-run-end", "quoting", "dispatch", "query-comment",
        "restrict-access", "exposures", "metrics", "semantic-models", "saved-queries", "unit_tests", "dbt-cloud",
        "flags", "analyses", "functions", "anchors",
    };

    /// <summary>dbt_project.yml keys the engine reads but does not carry out yet, with what that leaves out.</summary>
    private static readonly Dictionary<string, string> UnsupportedProjectKeys = new(StringComparer.Ordinal)
    {
        ["exposures"] = "exposure configs are ignored",
    };

    private static readonly HashSet<string> UnrenderedKeys = new(StringComparer.Ordinal) { "pre-hook", "post-hook", "+pre-hook", "+post-hook", "on-run-start", "on-run-end", "query-comment" };

    /// <summary>Reads <c>dbt_project.yml</c> of <paramref name="projectDir"/>; <paramref name="prefix"/> is the folder
    /// (relative to the root project, ending in <c>/</c>) named in messages when the file is a package's.</summary>
    public static DbtProjectFile? Read(string projectDir, DiagnosticBag diagnostics, StringRenderer render, string prefix = "")
    {
        var path = Path.Combine(projectDir, FileName);
        var fileName = prefix + FileName;
        if (!File.Exists(path))
        {
            diagnostics.Error(DiagnosticCodes.MissingProjectFile, $"no {FileName} found in '{projectDir}'", new SourceSpan(fileName, 0, 0));
            return null;
        }

        var root = YamlFile.ParseMapping(File.ReadAllText(path), fileName, diagnostics);
        if (root is null)
        {
            return null;
        }

        var raw = new Dictionary<string, object?>(StringComparer.Ordinal);
        var keySpans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        foreach (var (key, keyNode, value) in YamlFile.Entries(root))
        {
            keySpans[key] = YamlFile.SpanOf(keyNode, fileName);
            if (!KnownKeys.Contains(key))
            {
                diagnostics.Error(DiagnosticCodes.UnknownKey, $"unknown key '{key}' in {FileName}", YamlFile.SpanOf(keyNode, fileName));
                continue;
            }

            if (UnsupportedProjectKeys.GetValueOrDefault(key) is { } what && YamlFile.ToValue(value) is not null)
            {
                diagnostics.Warning(DiagnosticCodes.NotSupported, $"'{key}' is not supported yet: {what}", YamlFile.SpanOf(keyNode, fileName));
            }

            raw[key] = key == "vars" ? YamlFile.ToValue(value) : Render(value, render, diagnostics, skip: UnrenderedKeys.Contains(key), fileName);
        }

        if (raw.GetValueOrDefault("name") is not string name || name.Length == 0)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"{FileName} must set 'name' to a string", YamlFile.SpanOf(root, fileName));
            return null;
        }

        return new DbtProjectFile
        {
            Name = name,
            Profile = raw.GetValueOrDefault("profile") as string,
            ProfileSpan = YamlFile.Get(root, "profile") is { } profileNode ? YamlFile.SpanOf(profileNode, fileName) : YamlFile.SpanOf(root, fileName),
            ModelPaths = Paths(raw, "model-paths", "source-paths") ?? ["models"],
            QueryComment = QueryCommentSetting.Read(raw, keySpans.GetValueOrDefault("query-comment"), diagnostics),
            SeedPaths = Paths(raw, "seed-paths", "data-paths") ?? ["seeds"],
            TestPaths = Paths(raw, "test-paths") ?? ["tests"],
            MacroPaths = Paths(raw, "macro-paths") ?? ["macros"],
            SnapshotPaths = Paths(raw, "snapshot-paths") ?? ["snapshots"],
            AnalysisPaths = Paths(raw, "analysis-paths") ?? ["analyses"],
            DocsPaths = Paths(raw, "docs-paths"),
            TargetPath = raw.GetValueOrDefault("target-path") as string ?? "target",
            CleanTargets = Paths(raw, "clean-targets") ?? [],
            Version = raw.GetValueOrDefault("version")?.ToString(),
            Vars = FlattenVars(raw.GetValueOrDefault("vars") as Dictionary<string, object?>, name),
            Models = raw.GetValueOrDefault("models") as Dictionary<string, object?> ?? new(StringComparer.Ordinal),
            Seeds = raw.GetValueOrDefault("seeds") as Dictionary<string, object?> ?? new(StringComparer.Ordinal),
            Snapshots = raw.GetValueOrDefault("snapshots") as Dictionary<string, object?> ?? new(StringComparer.Ordinal),
            Analyses = raw.GetValueOrDefault("analyses") as Dictionary<string, object?> ?? new(StringComparer.Ordinal),
            Tests = raw.GetValueOrDefault("data_tests") as Dictionary<string, object?> ?? raw.GetValueOrDefault("tests") as Dictionary<string, object?> ?? new(StringComparer.Ordinal),
            Sources = raw.GetValueOrDefault("sources") as Dictionary<string, object?> ?? new(StringComparer.Ordinal),
            OnRunStart = Paths(raw, "on-run-start") ?? [],
            OnRunEnd = Paths(raw, "on-run-end") ?? [],
            Raw = raw,
            KeySpans = keySpans,
        };
    }

    /// <summary>dbt's vars: top-level scalars are global; a dict under a package name scopes vars to that package.</summary>
    internal static Dictionary<string, object?> FlattenVars(Dictionary<string, object?>? vars, string projectName)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (vars is null)
        {
            return result;
        }

        foreach (var (key, value) in vars)
        {
            if (key != projectName)
            {
                result[key] = value;
            }
        }

        if (vars.GetValueOrDefault(projectName) is Dictionary<string, object?> scoped)
        {
            foreach (var (key, value) in scoped)
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static List<string>? Paths(Dictionary<string, object?> raw, params string[] keys)
    {
        foreach (var key in keys)
        {
            switch (raw.GetValueOrDefault(key))
            {
                case string s:
                    return [s];
                case List<object?> list:
                    return list.Select(i => i?.ToString() ?? string.Empty).ToList();
            }
        }

        return null;
    }

    /// <summary>The plain value of <paramref name="node"/>, with each string rendered unless under a hook key.</summary>
    internal static object? Render(YamlNode node, StringRenderer render, DiagnosticBag diagnostics, bool skip, string file = FileName)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                var value = YamlFile.ScalarValue(scalar);
                if (skip || value is not string text || !(text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal)))
                {
                    return value;
                }

                try
                {
                    return render(text, YamlFile.SpanOf(scalar, file));
                }
                catch (DiagnosticException ex)
                {
                    diagnostics.Add(ex.Diagnostic);
                    return text;
                }

            case YamlSequenceNode sequence:
                return sequence.Children.Select(c => Render(c, render, diagnostics, skip, file)).ToList();
            case YamlMappingNode mapping:
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, _, child) in YamlFile.Entries(mapping))
                {
                    dict[key] = Render(child, render, diagnostics, skip || UnrenderedKeys.Contains(key), file);
                }

                return dict;
            default:
                return null;
        }
    }
}
