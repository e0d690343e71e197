using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Groups and model access as dbt-core checks them while parsing (<c>check_valid_group_config</c>,
/// <c>check_valid_access_property</c>, <c>is_invalid_private_ref</c>, <c>is_invalid_protected_ref</c>): a node's group
/// must be a defined group; access is private, protected (the default) or public, and an ephemeral model cannot be
/// public; a private model may be referenced only from its own group (a generic test takes its model's group), and a
/// protected model of a package whose dbt_project.yml sets <c>restrict-access: true</c> only from that package.
/// </summary>
internal sealed partial class ProjectParser
{
    private static readonly string[] AccessTypes = ["private", "protected", "public"];

    private void LoadGroups()
    {
        foreach (var group in schema.Groups)
        {
            group.PackageName = file.Name;
            group.UniqueId = $"group.{file.Name}.{group.Name}";
            group.OriginalFilePath = current.PackageRelative(group.OriginalFilePath);
            if (!manifest.Groups.TryAdd(group.UniqueId, group))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateName, $"group '{group.Name}' is defined twice", group.DefinedAt);
            }
        }
    }

    private void CheckGroupsAndAccess()
    {
        var groups = manifest.Groups.Values.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        var expected = "[" + string.Join(", ", groups.Order(StringComparer.Ordinal).Select(g => $"'{g}'")) + "]";
        foreach (var node in manifest.Nodes.Values)
        {
            if (node.Group is { } group && !groups.Contains(group))
            {
                diagnostics.Error(DiagnosticCodes.AccessViolation, $"Invalid group '{group}', expected one of {expected}", SpanOfEntry(node));
            }

            if (node.ResourceType != ResourceType.Model || node.Config["access"] is null)
            {
                continue;
            }

            if (!AccessTypes.Contains(node.Access))
            {
                diagnostics.Error(DiagnosticCodes.AccessViolation, $"Node {node.UniqueId} has an invalid value ({node.Access}) for the access field", SpanOfEntry(node));
            }
            else if (node.Access == "public" && node.IsEphemeral)
            {
                diagnostics.Error(DiagnosticCodes.AccessViolation, $"Node {node.UniqueId} with 'ephemeral' materialization has an invalid value (public) for the access field", SpanOfEntry(node));
            }
        }
    }

    /// <summary>dbt's <c>DbtReferenceError</c> when <paramref name="node"/> may not ref <paramref name="target"/>; true when the ref is allowed.</summary>
    private bool CheckAccess(Node node, Node target, SourceSpan span)
    {
        if (target.ResourceType != ResourceType.Model)
        {
            return true;
        }

        var group = node.AttachedNode is { } attached && manifest.Nodes.GetValueOrDefault(attached) is { } model ? model.Group : node.Group;
        var restricted = node.PackageName != target.PackageName && PackageOf(target.PackageName).File.Raw.GetValueOrDefault("restrict-access") is true;
        var (access, scope, scopeType) = target.Access switch
        {
            "private" when group is null || group != target.Group || restricted => ("private", target.Group ?? "None", "group"),
            "protected" when restricted => ("protected", target.PackageName, "package"),
            _ => (null, null, null),
        };
        if (access is null)
        {
            return true;
        }

        diagnostics.Error(DiagnosticCodes.AccessViolation, $"Node {node.UniqueId} attempted to reference node {target.UniqueId}, which is not allowed because the referenced node is {access} to the '{scope}' {scopeType}.", span);
        return false;
    }
}
