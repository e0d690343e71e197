using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// The database as templates see it while a node compiles (dbt's <c>run_query</c>, <c>statement</c>,
/// <c>adapter.get_relation</c>, <c>adapter.get_columns_in_relation</c>). The back end supplies it through
/// <see cref="CompileHooks"/>; without one, database functions return what dbt returns while parsing (nothing).
/// Calls come from the thread compiling the node. Database errors are <see cref="AdapterException"/>s.
/// </summary>
internal interface ICompileDatabase
{
    QueryTable Fetch(string sql);

    RelationKind? GetRelationKind(Relation relation);

    IReadOnlyList<ColumnSchema> GetColumns(Relation relation);
}
