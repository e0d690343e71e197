using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja;

/// <summary>dbt's <c>{% materialization name, adapter='x' %}...{% endmaterialization %}</c>: the materialization's
/// name, its adapter (<c>default</c> when none is named), the languages it supports and its macro
/// (<c>materialization_&lt;name&gt;_&lt;adapter&gt;</c>, also among the template's macros).</summary>
public sealed record JinjaMaterializationBlock(string Name, string Adapter, IReadOnlyList<string> SupportedLanguages, JinjaMacro Macro, SourceSpan Span);
