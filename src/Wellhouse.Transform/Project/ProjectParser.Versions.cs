using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Model versions as dbt-core's <c>ModelPatchParser</c> makes them: each version of a .yml model takes the model file
/// named by its <c>defined_in</c> (else <c>&lt;model&gt;_v&lt;v&gt;</c>; the latest version may also be the
/// unsuffixed <c>&lt;model&gt;.sql</c>) and becomes <c>model.&lt;package&gt;.&lt;model&gt;.v&lt;v&gt;</c>, named after
/// the model, its fqn ending in <c>&lt;model&gt;, v&lt;v&gt;</c>. An unpinned <c>ref('model')</c> resolves to the
/// latest version; past and upcoming deprecation dates are warned about as dbt does.
/// </summary>
internal sealed partial class ProjectParser
{
    private void ApplyVersions()
    {
        var versioned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in schema.Entries.Where(e => e.Kind == "models" && e.Version is not null))
        {
            versioned.Add(entry.Name);
            var node = manifest.Nodes.GetValueOrDefault($"model.{file.Name}.{entry.DefinedIn}");
            if (node is null && PythonRepr.Str(entry.Version) == PythonRepr.Str(entry.LatestVersion))
            {
                node = manifest.Nodes.GetValueOrDefault($"model.{file.Name}.{entry.Name}");
            }

            if (node is null || node.Version is not null)
            {
                diagnostics.Warning(DiagnosticCodes.UnknownRef, $"Did not find matching node for patch with name '{entry.DefinedIn}' in the 'models' section of file '{current.PackageRelative(entry.File)}'", entry.Span);
                continue;
            }

            manifest.Nodes.Remove(node.UniqueId);
            var version = PythonRepr.Str(entry.Version);
            node.UniqueId = $"model.{file.Name}.{entry.Name}.v{version}";
            node.Name = entry.Name;
            node.Fqn = [.. node.Fqn.Take(node.Fqn.Count - 1), entry.Name, "v" + version];
            node.Version = entry.Version;
            node.LatestVersion = entry.LatestVersion;
            node.DeprecationDate = entry.DeprecationDate;
            node.Config = ProjectConfig(f => f.Models, node.Fqn, "view");
            AddNode(node);
        }

        foreach (var name in versioned)
        {
            if (manifest.Nodes.GetValueOrDefault($"model.{file.Name}.{name}") is { Version: null } unversioned)
            {
                diagnostics.Error(DiagnosticCodes.DuplicateName, $"Found versioned and unversioned models with the same name '{name}': {unversioned.OriginalFilePath} is not a version of it (name it {name}_v<v>.sql or give a version 'defined_in: {name}')", unversioned.DefinedAt);
            }
        }
    }

    /// <summary>dbt's <c>check_for_model_deprecations</c>: a model past its deprecation date, and every model referring to a model with one.</summary>
    private void WarnDeprecations()
    {
        var now = DateTimeOffset.Now;
        foreach (var model in manifest.Nodes.Values.Where(n => n.ResourceType == ResourceType.Model && n.DeprecationDate is not null))
        {
            var date = IsoFormat(model.DeprecationDate!.Value);
            var past = model.DeprecationDate < now;
            if (past)
            {
                diagnostics.Warning(DiagnosticCodes.Deprecated, $"Model {model.DisplayName} has passed its deprecation date of {date}. This model should be disabled or removed.", SpanOfEntry(model));
            }

            foreach (var child in manifest.Nodes.Values.Where(n => n.ResourceType == ResourceType.Model && n.DependsOnNodes.Contains(model.UniqueId)))
            {
                var message = $"While compiling '{child.Name}': Found a reference to {model.DisplayName}, which {(past ? "was deprecated on" : "is slated for deprecation on")} '{date}'. ";
                if (model.Version is not null && !model.IsLatestVersion)
                {
                    message += $"A new version of '{model.Name}' is available. {(past ? "Migrate now" : "Try it out")}: {{{{ ref('{model.PackageName}', '{model.Name}', v='{PythonRepr.Str(model.LatestVersion)}') }}}}.";
                }

                var span = refSpans.GetValueOrDefault(child.UniqueId)?.FirstOrDefault(r => r.Call.Name == model.Name).Span ?? child.DefinedAt;
                diagnostics.Warning(DiagnosticCodes.Deprecated, message.TrimEnd(), span.File is null ? child.DefinedAt : span);
            }
        }
    }

    /// <summary>Python's <c>datetime.isoformat()</c>: seconds always, fractions only when present, the offset.</summary>
    private static string IsoFormat(DateTimeOffset date) =>
        date.ToString(date.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture);
}
