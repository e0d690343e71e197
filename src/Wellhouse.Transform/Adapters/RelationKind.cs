namespace Wellhouse.Transform.Adapters;

/// <summary>What a relation that exists in the database is.</summary>
public enum RelationKind
{
    Table,
    View,
}
