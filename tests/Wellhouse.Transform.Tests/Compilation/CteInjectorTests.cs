using Wellhouse.Transform.Compilation;

namespace Wellhouse.Transform.Tests.Compilation;

public class CteInjectorTests
{
    [Fact]
    public void Inject_PlainSelect_PrefixesWith()
    {
        var sql = CteInjector.Inject("select * from __dbt__cte__a", [("__dbt__cte__a", "select 1 as x")]);
        Assert.Equal("with __dbt__cte__a as (\nselect 1 as x\n)\nselect * from __dbt__cte__a", sql);
    }

    [Fact]
    public void Inject_QueryWithCtes_InsertsAfterWithKeyword()
    {
        var sql = CteInjector.Inject("-- note\nWITH b as (select 2) select * from b, __dbt__cte__a", [("__dbt__cte__a", "select 1")]);
        Assert.Equal("-- note\nWITH __dbt__cte__a as (\nselect 1\n), b as (select 2) select * from b, __dbt__cte__a", sql);
    }

    [Fact]
    public void Inject_WithRecursive_InsertsAfterRecursive()
    {
        var sql = CteInjector.Inject("with recursive r as (select 1) select * from r", [("__dbt__cte__a", "select 1")]);
        Assert.StartsWith("with recursive __dbt__cte__a as (", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Inject_IdentifierStartingWithWith_IsNotAKeyword()
    {
        var sql = CteInjector.Inject("without_cte", [("__dbt__cte__a", "select 1")]);
        Assert.StartsWith("with __dbt__cte__a", sql, StringComparison.Ordinal);
        Assert.EndsWith("\nwithout_cte", sql, StringComparison.Ordinal);
    }
}
