using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Model and column constraints as dbt-core parses them (<c>patch_constraints</c>, <c>_validate_pk_constraints</c>,
/// <c>_validate_constraint_prerequisites</c>, <c>_process_constraints_refs_and_sources</c>): types checked, at most one
/// primary key, dbt's warning when the contract is enforced on a materialization that cannot hold constraints, and a
/// foreign key's <c>to: ref('x')</c> or <c>source('s', 't')</c> made a dependency and, once resolved, the relation's
/// <c>"schema"."identifier"</c> (dbt-duckdb leaves out the catalog, which DuckDB refuses in a foreign key).
/// </summary>
internal sealed partial class ProjectParser
{
    private static readonly string[] ConstrainedMaterializations = ["table", "incremental"];

    private void ApplyConstraints(Node node, SchemaEntry entry)
    {
        if (node.ResourceType != ResourceType.Model)
        {
            return;
        }

        node.Constraints.Clear();
        foreach (var map in entry.Constraints)
        {
            if (Constraint.From(map) is { } constraint)
            {
                node.Constraints.Add(constraint);
            }
            else
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"Invalid constraint type on model {node.Name}: Type must be one of [{string.Join(", ", Constraint.Types.Select(t => $"'{t}'"))}]", entry.ConstraintsSpan);
            }
        }

        var all = node.Constraints.Concat(node.Columns.Values.SelectMany(c => c.Constraints)).ToList();
        if (all.Count == 0)
        {
            return;
        }

        CheckPrimaryKeys(node, entry.Span);
        if (ContractCheck.IsEnforced(node) && !ConstrainedMaterializations.Contains(node.Config.Materialized) && all.Any(c => c.WarnUnsupported))
        {
            diagnostics.Warning(DiagnosticCodes.ConstraintIgnored, $"Constraint types are not supported for {node.Config.Materialized} materializations and will be ignored.  Set 'warn_unsupported: false' on this constraint to ignore this warning.", entry.ConstraintsSpan.File is null ? entry.Span : entry.ConstraintsSpan);
        }

        foreach (var constraint in all.Where(c => c.Type == "foreign_key" && c.To is not null))
        {
            var call = DependsOnCall().Match(constraint.To!);
            if (!call.Success)
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"Invalid 'ref' or 'source' syntax on foreign key constraint 'to' on model {node.Name}: {constraint.To}.", entry.Span);
                continue;
            }

            var (a, b) = (call.Groups["a"].Value, call.Groups["b"].Success ? call.Groups["b"].Value : null);
            if (call.Groups["fn"].Value == "ref")
            {
                var reference = b is null ? new RefCall(null, a) : new RefCall(a, b);
                node.Refs.Add(reference);
                refSpans.GetOrAdd(node.UniqueId).Add((reference, entry.Span));
            }
            else if (b is not null)
            {
                node.Sources.Add([a, b]);
                sourceSpans.GetOrAdd(node.UniqueId).Add(([a, b], entry.Span));
            }
        }
    }

    /// <summary>dbt's <c>_validate_pk_constraints</c>: one column-level primary key at most, and not both levels.</summary>
    private void CheckPrimaryKeys(Node node, SourceSpan span)
    {
        var columns = node.Columns.Values.Where(c => c.Constraints.Any(k => k.Type == "primary_key")).Select(c => c.Name).ToList();
        var errors = new List<string>();
        if (columns.Count > 1)
        {
            errors.Add($"Found {columns.Count} columns ({PythonRepr.Repr(columns.Cast<object?>().ToList())}) with primary key constraints defined. Primary keys for multiple columns must be defined as a model level constraint.");
        }

        if (columns.Count > 0 && node.Constraints.Any(c => c.Type == "primary_key"))
        {
            errors.Add("Primary key constraints defined at the model level and the columns level. Primary keys can be defined at the model level or the column level, not both.");
        }

        if (errors.Count > 0)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"Primary key constraint error: ({node.OriginalFilePath})\n" + string.Join("\n", errors), span);
        }
    }

    /// <summary>Each foreign key's <c>to</c> as the relation it names (dbt compiles <c>to</c> the same way).</summary>
    private void ResolveConstraintTargets()
    {
        foreach (var node in manifest.Nodes.Values.Where(n => n.ResourceType == ResourceType.Model))
        {
            foreach (var constraint in node.Constraints.Concat(node.Columns.Values.SelectMany(c => c.Constraints)).Where(c => c.To is not null))
            {
                var call = DependsOnCall().Match(constraint.To!);
                if (!call.Success)
                {
                    continue;
                }

                var (a, b) = (call.Groups["a"].Value, call.Groups["b"].Success ? call.Groups["b"].Value : null);
                var target = call.Groups["fn"].Value == "ref"
                    ? (b is null ? services.FindNode(null, a, node.PackageName) : services.FindNode(a, b, node.PackageName))?.Relation
                    : b is null ? null : services.FindSource(a, b, node.PackageName) is { } source ? new Relation(source.Database, source.Schema, source.Identifier) : null;

                // DuckDB rejects a catalog-qualified foreign key target, so dbt-duckdb renders it as schema.identifier.
                constraint.ToRelation = target is null ? null : (target with { Database = null }).ToString();
            }
        }
    }
}
