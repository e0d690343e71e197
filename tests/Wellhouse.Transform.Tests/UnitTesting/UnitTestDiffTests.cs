using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.UnitTesting;

/// <summary>Multiset comparison of actual and expected rows and the diff table.</summary>
public sealed class UnitTestDiffTests
{
    [Fact]
    public void Compare_SameRowsInAnotherOrder_NoFailures()
    {
        var (failures, table) = UnitTestDiff.Compare(["id", "v"], [[1L, 0.1 + 0.2], [2L, null]], [[2L, null], [1L, 0.3]]);

        Assert.Equal(0, failures);
        Assert.Empty(table);
    }

    [Fact]
    public void Compare_DuplicateRowMissing_CountsEachSide()
    {
        var (failures, table) = UnitTestDiff.Compare(["id"], [[1L], [1L], [3L]], [[1L], [2L]]);

        Assert.Equal(3, failures);
        Assert.Equal(
            string.Join(
                "\n",
                "    | id",
                "+++ | 1",
                "    | 1",
                "--- | 2",
                "+++ | 3",
                "(+++ only in actual, --- only in expected)"),
            table);
    }
}
