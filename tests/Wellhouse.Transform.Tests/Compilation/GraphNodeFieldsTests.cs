using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Compilation;

/// <summary>
/// The <c>graph</c> global carries the fields dbt's serialized nodes always have, so packages that read the project's
/// graph (dbt-project-evaluator) get none rather than an undefined-attribute error: column constraints and quote, a
/// model's time_spine, contract, access and group, a source's file path, loader and default freshness threshold, a
/// metric's full type_params.
/// </summary>
public sealed class GraphNodeFieldsTests
{
    [Fact]
    public async Task Nodes_sources_and_metrics_in_the_graph_have_dbts_fields()
    {
        using var project = new TempProject("wellhouse-graph-fields-");
        project.WriteProject("graphed");
        project.Write("models/sources.yml", """
            sources:
              - name: raw
                loader: fivetran
                schema: main
                tables:
                  - name: wells
            """);
        project.Write("models/wells.sql", "select 1 as id");
        project.Write("models/wells.yml", """
            models:
              - name: wells
                config:
                  contract: {enforced: true}
                columns:
                  - name: id
                    data_type: integer
                    constraints:
                      - type: not_null
            """);
        project.Write("models/report.sql", """
            {% set out = [] %}
            {% if execute %}
            {% for n in graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') | rejectattr('time_spine', 'none') %}{% do out.append('spine:' ~ n.name) %}{% endfor %}
            {% set wells = graph.nodes['model.graphed.wells'] %}
            {% do out.append(tojson(wells.columns['id'].constraints)) %}
            {% do out.append(wells.columns['id'].quote ~ '/' ~ wells.contract.enforced ~ '/' ~ wells.access ~ '/' ~ wells.group) %}
            {% set s = graph.sources['source.graphed.raw.wells'] %}
            {% do out.append(s.original_file_path ~ '/' ~ s.loader ~ '/' ~ s.config.freshness.warn_after.count ~ '/' ~ s.freshness) %}
            {% endif %}
            select '{{ out | join(";") | replace("'", "''") }}' as fields
            """);

        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.True(report.Success, string.Join("\n", project.Log));
        Assert.Equal(
            "[{\"type\": \"not_null\", \"name\": null, \"expression\": null, \"warn_unenforced\": true, \"warn_unsupported\": true, \"to\": null, \"to_columns\": []}];None/True/protected/None;models/sources.yml/fivetran/None/None",
            project.Query("select fields from main.report").Single()[0]);
    }

    [Fact]
    public async Task A_simple_metric_in_the_graph_has_every_type_param()
    {
        using var project = new TempProject("wellhouse-graph-fields-");
        project.WriteProject("graphed");
        project.Write("models/orders.sql", "select 1 as id, date '2024-01-01' as ordered_at, 2.0 as amount");
        project.Write("models/metricflow_time_spine.sql", "select date '2024-01-01' as date_day");
        project.Write("models/semantic.yml", """
            models:
              - name: metricflow_time_spine
                time_spine:
                  standard_granularity_column: date_day
                columns:
                  - name: date_day
                    granularity: day
            semantic_models:
              - name: orders
                model: ref('orders')
                defaults:
                  agg_time_dimension: ordered_at
                entities:
                  - name: order
                    type: primary
                    expr: id
                dimensions:
                  - name: ordered_at
                    type: time
                    type_params:
                      time_granularity: day
                measures:
                  - name: revenue
                    agg: sum
                    expr: amount
            metrics:
              - name: revenue
                label: Revenue
                type: simple
                type_params:
                  measure: revenue
            """);
        project.Write("models/report.sql", """
            {% set m = graph.metrics['metric.graphed.revenue'] if execute else {'type_params': {}} %}
            {% set text = m.type_params.numerator ~ '/' ~ m.type_params.window ~ '/' ~ m.type_params.measure.name ~ '/' ~ m.filter %}
            select '{{ text }}' as fields
            """);

        var report = await project.RunAsync(DbtCommandKind.Run, select: ["report"]);

        Assert.True(report.Success, string.Join("\n", project.Log));
        Assert.Equal("None/None/revenue/None", project.Query("select fields from main.report").Single()[0]);
    }

    [Fact]
    public async Task The_model_global_is_the_node_while_parsing_and_compiling()
    {
        using var project = new TempProject("wellhouse-graph-fields-");
        project.WriteProject("graphed");
        project.Write("macros/describe.sql", "{% macro describe() %}{{ model.resource_type }}:{{ model.package_name }}{% endmacro %}");
        project.Write("models/named.sql", """
            {{ config(alias=model.name ~ '_t', tags=[model.unique_id]) }}
            select '{{ model.name }}|{{ describe() }}|{{ model.config.alias }}' as described
            """);

        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.True(report.Success, string.Join("\n", project.Log));
        Assert.Equal("named|model:graphed|named_t", project.Query("select described from main.named_t").Single()[0]);
        Assert.Contains("model.graphed.named", report.Outcome!.Results.Single().Node.Config.Tags);
    }
}
