using System.Text.RegularExpressions;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Snapshots (dbt docs: "Add snapshots to your DAG"): each <c>{% snapshot name %} ... {% endsnapshot %}</c> block of a
/// .sql file under <c>snapshot-paths</c>, and each .yml <c>snapshots:</c> entry with a <c>relation:</c> (dbt 1.9), is a
/// node <c>snapshot.&lt;package&gt;.&lt;name&gt;</c> whose SQL is the block's body (or <c>select * from
/// &lt;relation&gt;</c>), configured by the project's <c>snapshots:</c> tree, the .yml entry and its own config().
/// </summary>
internal sealed partial class ProjectParser
{
    [GeneratedRegex(@"\{%-?\s*snapshot\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*-?%\}(?<body>.*?)\{%-?\s*endsnapshot\s*-?%\}", RegexOptions.Singleline)]
    private static partial Regex SnapshotBlock();

    private void LoadSnapshots()
    {
        foreach (var (root, relative) in FindFiles(file.SnapshotPaths, ".sql"))
        {
            var text = ReadText(relative);
            if (text is null)
            {
                continue;
            }

            var blocks = SnapshotBlock().Matches(text);
            if (blocks.Count == 0 && text.Contains("snapshot", StringComparison.Ordinal) && !text.Contains("{% macro", StringComparison.Ordinal))
            {
                diagnostics.Warning(DiagnosticCodes.InvalidValue, "no {% snapshot name %} ... {% endsnapshot %} block found in this file of snapshot-paths; nothing in it is built", new SourceSpan(relative, 1, 1));
            }

            foreach (Match block in blocks)
            {
                var line = 1 + text.AsSpan(0, block.Index).Count('\n');
                // The body keeps the lines before it blank, so template errors name the file's own line numbers.
                var body = block.Groups["body"];
                var leading = new string('\n', text.AsSpan(0, body.Index).Count('\n'));
                var node = CreateNode(ResourceType.Snapshot, root, relative, leading + body.Value);
                AddSnapshot(node, block.Groups["name"].Value, new SourceSpan(relative, line, 1));
            }
        }

        foreach (var entry in schema.Entries.Where(e => e.Kind == "snapshots" && e.Relation is not null))
        {
            var folder = Path.GetDirectoryName(entry.File)!.Replace('\\', '/');
            var root = ResourceRoot(entry.File) ?? folder;
            var node = CreateNode(ResourceType.Snapshot, root, entry.File, "select * from {{ " + entry.Relation + " }}");
            AddSnapshot(node, entry.Name, entry.Span);
        }
    }

    /// <summary>Analyses: .sql files under <c>analysis-paths</c>, compiled (refs resolved) but never run.</summary>
    private void LoadAnalyses()
    {
        foreach (var (root, relative) in FindFiles(file.AnalysisPaths, ".sql"))
        {
            if (ReadText(relative) is { } text)
            {
                var node = CreateNode(ResourceType.Analysis, root, relative, text);
                node.Config = ProjectConfig(f => f.Analyses, node.Fqn, "view");
                AddNode(node);
            }
        }
    }

    /// <summary>Names the node after its block (dbt's fqn: project, folders, file name, snapshot name).</summary>
    private void AddSnapshot(Node fileNode, string name, SourceSpan definedAt)
    {
        var node = new Node
        {
            UniqueId = $"snapshot.{file.Name}.{name}",
            ResourceType = ResourceType.Snapshot,
            Name = name,
            PackageName = file.Name,
            OriginalFilePath = fileNode.OriginalFilePath,
            PackagePath = fileNode.PackagePath,
            Path = fileNode.Path,
            Fqn = [.. fileNode.Fqn, name],
            RawCode = fileNode.RawCode,
            DefinedAt = definedAt,
            Checksum = fileNode.Checksum,
        };
        node.Config = ProjectConfig(f => f.Snapshots, node.Fqn, "snapshot");
        AddNode(node);
    }

    /// <summary>dbt's legacy <c>target_schema</c> / <c>target_database</c> name the snapshot's schema and database as
    /// they are (no generate_schema_name); <c>schema</c> / <c>database</c> (dbt 1.9) go through the naming macros.</summary>
    private static void ApplyLegacySnapshotTarget(Node node)
    {
        if (node.ResourceType != ResourceType.Snapshot)
        {
            return;
        }

        if (node.Config.GetString("target_schema") is { Length: > 0 } schema)
        {
            node.Schema = schema.Trim();
        }

        if (node.Config.GetString("target_database") is { Length: > 0 } database)
        {
            node.Database = database.Trim();
        }
    }
}
