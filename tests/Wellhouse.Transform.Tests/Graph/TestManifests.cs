using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Graph;

/// <summary>Small hand-built manifests for graph and selection tests.</summary>
internal static class TestManifests
{
    public static Node Add(Manifest manifest, ResourceType type, string name, string path, params string[] parents)
    {
        var folders = path.Split('/')[1..^1];
        var node = new Node
        {
            UniqueId = $"{type.ToDbtString()}.p.{name}",
            ResourceType = type,
            Name = name,
            PackageName = "p",
            OriginalFilePath = path,
            Path = string.Join('/', path.Split('/')[1..]),
            Fqn = ["p", .. folders, name],
            DefinedAt = new SourceSpan(path, 1, 1),
        };
        node.DependsOnNodes.AddRange(parents);
        manifest.Nodes[node.UniqueId] = node;
        return node;
    }

    /// <summary>
    /// source raw.orders -> stg_orders -> orders -> report; seed countries -> orders; stg_customers -> customers;
    /// tests on orders (generic, attached) and a singular test on orders and customers.
    /// </summary>
    public static Manifest Shop()
    {
        var manifest = new Manifest { ProjectName = "p" };
        manifest.Sources["source.p.raw.orders"] = new SourceDefinition
        {
            UniqueId = "source.p.raw.orders",
            PackageName = "p",
            SourceName = "raw",
            Name = "orders",
            OriginalFilePath = "models/staging/sources.yml",
            Fqn = ["p", "staging", "raw", "orders"],
        };
        Add(manifest, ResourceType.Seed, "countries", "seeds/countries.csv").Config["materialized"] = "seed";
        var stg = Add(manifest, ResourceType.Model, "stg_orders", "models/staging/stg_orders.sql", "source.p.raw.orders");
        stg.Config["tags"] = new List<object?> { "staging", "daily" };
        Add(manifest, ResourceType.Model, "stg_customers", "models/staging/stg_customers.sql").Config["tags"] = new List<object?> { "staging" };
        var orders = Add(manifest, ResourceType.Model, "orders", "models/marts/orders.sql", "model.p.stg_orders", "seed.p.countries");
        orders.Config["materialized"] = "table";
        Add(manifest, ResourceType.Model, "customers", "models/marts/customers.sql", "model.p.stg_customers").Config["materialized"] = "table";
        Add(manifest, ResourceType.Model, "report", "models/reports/report.sql", "model.p.orders");
        var generic = Add(manifest, ResourceType.Test, "not_null_orders_id", "models/marts/schema.yml", "model.p.orders");
        generic.TestMetadata = new TestMetadata { Name = "not_null" };
        Add(manifest, ResourceType.Test, "assert_orders_customers", "tests/assert_orders_customers.sql", "model.p.orders", "model.p.customers");
        return manifest;
    }
}
