using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wellhouse.Generate;
using Wellhouse.Refresh;
using Wellhouse.Snapshots;
using Wellhouse.Testing;
using Wellhouse.Tests.Clients;

namespace Wellhouse.Tests.Refresh;

/// <summary>
/// The application on PostgreSQL (Wellhouse:Warehouse:Target=postgres) against the private test cluster: each refresh
/// builds warehouse/ into its own schema wh_&lt;id&gt;, publishing switches the schema the API reads (over loopback, real
/// Kestrel), keep-N drops the schemas beyond it, and a refresh that fails in the middle of its build leaves the served
/// schema as it was and no schema of its own.
/// </summary>
public sealed class PostgresRefreshTests(PostgresCluster cluster)
{
    private static readonly SyntheticWellOptions Wells = new(Wells: 5, Days: 1800, Monthly: true, Seed: 7, Start: new DateOnly(2018, 1, 1));

    [Fact]
    public async Task Refresh_OnPostgres_BuildsEachSnapshotIntoItsOwnSchema_ServesThePublishedOne_DropsBeyondKeepN()
    {
        var database = await cluster.CreateDatabaseAsync();
        try
        {
            await using var server = new LiveServer(bootstrap: false, settings: new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Wellhouse:Warehouse:Target"] = "postgres",
                ["Wellhouse:Warehouse:Environment:PGHOST"] = cluster.Host,
                ["Wellhouse:Warehouse:Environment:PGPORT"] = cluster.Port.ToString(CultureInfo.InvariantCulture),
                ["Wellhouse:Warehouse:Environment:PGUSER"] = PostgresCluster.User,
                ["Wellhouse:Warehouse:Environment:PGPASSWORD"] = PostgresCluster.Password,
                ["Wellhouse:Warehouse:Environment:PGDATABASE"] = database,
                ["Wellhouse:Refresh:KeepSnapshots"] = "1",
            });
            await server.StartAsync();
            using var client = new HttpClient { BaseAddress = new Uri(server.Url) };
            client.DefaultRequestHeaders.Add("X-Api-Key", LiveServer.Key);
            var coordinator = server.Services.GetRequiredService<RefreshCoordinator>();

            // First refresh: wells 0-2.
            await IngestAsync(client, server.DataDir, [0, 1, 2]);
            var first = await RefreshAsync(client, coordinator);
            Assert.True(first.Published, first.Error);
            Assert.Equal([SnapshotSchemas.Of(first.Id)], Schemas(database));
            var firstWells = WellCodes(database, first.Id);
            Assert.Equal(3, firstWells.Count);
            await AssertServedAsync(client, database, first.Id, firstWells);

            // The serving store was built from the schema (read through Npgsql): every per-well relation is in it.
            var store = server.Services.GetRequiredService<SnapshotProvider>().Current!.Serve;
            Assert.NotNull(store);
            foreach (var relation in new[] { "mart_production_monthly", "mart_well_summary", "stg_well_production", "int_decline_fits", "mart_revenue" })
            {
                Assert.True(store.Relation(relation)?.HasWell(firstWells[0]), relation);
            }

            // Second refresh with two more wells: a new schema, served; the first one dropped (keep 1).
            await IngestAsync(client, server.DataDir, [3, 4]);
            var second = await RefreshAsync(client, coordinator);
            Assert.True(second.Published, second.Error);
            Assert.Equal("full", second.Mode);
            Assert.Equal([SnapshotSchemas.Of(second.Id)], Schemas(database));
            var secondWells = WellCodes(database, second.Id);
            Assert.Equal(5, secondWells.Count);
            Assert.Superset(firstWells.ToHashSet(), secondWells.ToHashSet());
            await AssertServedAsync(client, database, second.Id, secondWells);

            // A refresh that fails in the middle of its build (the server refuses one mart's table, as a full disk
            // would): not published, its schema dropped, the served schema and its answers unchanged.
            var wellsBefore = await client.GetStringAsync("/api/wells?page_size=1000");
            cluster.Query(database, """
                create function public.refuse_mart() returns event_trigger language plpgsql as $$
                begin
                    if exists (select 1 from pg_event_trigger_ddl_commands() where object_identity like '%.mart_revenue%') then
                        raise exception 'could not extend file: No space left on device (test)';
                    end if;
                end $$;
                create event trigger refuse_mart on ddl_command_end execute function public.refuse_mart();
                """);
            await IngestAsync(client, server.DataDir, [5]);
            var failed = await RefreshAsync(client, coordinator);
            Assert.Equal(RunStatus.Failed, failed.Status);
            Assert.False(failed.Published);
            Assert.Contains(failed.Nodes, node => node.UniqueId == "model.wellhouse.mart_revenue" && node.Status == "error");
            Assert.Contains(failed.Nodes, node => node.Status == "success");
            Assert.Equal([SnapshotSchemas.Of(second.Id)], Schemas(database));
            Assert.Equal(second.Id, server.Services.GetRequiredService<SnapshotStore>().CurrentId());
            using (var response = await client.GetAsync("/api/wells?page_size=1000"))
            {
                Assert.Equal(second.Id, response.Headers.GetValues("X-Data-Snapshot").Single());
                Assert.Equal(wellsBefore, await response.Content.ReadAsStringAsync());
            }

            await AssertServedAsync(client, database, second.Id, secondWells);
        }
        finally
        {
            await cluster.DropDatabaseAsync(database);
        }
    }

    /// <summary>Uploads the generated monthly rows of the given wells as one CSV batch.</summary>
    private static async Task IngestAsync(HttpClient client, string dataDir, int[] wells)
    {
        var file = Path.Combine(dataDir, $"upload-{string.Join('-', wells)}.csv");
        using (var writer = new RawRowWriter())
        {
            writer.Write(wells.SelectMany(index => SyntheticWells.Rows(Wells, index).Rows), file);
        }

        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await client.PostAsync("/api/ingest", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        File.Delete(file);
    }

    private static async Task<RefreshRun> RefreshAsync(HttpClient client, RefreshCoordinator coordinator)
    {
        using var response = await client.PostAsync("/api/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await coordinator.WaitAsync(response.Headers.Location!.ToString().Split('/')[^1]);
        Assert.NotNull(run);
        return run;
    }

    /// <summary>The API answers from the snapshot's schema: its id in the header, the wells and fields that schema
    /// holds (SQL on PostgreSQL), and a well's monthly production with the schema's rows (the serving store built from it).</summary>
    private async Task AssertServedAsync(HttpClient client, string database, string id, List<int> wells)
    {
        using var response = await client.GetAsync("/api/wells?page_size=1000");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, response.Headers.GetValues("X-Data-Snapshot").Single());
        using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(wells.Count, list.RootElement.GetProperty("total").GetInt64());
        Assert.Equal(wells, list.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("well_code").GetInt32()).ToList());

        var schema = SnapshotSchemas.Of(id);
        var search = wells[^1].ToString(CultureInfo.InvariantCulture);
        using var found = JsonDocument.Parse(await client.GetStringAsync($"/api/wells?search={search}"));
        Assert.Equal(wells[^1], found.RootElement.GetProperty("items").EnumerateArray().Single().GetProperty("well_code").GetInt32());

        using var fields = JsonDocument.Parse(await client.GetStringAsync("/api/fields"));
        var expectedFields = cluster.Query(database, $"select field_code, count(*) from {schema}.mart_well_summary group by field_code order by field_code");
        Assert.Equal(
            expectedFields.Select(row => $"{row[0]}:{row[1]}"),
            fields.RootElement.GetProperty("items").EnumerateArray().Select(item => $"{item.GetProperty("field_code").GetInt32()}:{item.GetProperty("well_count").GetInt64()}"));

        var well = wells[0];
        using var monthly = JsonDocument.Parse(await client.GetStringAsync($"/api/wells/{well}/production?granularity=monthly"));
        var expected = cluster.Query(database, $"select to_char(month, 'YYYY-MM-DD'), oil_volume_kbbl from {schema}.mart_production_monthly where well_code = {well} order by month");
        var items = monthly.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.True(expected.Count > 12, $"{expected.Count} months");
        Assert.Equal(expected.Count, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            Assert.Equal((string)expected[i][0]!, items[i].GetProperty("month").GetString());
            Assert.Equal(Convert.ToDouble(expected[i][1], CultureInfo.InvariantCulture), items[i].GetProperty("oil_volume_kbbl").GetDouble());
        }
    }

    private List<string> Schemas(string database) =>
        [.. cluster.Query(database, "select nspname from pg_namespace where nspname like 'wh\\_%' order by 1").Select(row => (string)row[0]!)];

    private List<int> WellCodes(string database, string id) =>
        [.. cluster.Query(database, $"select well_code from {SnapshotSchemas.Of(id)}.mart_well_summary order by well_code").Select(row => Convert.ToInt32(row[0], CultureInfo.InvariantCulture))];
}
