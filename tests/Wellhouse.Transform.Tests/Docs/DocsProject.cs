using DuckDB.NET.Data;
using Wellhouse.Transform.Docs;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Docs;

/// <summary>
/// A small dbt project for the docs tests, written to a temp folder: a source table created beforehand in the
/// database, a seed, a staging view, a mart with documented and tested columns, and a model that is never built.
/// </summary>
internal sealed class DocsProject : IDisposable
{
    private readonly TempFolder folder = new();

    public DocsProject()
    {
        Write("dbt_project.yml", "name: shop\nversion: '1.0'\nprofile: shop\nmodels:\n  shop:\n    +materialized: table\n    staging:\n      +materialized: view\n");
        Write("profiles.yml", "shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/shop.duckdb\n      schema: main\n      threads: 1\n");
        Write("seeds/prices.csv", "month,price\n2020-01-01,60.5\n2020-02-01,55\n");
        Write("models/staging/stg_production.sql", "select well_id, day, oil from {{ source('raw', 'production') }}\n");
        Write("models/monthly_oil.sql", """
            -- a comment that must not end the page's data block: </script><script>alert(1)</script>
            with production as (select * from {{ ref('stg_production') }}),
            prices as (select * from {{ ref('prices') }})
            select date_trunc('month', day) as month, sum(oil) as oil, max(price) as price
            from production
            left join prices on prices.month = date_trunc('month', production.day)
            group by 1
            """);
        Write("models/unbuilt.sql", "select 1 as x\n");
        Write("models/schema.yml", """
            version: 2
            sources:
              - name: raw
                description: Raw production as ingested.
                tables:
                  - name: production
                    description: One row per well and day.
                    columns:
                      - name: well_id
                        description: The well.
                        data_tests: [not_null]
            models:
              - name: monthly_oil
                description: Oil per month, with the month's price.
                columns:
                  - name: month
                    description: First day of the month.
                    data_tests: [unique, not_null]
                  - name: documented_only
                    description: A column the yml documents but the table lacks.
            """);
        Directory.CreateDirectory(System.IO.Path.Combine(Dir, "target"));
        using var connection = new DuckDBConnection("Data Source=" + DatabasePath);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "create schema raw; create table raw.production (well_id integer, day date, oil double); insert into raw.production values (1, '2020-01-05', 10.5), (1, '2020-02-05', 9.5)";
        command.ExecuteNonQuery();
    }

    public string Dir => System.IO.Path.Combine(folder.Path, "shop");

    public string DatabasePath => System.IO.Path.Combine(Dir, "target", "shop.duckdb");

    public string TargetFile(string name) => System.IO.Path.Combine(Dir, "target", name);

    /// <summary>Builds everything except the <c>unbuilt</c> model.</summary>
    public async Task BuildAsync()
    {
        var report = await DbtRunner.RunAsync(new DbtRunOptions { ProjectDir = Dir, ProfilesDir = Dir, Exclude = ["unbuilt"] }, TestContext.Current.CancellationToken);
        Assert.True(report.Success, string.Join("\n", report.FormatProblems().Concat(report.Outcome?.Results.Select(r => r.ToString()) ?? [])));
    }

    public Task<DocsGenerateReport> GenerateAsync(bool noCompile = false, string[]? select = null) =>
        DocsGenerator.GenerateAsync(new DocsGenerateOptions { ProjectDir = Dir, ProfilesDir = Dir, NoCompile = noCompile, Select = select ?? [], Environment = new Dictionary<string, string>() }, TestContext.Current.CancellationToken);

    public void Write(string relative, string text)
    {
        var path = System.IO.Path.Combine(Dir, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose() => folder.Dispose();
}
