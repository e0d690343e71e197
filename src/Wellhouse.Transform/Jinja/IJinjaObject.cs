namespace Wellhouse.Transform.Jinja;

/// <summary>A host object whose attributes a template reads (<c>target.name</c>, <c>this</c>, <c>loop</c>).</summary>
public interface IJinjaObject
{
    bool TryGetAttribute(string name, out object? value);
}
