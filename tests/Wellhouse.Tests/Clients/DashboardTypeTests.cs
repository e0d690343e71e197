using System.Text.Json.Nodes;
using Wellhouse.Tests.Warehouse;

namespace Wellhouse.Tests.Clients;

/// <summary>
/// The dashboard's data calls are typed by the API document: web/src (plain ES modules with JSDoc types), with the types
/// openapi-typescript generates from docs/openapi.json, passes <c>tsc --checkJs</c> (web/tsconfig.json); a contract
/// change that breaks a page (a property it shows, a column it charts, a path it reads) fails the check.
/// </summary>
public sealed class DashboardTypeTests
{
    private static string Web => Path.Combine(RepoPaths.Root, "web");

    [Fact]
    public async Task Dashboard_TypeChecksAgainstTheCommittedDocument()
    {
        var (code, output) = await CheckAsync(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "openapi.json")));

        Assert.True(code == 0, $"tsc --checkJs on web/ exited {code}:\n{output}");
    }

    [Theory]
    [InlineData("summary", "src/pages/well.js", "'cum_oil_kbbl' does not exist")]
    [InlineData("column", "src/pages/well-charts.js", "'\"volume_p50\"' is not assignable")]
    [InlineData("path", "src/pages/well-charts.js", "'\"/api/wells/{wellCode}/decline\"' is not assignable")]
    public async Task ContractChangeThatBreaksAPage_FailsTheCheck(string change, string file, string message)
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "openapi.json")))!;
        var schemas = document["components"]!["schemas"]!;
        switch (change)
        {
            case "summary": // a property the well page's cards show is renamed
                Rename(schemas["WellSummary"]!["properties"]!.AsObject(), "cum_oil_kbbl", "cum_oil_mbbl");
                break;
            case "column": // a column the forecast chart plots is renamed
                Rename(schemas["ForecastRow"]!["properties"]!.AsObject(), "volume_p50", "volume_p50_kbbl");
                break;
            case "path": // an endpoint a chart reads moves
                Rename(document["paths"]!.AsObject(), "/api/wells/{wellCode}/decline", "/api/wells/{wellCode}/decline-curve");
                break;
        }

        var (code, output) = await CheckAsync(document.ToJsonString());

        Assert.NotEqual(0, code);
        Assert.Contains(file, output);
        Assert.Contains(message, output);
    }

    private static void Rename(JsonObject json, string from, string to)
    {
        var value = json[from]!.DeepClone();
        json.Remove(from);
        json[to] = value;
    }

    /// <summary>web/ (tsconfig, src, types) copied with the types generated from the document, checked by tsc.</summary>
    private static async Task<(int Code, string Output)> CheckAsync(string document)
    {
        using var work = new TypeScriptWork();
        work.Copy(Web, "tsconfig.json", "", recursive: false);
        work.Copy(Path.Combine(Web, "src"), "*.js", "src");
        work.Copy(Path.Combine(Web, "types"), "globals.d.ts", "types", recursive: false);
        await work.GenerateTypesAsync(document, Path.Combine("types", "api-types.d.ts"));
        var (code, output, error) = await work.TscAsync("tsconfig.json");
        return (code, output + error);
    }
}
