namespace Wellhouse.Transform.Jinja;

/// <summary>A host object that is a mapping to templates (<c>x is mapping</c> is true), as dbt's relations are; it
/// still prints and reads attributes as an <see cref="IJinjaObject"/>.</summary>
public interface IJinjaMapping : IJinjaObject
{
}
