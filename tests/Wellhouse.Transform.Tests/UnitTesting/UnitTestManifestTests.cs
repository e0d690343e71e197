using System.Text.Json;
using Wellhouse.Transform.Artifacts;

namespace Wellhouse.Transform.Tests.UnitTesting;

/// <summary>manifest.json: unit tests in their own <c>unit_tests</c> section, not among the nodes.</summary>
public sealed class UnitTestManifestTests
{
    [Fact]
    public void Write_WellsProject_UnitTestsSectionInDbtShape()
    {
        using var project = new UnitTestProject("wells");
        var loaded = project.Load().Project!;
        using var stream = new MemoryStream();

        ManifestWriter.Write(loaded, stream);

        using var json = JsonDocument.Parse(stream.ToArray());
        var root = json.RootElement;
        Assert.DoesNotContain(root.GetProperty("nodes").EnumerateObject(), p => p.Name.StartsWith("unit_test.", StringComparison.Ordinal));
        var unitTests = root.GetProperty("unit_tests");
        Assert.Equal(7, unitTests.EnumerateObject().Count());
        var test = unitTests.GetProperty("unit_test.wells.well_revenue.revenue_with_price_factor_var");
        Assert.Equal("well_revenue", test.GetProperty("model").GetString());
        Assert.Equal("unit_test", test.GetProperty("resource_type").GetString());
        Assert.Equal("ref('well_monthly')", test.GetProperty("given")[0].GetProperty("input").GetString());
        Assert.Equal(1.0, test.GetProperty("given")[0].GetProperty("rows")[0].GetProperty("oil_kbbl").GetDouble());
        Assert.Equal(100000, test.GetProperty("expect").GetProperty("rows")[0].GetProperty("revenue_usd").GetInt64());
        Assert.Equal(2, test.GetProperty("overrides").GetProperty("vars").GetProperty("price_factor").GetInt64());
        Assert.Equal("model.wells.well_revenue", test.GetProperty("depends_on").GetProperty("nodes")[0].GetString());
        Assert.Equal(["wells", "well_revenue", "revenue_with_price_factor_var"], test.GetProperty("fqn").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("sql", unitTests.GetProperty("unit_test.wells.well_revenue.revenue_from_sql_and_fixture_file").GetProperty("expect").GetProperty("format").GetString());
        Assert.Contains("unit_test.wells.well_revenue.revenue_with_price_factor_var", root.GetProperty("child_map").GetProperty("model.wells.well_revenue").EnumerateArray().Select(e => e.GetString()));
    }
}
