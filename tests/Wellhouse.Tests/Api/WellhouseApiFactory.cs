using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Wellhouse.Refresh;

namespace Wellhouse.Tests.Api;

/// <summary>
/// The real web host (Program.CreateHostBuilder) over a temp data directory, with the fake warehouse builder and a
/// recording alert; the bootstrap is off. Dispose deletes the data directory.
/// </summary>
public sealed class WellhouseApiFactory : WebApplicationFactory<Program>
{
    public const string Key = "test-key-0123456789";

    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, string?> _settings = new();

    public WellhouseApiFactory(long maxUploadBytes = 1 << 20, string? schedule = null, bool readsNeedKey = false, int writesPerMinute = 100000,
        long? maxUploadRows = null)
    {
        _settings["Wellhouse:DataDir"] = _data.Path;
        _settings["Wellhouse:Bootstrap"] = "false";
        _settings["Wellhouse:Api:Key"] = Key;
        _settings["Wellhouse:Api:WritesPerMinute"] = writesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _settings["Wellhouse:Api:RequireKeyForReads"] = readsNeedKey ? "true" : "false";
        _settings["Wellhouse:Ingest:MaxBytes"] = maxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _settings["Wellhouse:Ingest:MaxRows"] = maxUploadRows?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _settings["Wellhouse:Refresh:Schedule"] = schedule;
        _settings["Wellhouse:Refresh:KeepSnapshots"] = "2";
        _settings["Logging:LogLevel:Default"] = "Warning";
    }

    internal FakeWarehouseBuilder Builder { get; } = new();

    /// <summary>Sets a configuration value (e.g. <c>Wellhouse:Refresh:KeepRuns</c>); before the host starts.</summary>
    public WellhouseApiFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    internal RecordingAlert Alerts { get; } = new();

    public string DataDir => _data.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IWarehouseBuilder>(Builder);
            services.AddSingleton<IRefreshAlert>(Alerts);
        });
    }

    /// <summary>A client that sends the API key.</summary>
    public HttpClient CreateWriter()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    /// <summary>Ingests a small CSV, runs a refresh through the API and waits for it; returns the run.</summary>
    internal async Task<RefreshRun> RefreshAsync(HttpClient? writer = null)
    {
        var client = writer ?? CreateWriter();
        var response = await client.PostAsync("/api/runs", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var id = response.Headers.Location!.ToString().Split('/')[^1];
        var run = await Services.GetRequiredService<RefreshCoordinator>().WaitAsync(id);
        return run!;
    }

    internal async Task<HttpResponseMessage> IngestCsvAsync(string csv, string query = "")
    {
        using var content = new StringContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await CreateWriter().PostAsync("/api/ingest" + query, content);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _data.Dispose();
        }
    }
}

/// <summary>Records refresh-failure alerts.</summary>
internal sealed class RecordingAlert : IRefreshAlert
{
    public List<RefreshRun> Failed { get; } = [];

    public Task RefreshFailedAsync(RefreshRun run, CancellationToken cancellationToken)
    {
        lock (Failed)
        {
            Failed.Add(run);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Small raw-contract uploads.</summary>
internal static class RawCsv
{
    public const string Header =
        "field_code,field_name,well_code,well_reference,well_name,production_period,days_on_production,oil_production_kbd,"
        + "gas_production_mmcfd,liquids_production_kbd,water_production_kbd,data_source,source_data,partition_0,created_at,updated_at";

    public static string Rows(int wellCode, int count, int year = 2020) =>
        Header + "\n" + string.Join("\n", Enumerable.Range(1, count).Select(month =>
            $"10,ALPHA,{wellCode},NO 1/1-A-1,Alpha A-1,{year}-{month:00}-01,28,1.5,0.3,1.6,0.2,upload_monthly,test.csv,{year},2021-01-01T00:00:00,2021-01-01T00:00:00"));
}
