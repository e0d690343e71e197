namespace Wellhouse.Transform.Tests.Execution;

/// <summary><c>--store-failures</c>: failing rows of every test go to &lt;schema&gt;_dbt_test__audit, unless a test's own
/// <c>store_failures: false</c> says otherwise; <c>flags.STORE_FAILURES</c> reports the flag.</summary>
public sealed class StoreFailuresFlagTests
{
    [Fact]
    public async Task The_flag_stores_failing_rows_and_a_tests_own_config_wins()
    {
        using var project = new TempProject("wellhouse-storefailures-");
        project.WriteProject("audited");
        project.Write("models/wells.sql", "select * from (values ('A', 1), (null, 2), (null, 3)) as t(well, id) where '{{ flags.STORE_FAILURES }}' = 'True'");
        project.Write("models/schema.yml", """
            version: 2
            models:
              - name: wells
                columns:
                  - name: well
                    data_tests:
                      - not_null
                  - name: id
                    data_tests:
                      - accepted_values: {values: [1], config: {store_failures: false}}
            """);

        var report = await project.RunAsync(storeFailures: true);

        Assert.False(report.Success);
        Assert.Equal(2L, Convert.ToInt64(project.Query("select count(*) from main_dbt_test__audit.not_null_wells_well").Single()[0]));
        Assert.Empty(project.Query("select table_name from information_schema.tables where table_name like 'accepted_values%'"));
    }
}
