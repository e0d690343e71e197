namespace Wellhouse.Transform.Tests.Project;

/// <summary>
/// dbt renders every string of a schema-file entry at parse time (its SchemaYamlRenderer), except descriptions,
/// tests and hooks: a column's <c>data_type</c> written as Jinja is the rendered type (an enforced contract checks it),
/// and nested config strings (a seed's <c>column_types</c>) are rendered too.
/// </summary>
public sealed class SchemaRenderTests
{
    [Fact]
    public async Task Jinja_in_a_data_type_and_in_nested_config_is_rendered_at_parse_time()
    {
        using var project = new TempProject("wellhouse-schema-render-");
        project.WriteProject("rendered");
        project.Write("seeds/rates.csv", "id,rate\n1,2.5\n");
        project.Write("seeds/rates.yml", """
            seeds:
              - name: rates
                config:
                  column_types:
                    rate: "{{ 'decimal(10,2)' if target.type == 'duckdb' else 'float' }}"
            """);
        project.Write("models/wells.sql", "select 1 as id");
        project.Write("models/wells.yml", """
            models:
              - name: wells
                description: "{{ 'kept as written until docs are rendered' }}"
                config:
                  contract: {enforced: true}
                columns:
                  - name: id
                    data_type: "{{ 'UInt8' if target.type == 'clickhouse' else 'integer' }}"
            """);

        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", project.Log));
        var wells = report.Outcome!.Results.Single(r => r.Node.Name == "wells").Node;
        Assert.Equal("integer", wells.Columns["id"].DataType);
        Assert.Equal("DECIMAL(10,2)", project.Query("select data_type from information_schema.columns where table_name = 'rates' and column_name = 'rate'").Single()[0]);
    }
}
