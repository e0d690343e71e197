using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja;

/// <summary>dbt's <c>{% docs name %}...{% enddocs %}</c>: the name, the body's source text exactly, where it starts.</summary>
public sealed record JinjaDocsBlock(string Name, string Body, SourceSpan Span);
