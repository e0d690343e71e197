using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja;

/// <summary>dbt's <c>{% materialization name, adapter='x' %}...{% endmaterialization %}</c>: read (so the file still
/// loads) but not run; the project loader warns about it.</summary>
public sealed record JinjaMaterializationBlock(string Name, SourceSpan Span);
