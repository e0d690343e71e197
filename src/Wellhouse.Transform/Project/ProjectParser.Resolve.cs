using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Project;

/// <summary>Disabled nodes, ref and source resolution, the graph with its cycle check, and doc() in descriptions.</summary>
internal sealed partial class ProjectParser
{
    private void RemoveDisabled()
    {
        foreach (var node in manifest.Nodes.Values.Where(n => !n.Config.Enabled).ToList())
        {
            manifest.Nodes.Remove(node.UniqueId);
            manifest.Disabled[node.UniqueId] = node;
        }

        // A test of a disabled model or source is disabled with it.
        foreach (var node in manifest.Nodes.Values.Where(n => n.ResourceType == ResourceType.Test).ToList())
        {
            if ((node.AttachedNode is { } attached && manifest.Disabled.ContainsKey(attached)) ||
                node.Sources.Any(s => services.FindSource(s[0], s[1], node.PackageName) is null) && node.TestMetadata is not null && node.AttachedNode is null)
            {
                manifest.Nodes.Remove(node.UniqueId);
                manifest.Disabled[node.UniqueId] = node;
            }
        }

        foreach (var node in manifest.Nodes.Values.Where(n => n.ResourceType is ResourceType.Model or ResourceType.Seed or ResourceType.Snapshot))
        {
            if (node.Version is null || node.IsLatestVersion)
            {
                services.NodesByName[(node.PackageName, node.Name)] = node;
            }

            if (node.Version is not null)
            {
                services.NodesByName[(node.PackageName, RenderServices.VersionedKey(node.Name, node.VersionText))] = node;
            }
        }
    }

    private void ResolveDependencies()
    {
        var disabledByName = manifest.Disabled.Values.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var node in manifest.Nodes.Values)
        {
            foreach (var (call, span) in refSpans.GetValueOrDefault(node.UniqueId) ?? [])
            {
                if (services.FindNode(call.Package, call.Name, node.PackageName, call.Version) is { } target)
                {
                    if (CheckAccess(node, target, span))
                    {
                        AddDependency(node, target.UniqueId);
                    }
                }
                else
                {
                    var reason = disabledByName.ContainsKey(call.Name) ? "which is disabled"
                        : pythonModels.TryGetValue(call.Name, out var python) ? $"which is a Python model ({python}), not supported (DBT180)"
                        : "which was not found";
                    var version = call.Version is null ? string.Empty : $" with version '{call.Version}'";
                    diagnostics.Error(DiagnosticCodes.UnknownRef, $"{node.ResourceType.ToDbtString()} '{node.Name}' depends on a node named '{call.Name}'{version} {reason}", span);
                }
            }

            foreach (var (call, span) in sourceSpans.GetValueOrDefault(node.UniqueId) ?? [])
            {
                if (services.FindSource(call[0], call[1], node.PackageName) is { } source)
                {
                    AddDependency(node, source.UniqueId);
                }
                else
                {
                    diagnostics.Error(DiagnosticCodes.UnknownSource, $"{node.ResourceType.ToDbtString()} '{node.Name}' depends on a source named '{call[0]}.{call[1]}' which was not found", span);
                }
            }
        }
    }

    private static void AddDependency(Node node, string id)
    {
        if (!node.DependsOnNodes.Contains(id))
        {
            node.DependsOnNodes.Add(id);
        }
    }

    private DependencyGraph BuildGraph()
    {
        var graph = DependencyGraph.Build(manifest);
        if (graph.Cycle is { } cycle)
        {
            var names = cycle.Select(id => manifest.Nodes.TryGetValue(id, out var n) ? n.Name : id);
            var first = manifest.Nodes.GetValueOrDefault(cycle[0]);
            diagnostics.Error(DiagnosticCodes.Cycle, "found a cycle: " + Join(names), first?.DefinedAt ?? SourceSpan.None);
        }

        foreach (var id in manifest.Sources.Keys.Concat(manifest.Nodes.Keys).Concat(manifest.Exposures.Keys).Concat(manifest.SemanticResources.Select(r => r.UniqueId)).Order(StringComparer.Ordinal))
        {
            manifest.ParentMap[id] = graph.Parents(id).ToList();
            manifest.ChildMap[id] = graph.Children(id).ToList();
        }

        return graph;
    }

    private void RenderDescriptions()
    {
        foreach (var node in manifest.Nodes.Values)
        {
            var where = node.PatchPath is null ? node.DefinedAt : SpanOfEntry(node);
            node.Description = RenderDescription(node.Description, node, where);
            foreach (var column in node.Columns.Values)
            {
                column.Description = RenderDescription(column.Description, node, where);
            }
        }

        foreach (var source in manifest.Sources.Values)
        {
            source.Description = RenderDescription(source.Description, null, source.DefinedAt);
            source.SourceDescription = RenderDescription(source.SourceDescription, null, source.DefinedAt);
            foreach (var column in source.Columns.Values)
            {
                column.Description = RenderDescription(column.Description, null, source.DefinedAt);
            }
        }
    }

    private SourceSpan SpanOfEntry(Node node) =>
        EntryFor(node)?.Span ?? node.DefinedAt;

    private string RenderDescription(string text, Node? node, SourceSpan where)
    {
        if (!text.Contains("{{", StringComparison.Ordinal) && !text.Contains("{%", StringComparison.Ordinal))
        {
            return text;
        }

        var result = text;
        Render(
            () =>
            {
                var template = Templates.Environment.Parse(text, where.File);
                result = template.Render(context.CreateGlobals(new RenderState(node, RenderPhase.Parse)));
            },
            where);
        return result;
    }
}
