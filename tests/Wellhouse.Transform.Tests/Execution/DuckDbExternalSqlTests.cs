using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Tests.Execution;

public sealed class DuckDbExternalSqlTests
{
    private static readonly Relation Temp = new("temp", "main", "export__dbt_tmp");

    [Fact]
    public void Copy_PartitionsAndOptions_AllInCopyOptions()
    {
        var options = new Dictionary<string, object?> { ["compression"] = "zstd", ["row_group_size"] = 1000L };

        var sql = DuckDbExternalSql.Copy(Temp, "/lake/export.parquet.__dbt_tmp", "parquet", ["year", "well_id"], options);

        Assert.Equal(
            "copy (select * from \"temp\".\"main\".\"export__dbt_tmp\") to '/lake/export.parquet.__dbt_tmp' (format parquet, partition_by (\"year\", \"well_id\"), compression 'zstd', row_group_size 1000)",
            sql);
    }

    [Fact]
    public void Reader_PartitionedParquet_GlobsFolderWithHivePartitioning() =>
        Assert.Equal(
            "select * from read_parquet('/lake/export.parquet/**/*.parquet', hive_partitioning = true)",
            DuckDbExternalSql.Reader("/lake/export.parquet", "parquet", partitioned: true, delimiter: null));

    [Fact]
    public void Reader_CsvWithDelimiter_ReadsHeaderAndDelimiter() =>
        Assert.Equal(
            "select * from read_csv('/lake/o''brien.csv', header = true, delim = ';')",
            DuckDbExternalSql.Reader("/lake/o'brien.csv", "csv", partitioned: false, delimiter: ";"));
}
