// What an application developer writes against a C# client generated from docs/openapi.json. Not part of any project:
// tests/Wellhouse.Tests/Clients/CSharpClientTests.cs generates the client with NSwag at test time, compiles it with this
// file (Roslyn, in memory) and runs these calls against a live server, so a document that no longer matches the server
// or this code fails the tests. Every call goes through the generated client; nothing here reads raw JSON.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace Wellhouse.Client;

public static class ClientScenario
{
    /// <summary>Anonymous reads: the well list and the first well's monthly production. Returns facts to compare.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var client = new WellhouseClient(http);

        var wells = await client.ListWellsAsync(search: null, field: null, page: 1, page_size: 100);
        var well = wells.Items.First();
        var production = await client.GetProductionAsync(well.Well_code, granularity: "monthly", from: null, to: null, fields: null);
        Check(production.Granularity == MonthlyProductionResponseGranularity.Monthly, "monthly production is not monthly");
        Check(production.Items.All(row => row.Well_code == well.Well_code), "a production row of another well");

        return new Dictionary<string, string>
        {
            ["wells_total"] = wells.Total.ToString(CultureInfo.InvariantCulture),
            ["wells_codes"] = string.Join(',', wells.Items.Select(w => w.Well_code)),
            ["well"] = well.Well_code.ToString(CultureInfo.InvariantCulture),
            ["months"] = production.Items.Count.ToString(CultureInfo.InvariantCulture),
            ["first_month"] = production.Items.First().Month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["oil_kbbl"] = production.Items.Sum(row => row.Oil_volume_kbbl ?? 0).ToString("R", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// Writes with the key (header X-Api-Key, the document's ApiKey scheme): an ingest refused without the key, the
    /// same ingest with it, a refresh started and followed to its end, then the new well read back.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> WriteAsync(string baseUrl, string key, int wellCode)
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(baseUrl) };
        using var keyed = new HttpClient { BaseAddress = new Uri(baseUrl) };
        keyed.DefaultRequestHeaders.Add("X-Api-Key", key);
        var client = new WellhouseClient(keyed);

        var csv = RawRows(wellCode, months: 6);
        var refused = await Refused(() => new WellhouseClient(anonymous).IngestAsync(null, null, "client-scenario", Csv(csv)));
        Check(refused.StatusCode == 401 && refused.Result.Status == 401, $"ingest without the key answered {refused.StatusCode}");

        var ingest = await client.IngestAsync(format: null, mode: "strict", source: "client-scenario", Csv(csv));
        Check(!ingest.Duplicate && ingest.Batch.Rows == 6, $"ingest: duplicate {ingest.Duplicate}, {ingest.Batch.Rows} rows");

        var run = await client.StartRunAsync(full_refresh: null);
        Check(run.Status == "running", $"a started run is {run.Status}");
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (run.Status == "running" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            run = await client.GetRunAsync(run.Id);
        }

        Check(run.Status == "succeeded" && run.Published, $"run {run.Id}: {run.Status}, published {run.Published}, {run.Error}");
        var batch = await client.GetBatchAsync(ingest.Batch.Id);
        var well = await client.GetWellAsync(wellCode);
        return new Dictionary<string, string>
        {
            ["batch"] = batch.Id,
            ["run"] = run.Id,
            ["run_nodes"] = run.Nodes.Count.ToString(CultureInfo.InvariantCulture),
            ["first_production"] = well.First_production_date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            ["last_production"] = well.Last_production_date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            ["cum_oil_kbbl"] = well.Cum_oil_kbbl?.ToString("R", CultureInfo.InvariantCulture) ?? "",
        };
    }

    /// <summary>Six months (2024) of one new well in the raw contract: 1.5 kbd of oil (a calendar-day rate), 28 days on.</summary>
    private static string RawRows(int wellCode, int months) =>
        "field_code,field_name,well_code,well_reference,well_name,production_period,days_on_production,oil_production_kbd,"
        + "gas_production_mmcfd,liquids_production_kbd,water_production_kbd,data_source,source_data,partition_0,created_at,updated_at\n"
        + string.Concat(Enumerable.Range(1, months).Select(month =>
            $"10,ALPHA,{wellCode},NO 1/1-C-{wellCode},Client C-{wellCode},2024-{month:00}-01,28,1.5,0.3,1.6,0.2,upload_monthly,client.csv,2024,"
            + "2024-07-01T00:00:00,2024-07-01T00:00:00\n"));

    private static FileParameter Csv(string text) => new(new MemoryStream(Encoding.UTF8.GetBytes(text)), "rows.csv", "text/csv");

    private static async Task<ApiException<ProblemDetails>> Refused(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (ApiException<ProblemDetails> problem)
        {
            return problem;
        }

        throw new InvalidOperationException("the call succeeded where it should have been refused");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}

/// <summary>
/// Strict reading, so the client notices when the server and the document disagree: a property the document does not
/// declare, a null where the document says there is none, or (by C#'s <c>required</c>, which System.Text.Json honours)
/// a required property missing, is an error.
/// </summary>
public partial class WellhouseClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        settings.RespectNullableAnnotations = true;
    }
}
