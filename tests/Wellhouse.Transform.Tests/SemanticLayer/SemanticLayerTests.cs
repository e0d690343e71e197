using System.Text.Json;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.SemanticLayer;

/// <summary>
/// Semantic models, metrics and saved queries as dbt-core 1.10 parses them: in manifest.json (refs and measures
/// resolved into depends_on), the graph and selection; dbt's reference errors and semantic-manifest checks as errors
/// at their file and line; never built.
/// </summary>
public sealed class SemanticLayerTests
{
    private const string Models = """
        version: 2
        models:
          - name: time_spine_daily
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
              - name: order_id
                type: primary
              - name: customer
                type: foreign
                expr: customer_id
            dimensions:
              - name: ordered_at
                type: time
                type_params:
                  time_granularity: day
              - name: status
                type: categorical
            measures:
              - name: order_total
                agg: sum
                expr: amount
              - name: order_count
                agg: count
                expr: 1
                create_metric: true
        metrics:
          - name: revenue
            label: Revenue
            type: simple
            type_params:
              measure: order_total
          - name: revenue_per_order
            label: Revenue per order
            type: ratio
            type_params:
              numerator: revenue
              denominator: order_count
          - name: revenue_growth
            label: Revenue growth
            type: derived
            type_params:
              expr: revenue - 1
              metrics:
                - name: revenue
        saved_queries:
          - name: weekly_revenue
            query_params:
              metrics: [revenue, revenue_per_order]
              group_by: ["TimeDimension('order__ordered_at', 'week')"]
            exports:
              - name: weekly_revenue_export
                config:
                  export_as: table
        """;

    private static TempProject Project(string schema = Models, string extraProject = "")
    {
        var project = new TempProject("wellhouse-semantic-");
        project.WriteProject("shop", extraProject);
        project.Write("models/orders.sql", "select 1 as order_id, 7 as customer_id, 10.5 as amount, date '2024-01-01' as ordered_at, 'open' as status");
        project.Write("models/time_spine_daily.sql", "select date '2024-01-01' as date_day");
        project.Write("models/semantic.yml", schema);
        return project;
    }

    private static ProjectLoadResult Load(TempProject project) =>
        ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

