using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Tests.Execution;

public sealed class SqlDialectTests
{
    private static readonly Relation Target = new("dev", "main", "readings");
    private static readonly Relation Temp = DuckDbDialect.Instance.TempRelation(Target);

    [Fact]
    public void TempRelation_Target_IsConnectionLocalTmpTable()
    {
        Assert.Equal("\"temp\".\"main\".\"readings__dbt_tmp\"", Temp.ToString());
        Assert.StartsWith("create or replace temp table \"readings__dbt_tmp\" as (\nselect 1\n)", DuckDbDialect.Instance.CreateTemp(Temp, "select 1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_KeyListAndPredicates_RowValueInAndEveryPredicate()
    {
        var sql = DuckDbDialect.Instance.Delete(Target, Temp, ["well_id", "day"], ["DBT_INTERNAL_DEST.day > date '2024-01-01'", "well_id <> 'X'"]);

        Assert.Equal(
            "delete from \"dev\".\"main\".\"readings\" as DBT_INTERNAL_DEST\nwhere (well_id, day) in (select well_id, day from \"temp\".\"main\".\"readings__dbt_tmp\" as DBT_INTERNAL_SOURCE)\n  and (DBT_INTERNAL_DEST.day > date '2024-01-01')\n  and (well_id <> 'X')",
            sql);
    }

    [Fact]
    public void Merge_NoUniqueKey_InsertsEverythingOnFalse()
    {
        var sql = DuckDbDialect.Instance.Merge(Target, Temp, [], [], ["id", "oil"], ["id", "oil"]);

        Assert.Contains("\non false\n", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("when matched", sql, StringComparison.Ordinal);
        Assert.EndsWith("when not matched then insert (\"id\", \"oil\")\nvalues (DBT_INTERNAL_SOURCE.\"id\", DBT_INTERNAL_SOURCE.\"oil\")", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_KeyPredicateAndUpdateColumns_UpdatesOnlyThoseColumns()
    {
        var sql = DuckDbDialect.Instance.Merge(Target, Temp, ["id"], ["DBT_INTERNAL_DEST.day > current_date - 7"], ["id", "oil", "loaded_at"], ["oil"]);

        Assert.Contains("on DBT_INTERNAL_SOURCE.id = DBT_INTERNAL_DEST.id and (DBT_INTERNAL_DEST.day > current_date - 7)", sql, StringComparison.Ordinal);
        Assert.Contains("when matched then update set \"oil\" = DBT_INTERNAL_SOURCE.\"oil\"\n", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void NullKeyCounts_TwoKeys_OneCountPerKey()
    {
        Assert.Equal(
            "select count(*) filter (where well_id is null), count(*) filter (where day is null) from \"temp\".\"main\".\"readings__dbt_tmp\"",
            DuckDbDialect.Instance.NullKeyCounts(Temp, ["well_id", "day"]));
    }
}
