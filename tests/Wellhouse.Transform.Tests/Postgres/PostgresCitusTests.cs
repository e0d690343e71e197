using Wellhouse.Testing;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Models;

namespace Wellhouse.Transform.Tests.Postgres;

/// <summary>
/// Citus's distribution configs (<c>distributed_by</c>, <c>reference</c>) on a target whose profile says
/// <c>citus: true</c>. Citus cannot run here, so the test database gets functions of Citus's names and signatures that
/// record each call (the table's name then and its row count), and the tests check what the engine called and when.
/// </summary>
public sealed class PostgresCitusTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Build_OnCitusTarget_DistributesTablesAfterTheyAreBuiltAndNothingElse()
    {
        await using var project = await CreateAsync(citus: true);

        var first = await project.RunAsync(csharp: Models());
        var second = await project.RunAsync(csharp: Models());

        Assert.True(first.Success, string.Join("\n", first.Outcome!.Results.Select(r => r.Message)));
        Assert.True(second.Success, string.Join("\n", second.Outcome!.Results.Select(r => r.Message)));
        var calls = project.Query("select fn, tbl, col, row_count from public.citus_calls order by tbl, n")
            .Select(row => string.Join(" ", row.Select(EngineRows.Text))).ToList();
        // Per run, the table model (after its rows, before the swap) and the C# model (before its rows are copied in);
        // the seed (in its transaction, before its rows) and the incremental model when their table is created; never
        // the view.
        Assert.Equal(
        [
            "create_reference_table analytics.countries null 0",
            "create_distributed_table analytics.customers__dbt_tmp customer_id 3",
            "create_distributed_table analytics.customers__dbt_tmp customer_id 3",
            "create_distributed_table analytics.events__dbt_tmp customer_id 3",
            "create_distributed_table analytics.fits__dbt_tmp id 0",
            "create_distributed_table analytics.fits__dbt_tmp id 0",
        ], calls);
        Assert.Equal(3, Convert.ToInt32(project.Query("select count(*) from analytics.fits")[0][0]));
        var run = File.ReadAllText(Directory.EnumerateFiles(Path.Combine(project.ProjectDir, "target", "run"), "customers.sql", SearchOption.AllDirectories).Single());
        Assert.Contains("select create_distributed_table('\"analytics\".\"customers__dbt_tmp\"', 'customer_id')", run, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_OnPlainPostgres_LeavesTablesLocal()
    {
        await using var project = await CreateAsync(citus: false);

        Assert.True((await project.RunAsync(csharp: Models())).Success);

        Assert.Empty(project.Query("select * from public.citus_calls"));
    }

    [Fact]
    public async Task Model_BothDistributedAndReference_IsAnErrorNamingIt()
    {
        await using var project = await CreateAsync(citus: true);
        project.Write("models/both.sql", "{{ config(materialized='table', distributed_by='id', reference=true) }}\nselect 1 as id");

        var report = await project.RunAsync(csharp: Models());

        var both = report.Outcome!.Results.Single(r => r.Node.Name == "both");
        Assert.Equal(NodeStatus.Error, both.Status);
        Assert.Contains("model both (models/both.sql): distributed_by and reference: true cannot both be set", both.Message, StringComparison.Ordinal);
        Assert.Empty(project.Query("select 1 from pg_catalog.pg_class where relname like 'both%'"));
    }

    private static Dictionary<string, ICSharpModel> Models() => new() { ["fits"] = new FitsModel() };

    private async Task<PostgresProject> CreateAsync(bool citus)
    {
        var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop", "seeds:\n  shop:\n    countries:\n      +reference: true\n", pgExtra: citus ? "      citus: true\n" : "");
        project.Write("seeds/countries.csv", "code,name\nno,Norway\nus,United States\n");
        project.Write("models/customers.sql", "{{ config(materialized='table', distributed_by='customer_id') }}\nselect * from (values (1, 'a'), (2, 'b'), (3, 'c')) as t(customer_id, name)");
        project.Write("models/events.sql", "{{ config(materialized='incremental', distributed_by='customer_id') }}\nselect customer_id, 'seen' as what from {{ ref('customers') }}\n{% if is_incremental() %}where false{% endif %}");
        project.Write("models/recent.sql", "{{ config(materialized='view', distributed_by='customer_id') }}\nselect * from {{ ref('customers') }}");
        project.Write("models/schema.yml", "version: 2\nmodels:\n  - name: fits\n    config:\n      distributed_by: id\n");
        project.Query(CitusRecorder.Sql);
        return project;
    }

    /// <summary>Copies the customers' ids into its table.</summary>
    private sealed class FitsModel : ICSharpModel
    {
        private static readonly ModelColumn[] Columns = [ModelColumn.Integer("id")];

        public string Name => "fits";

        public IReadOnlyList<string> DependsOn { get; } = ["customers"];

        public async Task ExecuteAsync(CSharpModelContext context, CancellationToken cancellationToken)
        {
            await context.CreateTargetAsync(Columns, cancellationToken);
            using var reader = context.Read($"select customer_id from {context.Ref("customers")}", cancellationToken);
            using var writer = context.OpenWriter(Columns);
            while (reader.Read())
            {
                writer.StartRow();
                writer.Write(reader.GetInt32(0));
            }

            writer.Complete();
        }
    }
}