    [Fact]
    public async Task Semantic_models_metrics_and_saved_queries_are_in_the_manifest_with_their_dependencies_and_are_not_built()
    {
        using var project = Project();
        var report = await project.RunAsync(DbtCommandKind.Build);

        Assert.True(report.Success, string.Join("\n", project.Log));
        Assert.DoesNotContain(report.Diagnostics, d => d.Code == "DBT180");
        Assert.DoesNotContain(report.Outcome!.Results, r => r.Node.UniqueId.StartsWith("metric.", StringComparison.Ordinal) || r.Node.UniqueId.StartsWith("semantic_model.", StringComparison.Ordinal));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.ProjectDir, "target", "manifest.json")));
        var root = manifest.RootElement;
        var model = root.GetProperty("semantic_models").GetProperty("semantic_model.shop.orders");
        Assert.Equal(["model.shop.orders"], Nodes(model));
        Assert.Equal("\"dev\".\"main\".\"orders\"", model.GetProperty("node_relation").GetProperty("relation_name").GetString());
        Assert.Equal(["shop", "orders"], model.GetProperty("fqn").EnumerateArray().Select(e => e.GetString()).ToList());
        var metrics = root.GetProperty("metrics");
        Assert.Equal(["metric.shop.order_count", "metric.shop.revenue", "metric.shop.revenue_growth", "metric.shop.revenue_per_order"], metrics.EnumerateObject().Select(p => p.Name).ToList());
        Assert.Equal(["semantic_model.shop.orders"], Nodes(metrics.GetProperty("metric.shop.revenue")));
        Assert.Equal("order_total", metrics.GetProperty("metric.shop.revenue").GetProperty("type_params").GetProperty("measure").GetProperty("name").GetString());
        Assert.Equal(["metric.shop.order_count", "metric.shop.revenue"], Nodes(metrics.GetProperty("metric.shop.revenue_per_order")).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["metric.shop.revenue"], Nodes(metrics.GetProperty("metric.shop.revenue_growth")));
        var query = root.GetProperty("saved_queries").GetProperty("saved_query.shop.weekly_revenue");
        Assert.Equal(["metric.shop.revenue", "metric.shop.revenue_per_order"], Nodes(query));
        Assert.Equal("weekly_revenue_export", query.GetProperty("exports")[0].GetProperty("name").GetString());
        Assert.Equal("date_day", root.GetProperty("nodes").GetProperty("model.shop.time_spine_daily").GetProperty("time_spine").GetProperty("standard_granularity_column").GetString());
        Assert.Contains("semantic_model.shop.orders", root.GetProperty("child_map").GetProperty("model.shop.orders").EnumerateArray().Select(e => e.GetString()));
    }

    private static List<string?> Nodes(JsonElement resource) =>
        [.. resource.GetProperty("depends_on").GetProperty("nodes").EnumerateArray().Select(e => e.GetString())];

    [Fact]
    public void Selectors_match_semantic_resources_and_select_what_feeds_them()
    {
        using var project = Project();
        var load = Load(project);
        Assert.True(load.Success, string.Join("\n", load.Diagnostics));
        var loaded = load.Project!;

        Assert.Equal(["model.shop.orders"], ProjectSelection.TrySelect(loaded, ["+metric:revenue"], [], null, out _)!);
        Assert.Equal(["model.shop.orders"], ProjectSelection.TrySelect(loaded, ["+saved_query:weekly_revenue"], [], null, out _)!);
        string[] matching = ["metric:revenue", "metric:shop.revenue_*", "saved_query:weekly_revenue", "semantic_model:orders", "resource_type:metric", "tag:none,metric:revenue"];
        Assert.Equal(["tag:none,metric:revenue"], Wellhouse.Transform.Graph.NodeSelector.UnmatchedCriteria(loaded.Manifest, loaded.Graph, matching));
        Assert.Equal(["metric:nope"], Wellhouse.Transform.Graph.NodeSelector.UnmatchedCriteria(loaded.Manifest, loaded.Graph, ["metric:nope", "metric:order_count"]));
    }

    [Theory]
    [InlineData("model: ref('orders')", "model: ref('no_such_model')", 10, "Semantic_Model 'semantic_model.shop.orders' (models/semantic.yml) depends on a node named 'no_such_model' which was not found")]
    [InlineData("measure: order_total", "measure: no_such_measure", 36, "A semantic model having a measure `no_such_measure` does not exist but was referenced.")]
    [InlineData("numerator: revenue", "numerator: no_such_metric", 41, "The metric `no_such_metric` does not exist but was referenced.")]
    [InlineData("metrics: [revenue, revenue_per_order]", "metrics: [revenue, missing]", 55, "Saved_Query 'saved_query.shop.weekly_revenue' (models/semantic.yml) depends on a metric named 'missing' which was not found")]
    [InlineData("agg_time_dimension: ordered_at", "agg_time_dimension: status", 28, "In semantic model orders, measure order_total has the aggregation time dimension set to status, which is not a valid time dimension in the semantic model")]
    [InlineData("time_spine:\n      standard_granularity_column: date_day", "description: no time spine", 30, "The semantic layer requires a time spine model with granularity DAY or smaller in the project")]
    [InlineData("agg: sum", "agg: total", 29, "'agg' must be one of")]
    [InlineData("type: primary", "type: primary\n        grain: day", 17, "unknown key 'grain' in semantic model 'orders': entity 'order_id'")]
    [InlineData("  - name: revenue\n    label: Revenue", "  - name: net revenue\n    label: Revenue", 36, "The metric name 'net revenue' is invalid.  It cannot contain spaces")]
    public void A_wrong_semantic_definition_is_a_load_error_at_its_line(string find, string replace, int line, string message)
    {
        Assert.Contains(find, Models, StringComparison.Ordinal);
        var schema = Models.Replace(find, replace, StringComparison.Ordinal);

        using var project = Project(schema);
        var load = Load(project);

        Assert.False(load.Success);
        var error = load.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).OrderBy(d => d.Span.Line).First();
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(("models/semantic.yml", line), (error.Span.File, error.Span.Line));
    }

    [Fact]
    public void A_measure_in_two_semantic_models_and_a_semantic_model_without_primary_entity_are_errors_at_their_lines()
    {
        var second = string.Join("\n",
            "  - name: order_totals_again",
            "    model: ref('orders')",
            "    defaults: {agg_time_dimension: ordered_at}",
            "    dimensions:",
            "      - name: ordered_at",
            "        type: time",
            "        type_params: {time_granularity: day}",
            "    measures:",
            "      - name: order_total",
            "        agg: sum",
            "metrics:");
        using var project = Project(Models.Replace("\nmetrics:\n", "\n" + second + "\n", StringComparison.Ordinal));
        var load = Load(project);

        Assert.False(load.Success);
        var errors = load.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => $"{d.Span.Line} {d.Message}").ToList();
        Assert.True(errors.Count == 2, string.Join("\n", errors));
        Assert.Contains(errors, e => e.StartsWith("35 The semantic model 'order_totals_again' contains dimensions, but it does not define a primary entity", StringComparison.Ordinal));
        Assert.Contains("43 Found measure with name order_total in multiple semantic models with names (orders, order_totals_again)", errors);
    }

    [Fact]
    public void A_disabled_metric_is_left_out_and_project_configs_apply()
    {
        using var project = Project(extraProject: "metrics:\n  shop:\n    +meta: {owner: finance}\n    +enabled: true\nsaved-queries:\n  +enabled: false\n");
        var load = Load(project);

        Assert.True(load.Success, string.Join("\n", load.Diagnostics));
        var manifest = load.Project!.Manifest;
        Assert.Empty(manifest.SavedQueries);
        Assert.Equal("finance", (manifest.Metrics["metric.shop.revenue"].Config["meta"] as IDictionary<string, object?>)!["owner"]);
        Assert.DoesNotContain(load.Diagnostics, d => d.Code == "DBT180");
    }

    [Fact]
    public async Task Build_lists_exposures_and_saved_queries_as_no_op_results_after_what_they_depend_on()
    {
        using var project = Project();
        project.Write("models/exposures.yml", "version: 2\nexposures:\n  - name: weekly_report\n    type: dashboard\n    owner: {email: a@b.c}\n    depends_on: [ref('orders')]\n");

        var report = await project.RunAsync(DbtCommandKind.Build);

        Assert.True(report.Success, string.Join("\n", project.Log));
        var results = report.Outcome!.Results.Select(r => r.Node.UniqueId).ToList();
        Assert.Equal(NodeStatus.NoOp, report.Outcome.Results.Single(r => r.Node.UniqueId == "exposure.shop.weekly_report").Status);
        Assert.Equal(NodeStatus.NoOp, report.Outcome.Results.Single(r => r.Node.UniqueId == "saved_query.shop.weekly_revenue").Status);
        Assert.True(results.IndexOf("model.shop.orders") < results.IndexOf("exposure.shop.weekly_report"));
        Assert.True(results.IndexOf("model.shop.orders") < results.IndexOf("saved_query.shop.weekly_revenue"));
        Assert.Contains(project.Log, l => l.Contains(" NO-OP exposure weekly_report ...", StringComparison.Ordinal) && l.EndsWith("[NO-OP in 0.00s]", StringComparison.Ordinal));
        Assert.Contains(project.Log, l => l.Contains(" NO-OP saved query weekly_revenue ...", StringComparison.Ordinal));
        Assert.DoesNotContain(project.Log, l => l.Contains("START exposure", StringComparison.Ordinal));
        Assert.Equal("Done. PASS=2 WARN=0 ERROR=0 SKIP=0 NO-OP=2 TOTAL=4", project.Log[^1]);
        Assert.Contains(project.Log, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^Found 2 models, 0 seeds, 0 data tests, 0 sources, 1 exposure, 4 metrics, \d+ macros, 1 semantic model, 1 saved query$"));
        using var runResults = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.ProjectDir, "target", "run_results.json")));
        Assert.Contains(runResults.RootElement.GetProperty("results").EnumerateArray(), r => r.GetProperty("unique_id").GetString() == "exposure.shop.weekly_report" && r.GetProperty("status").GetString() == "no-op");

        var run = await project.RunAsync(DbtCommandKind.Run);
        Assert.DoesNotContain(run.Outcome!.Results, r => r.Status == NodeStatus.NoOp);

        project.Write("models/orders.sql", "select no_such_column");
        var failed = await project.RunAsync(DbtCommandKind.Build, select: ["orders+"]);
        Assert.Equal(NodeStatus.Skipped, failed.Outcome!.Results.Single(r => r.Node.UniqueId == "exposure.shop.weekly_report").Status);
        Assert.Equal(NodeStatus.Skipped, failed.Outcome.Results.Single(r => r.Node.UniqueId == "saved_query.shop.weekly_revenue").Status);
    }
}
