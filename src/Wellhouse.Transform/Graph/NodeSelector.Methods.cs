namespace Wellhouse.Transform.Graph;

/// <summary>The selector methods (dbt docs: "Node selector methods").</summary>
public static partial class NodeSelector
{
    private static HashSet<string> Match(Manifest manifest, SelectionTerm term)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in manifest.Nodes.Values)
        {
            if (MatchNode(node, term))
            {
                result.Add(node.UniqueId);
            }
        }

        foreach (var source in manifest.Sources.Values)
        {
            if (MatchSource(source, term))
            {
                result.Add(source.UniqueId);
            }
        }

        foreach (var exposure in manifest.Exposures.Values)
        {
            if (term.Method switch
            {
                "exposure" => Glob.IsMatch(exposure.Name, term.Value) || Glob.IsMatch(exposure.PackageName + "." + exposure.Name, term.Value),
                "fqn" => Glob.IsMatch(exposure.Name, term.Value),
                "tag" => exposure.Tags.Any(t => Glob.IsMatch(t, term.Value)),
                "resource_type" => term.Value == "exposure",
                "package" => Glob.IsMatch(exposure.PackageName, term.Value),
                _ => false,
            })
            {
                result.Add(exposure.UniqueId);
            }
        }

        foreach (var resource in manifest.SemanticResources)
        {
            if (term.Method switch
            {
                "semantic_model" or "metric" or "saved_query" => resource.ResourceType == term.Method
                    && (Glob.IsMatch(resource.Name, term.Value) || Glob.IsMatch(resource.PackageName + "." + resource.Name, term.Value)),
                "fqn" => MatchFqn(resource.Fqn, term.Value),
                "tag" => resource.Tags.Any(t => Glob.IsMatch(t, term.Value)),
                "group" => resource.Group is { } group && Glob.IsMatch(group, term.Value),
                "path" => MatchPath(resource.OriginalFilePath, term.Value),
                "resource_type" => resource.ResourceType == term.Value,
                "package" => Glob.IsMatch(resource.PackageName, term.Value),
                _ => false,
            })
            {
                result.Add(resource.UniqueId);
            }
        }

        return result;
    }

    private static bool MatchNode(Node node, SelectionTerm term) => term.Method switch
    {
        "fqn" => node.Version is null ? MatchFqn(node.Fqn, term.Value) : MatchVersionedFqn(node.Fqn, term.Value),
        "version" => node.ResourceType == ResourceType.Model && MatchVersion(node, term.Value),
        "group" => node.Group is { } group && Glob.IsMatch(group, term.Value),
        "access" => node.ResourceType == ResourceType.Model && node.Access == term.Value,
        "tag" => node.Config.Tags.Any(t => Glob.IsMatch(t, term.Value)),
        "path" => MatchPath(node.OriginalFilePath, term.Value),
        "file" => Glob.IsMatch(System.IO.Path.GetFileName(node.OriginalFilePath), term.Value) || Glob.IsMatch(System.IO.Path.GetFileNameWithoutExtension(node.OriginalFilePath), term.Value),
        "config" => MatchConfig(node.Config, term.MethodArgument!, term.Value),
        "resource_type" => node.ResourceType.ToDbtString() == term.Value,
        "package" => Glob.IsMatch(node.PackageName, term.Value),
        "test_type" when node.ResourceType == ResourceType.UnitTest => term.Value == "unit",
        "test_type" => node.ResourceType == ResourceType.Test && term.Value switch
        {
            "generic" or "schema" => node.TestMetadata is not null,
            "singular" or "data" => node.TestMetadata is null,
            _ => false,
        },
        "test_name" => node.TestMetadata is { } metadata && Glob.IsMatch(metadata.Name, term.Value),
        _ => false,
    };

    private static bool MatchSource(SourceDefinition source, SelectionTerm term) => term.Method switch
    {
        "source" => MatchSourceValue(source, term.Value),
        "fqn" => MatchFqn(source.Fqn, term.Value),
        "resource_type" => term.Value == "source",
        "path" => MatchPath(source.OriginalFilePath, term.Value),
        "tag" => source.Config.Tags.Any(t => Glob.IsMatch(t, term.Value)),
        "config" => MatchConfig(source.Config, term.MethodArgument!, term.Value),
        "package" => Glob.IsMatch(source.PackageName, term.Value),
        _ => false,
    };

    /// <summary><c>source:a</c>, <c>source:a.b</c> or <c>source:package.a.b</c>, with wildcards.</summary>
    private static bool MatchSourceValue(SourceDefinition source, string value)
    {
        var parts = value.Split('.');
        return parts.Length switch
        {
            1 => Glob.IsMatch(source.SourceName, parts[0]),
            2 => Glob.IsMatch(source.SourceName, parts[0]) && Glob.IsMatch(source.Name, parts[1]),
            3 => Glob.IsMatch(source.PackageName, parts[0]) && Glob.IsMatch(source.SourceName, parts[1]) && Glob.IsMatch(source.Name, parts[2]),
            _ => false,
        };
    }

    /// <summary>
    /// dbt's fqn matching: the name (last fqn part) equals the value, or the dotted value matches the fqn's leading
    /// parts one by one (so <c>project.staging</c> selects a folder); parts may hold wildcards.
    /// </summary>
    private static bool MatchFqn(IReadOnlyList<string> fqn, string value)
    {
        if (fqn.Count == 0)
        {
            return false;
        }

        if (Glob.IsMatch(fqn[^1], value))
        {
            return true;
        }

        var parts = value.Split('.');
        if (parts.Length > fqn.Count)
        {
            return false;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            if (!Glob.IsMatch(fqn[i], parts[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// dbt's <c>is_selected_node</c> for a model version (fqn ending in <c>name, v2</c>): the model's name selects
    /// every version, <c>name_v2</c> and <c>name.v2</c> select one; otherwise the fqn prefix rules apply.
    /// </summary>
    private static bool MatchVersionedFqn(IReadOnlyList<string> fqn, string value)
    {
        var parts = value.Split('.');
        return Glob.IsMatch(fqn[^2], value)
            || (parts.Length >= 2 && fqn[^2] + "_" + fqn[^1] == parts[^2] + "_" + parts[^1])
            || fqn[^2] + "_" + fqn[^1] == value
            || (parts.Length > 1 && MatchFqn(fqn, value));
    }

    /// <summary>dbt's <c>version:</c> method: latest, prerelease (above latest_version), old (below it) or none (unversioned).</summary>
    private static bool MatchVersion(Node node, string value) => value switch
    {
        "latest" => node.IsLatestVersion,
        "prerelease" => node.Version is not null && Project.SchemaYmlReader.CompareVersions(node.Version, node.LatestVersion) > 0,
        "old" => node.Version is not null && Project.SchemaYmlReader.CompareVersions(node.Version, node.LatestVersion) < 0,
        _ => node.Version is null,
    };

    /// <summary>A file, or every file under a folder, relative to the project directory; wildcards allowed.</summary>
    private static bool MatchPath(string originalFilePath, string value)
    {
        var path = value.Replace('\\', '/').TrimEnd('/');
        if (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return Glob.IsMatch(originalFilePath, path) || originalFilePath.StartsWith(path + "/", StringComparison.Ordinal) ||
            (path.Contains('*', StringComparison.Ordinal) && Glob.IsMatch(originalFilePath, path + "/*"));
    }

    private static bool MatchConfig(NodeConfig config, string key, string value) => config.Values.GetValueOrDefault(key) switch
    {
        null => false,
        string s => Glob.IsMatch(s, value),
        bool b => string.Equals(b ? "true" : "false", value, StringComparison.OrdinalIgnoreCase),
        IEnumerable<object?> items => items.Any(i => Glob.IsMatch(Convert.ToString(i, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, value)),
        var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) == value,
    };
}
