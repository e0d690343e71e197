using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Compilation;

/// <summary>dbt's <c>graph.sources</c>: each source table with its columns (name, description), as packages read
/// them to reuse documented descriptions (dbt-codegen's generate_model_yaml).</summary>
public sealed class GraphSourcesTests
{
    [Fact]
    public async Task A_source_in_the_graph_has_its_columns_and_relation_name()
    {
        using var project = new TempProject("wellhouse-graph-sources-");
        project.WriteProject("graphed");
        project.Write("models/sources.yml", """
            sources:
              - name: raw
                schema: main
                tables:
                  - name: wells
                    columns:
                      - name: api
                        description: Well API number
                      - name: operator
            """);
        project.Write("models/described.sql", """
            {% set found = [] %}
            {% for s in graph.sources.values() | selectattr('name', 'equalto', 'wells') %}
              {% for name, column in s.columns.items() %}{% do found.append(name ~ '=' ~ column.description) %}{% endfor %}
              {% do found.append(s.relation_name) %}
            {% endfor %}
            select '{{ found | join(";") | replace("'", "''") }}' as described
            """);

        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.True(report.Success, string.Join("\n", project.Log));
        Assert.Equal("api=Well API number;operator=;\"dev\".\"main\".\"wells\"", project.Query("select described from main.described").Single()[0]);
    }
}
