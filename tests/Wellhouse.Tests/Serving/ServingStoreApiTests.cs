using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wellhouse.Serving;
using Wellhouse.Snapshots;

namespace Wellhouse.Tests.Serving;

/// <summary>
/// Every per-well series of every well, from the server that answers from the serving store, against the server that
/// answers with SQL on the snapshot's relations (the same snapshot): the same bytes, JSON and CSV, for the relations
/// stored as they are; for the views the store computes (moving averages, the decline curve) or holds as one scan of the
/// view (cumulatives), the same rows and columns with numbers equal to a relative 1e-12 (the same equations and steps;
/// sums may round in another order: DuckDB adds a window's running sum in the order of each query's plan, so one well's
/// cumulatives read alone and read in the scan of every well can differ in the last bit).
/// </summary>
public sealed class ServingStoreApiTests(ServingFixture fixture) : IClassFixture<ServingFixture>
{
    private const double Tolerance = 1e-12;

    /// <summary>Series the store holds as rows of a relation (or, for daily, as stored rows beside the well's attributes).</summary>
    private static readonly string[] StoredSeries =
    [
        "", "/production", "/production?granularity=yearly", "/production?granularity=daily", "/production?granularity=daily&from=2014-02-01&to=2014-03-15",
        "/production?from=2020-03-01&to=2021-02-28", "/production?granularity=yearly&from=2021-06-01",
        "/forecast?stream=oil", "/forecast?stream=gas", "/trendline?stream=oil", "/trendline?stream=gas", "/trendline?stream=water", "/revenue",
        "/revenue?from=2012-01-01&to=2021-12-31",
    ];

    /// <summary>Series the store computes as the warehouse's views do, or holds as one scan of a view with running sums.</summary>
    private static readonly string[] ComputedSeries =
    [
        "/cumulative", "/cumulative?to=2020-12-31",
        "/moving-averages", "/moving-averages?window=30d", "/moving-averages?window=3m&from=2020-01-01", "/moving-averages?window=180d&to=2014-01-01",
        "/decline?stream=oil", "/decline?stream=gas", "/decline?stream=water", "/decline?stream=oil&from=2012-01-01&to=2030-06-30",
    ];

    [Fact]
    public void Store_HoldsEveryRelationAndComputesTheViews()
    {
        var store = fixture.StoreServices.GetRequiredService<SnapshotProvider>().Current?.Serve;
        Assert.NotNull(store);
        // int_production_cumsum is not stored: it is computed from stg_well_production's rows.
        Assert.Equal(ServeRelations.Scans.Select(scan => scan.Name).Where(name => name != ServeCumulative.Relation).Order(),
            store.Footer.Relations.Select(r => r.Name).Order());
        Assert.Equal([ServeViewCheck.DeclineCurves, ServeViewCheck.MovingAverages, ServeCumulative.Relation, ServeViewCheck.DeclineForecast, ServeViewCheck.Daily],
            store.Footer.Computed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["12m", "180d", "30d", "3m", "6m", "90d"], store.Footer.Windows.Select(w => w.Name).Order(StringComparer.Ordinal));
        // The trendlines' actual_rate is read from stg_well_production (ServeLookups), not stored twice.
        Assert.Equal("stg_well_production", store.Relation("int_ml_trendlines_output")!["actual_rate"].Info.Lookup?.Relation);
        // Its residual_z is computed from the rates and residual_sigma, which is kept as runs (one value per well and stream).
        Assert.Equal(ServeDerivedOp.LogResidualZ, store.Relation("int_ml_trendlines_output")!["residual_z"].Derivation?.Op);
        Assert.NotNull(store.Relation("int_ml_trendlines_output")!["residual_sigma"].Info.RunsOffset);
        Assert.True(fixture.Wells.Count > ServingFixture.GeneratedWells, $"{fixture.Wells.Count} wells");
    }

    [Fact]
    public async Task StoredSeries_EveryWell_SameBytesAsSql()
    {
        var rows = 0;
        foreach (var well in fixture.Wells)
        {
            foreach (var series in StoredSeries)
            {
                foreach (var csv in new[] { false, true })
                {
                    var url = $"/api/wells/{well}{series}" + (csv ? (series.Contains('?') ? "&" : "?") + "format=csv" : "");
                    if (csv && series.Length == 0)
                    {
                        continue; // the summary is JSON only
                    }

                    var (sql, store) = await BothAsync(url);
                    Assert.True(sql == store, $"{url}: the store's answer differs from SQL's\nSQL:   {Head(sql)}\nstore: {Head(store)}");
                    rows += sql.Count(c => c == '\n');
                }
            }
        }

        Assert.True(rows > 10_000, $"only {rows} CSV rows compared");
    }

    [Fact]
    public async Task ComputedSeries_EveryWell_EqualsTheViews()
    {
        var items = 0;
        foreach (var well in fixture.Wells)
        {
            foreach (var series in ComputedSeries)
            {
                var url = $"/api/wells/{well}{series}";
                if (await BothRefuseAsync(url) is not null)
                {
                    continue; // a window of the other period type (3m on a daily well): the same 400 from both
                }

                var (sql, store) = await BothAsync(url);
                var expected = JsonDocument.Parse(sql).RootElement;
                var actual = JsonDocument.Parse(store).RootElement;
                var problem = Compare(expected, actual, "$");
                Assert.True(problem is null, $"{url}: {problem}");
                items += expected.GetProperty("items").GetArrayLength();

                var (sqlCsv, storeCsv) = await BothAsync(url + (series.Contains('?') ? "&" : "?") + "format=csv");
                var csvProblem = CompareCsv(sqlCsv, storeCsv);
                Assert.True(csvProblem is null, $"{url} as CSV: {csvProblem}");
            }
        }

        Assert.True(items > 10_000, $"only {items} rows compared");
    }

    [Fact]
    public async Task Store_UnknownWell_Is404AndHeadersAsBefore()
    {
        var missing = await fixture.Store.GetAsync("/api/wells/999999999/production");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        var response = await fixture.Store.GetAsync($"/api/wells/{fixture.Wells[0]}/moving-averages?window=30d");
        Assert.Equal(fixture.SnapshotId, response.Headers.GetValues("X-Data-Snapshot").Single());
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/wells/{fixture.Wells[0]}/moving-averages?window=30d");
        request.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(System.Net.HttpStatusCode.NotModified, (await fixture.Store.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task StoreAnswers_CarryTheirContentLength_SmallAndLarge()
    {
        var small = await fixture.Store.GetAsync($"/api/wells/{fixture.Wells.Max()}/production");
        var smallBody = await small.Content.ReadAsByteArrayAsync();
        Assert.True(smallBody.Length is > 1000 and < 1 << 16, $"{smallBody.Length} bytes");
        Assert.Equal(smallBody.Length, small.Content.Headers.ContentLength);
        Assert.Null(small.Headers.TransferEncodingChunked);

        // Larger than 64 KB (the daily series larger than one flush, 128 KB: sent in parts), its length known before the first.
        foreach (var series in new[] { "/production?granularity=daily", "/decline?stream=oil", "/moving-averages?window=30d", "/cumulative" })
        {
            var large = await fixture.Store.GetAsync("/api/wells/7405" + series);
            var largeBody = await large.Content.ReadAsByteArrayAsync();
            Assert.True(largeBody.Length > 1 << 16, $"{series}: {largeBody.Length} bytes");
            Assert.Equal(largeBody.Length, large.Content.Headers.ContentLength);
            Assert.NotEqual(true, large.Headers.TransferEncodingChunked);
            Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(largeBody).RootElement.GetProperty("items").ValueKind);
        }
    }

    [Fact]
    public async Task MonthlyProduction_KeptAfterItsFirstAnswer_RepeatsTheSameBytes()
    {
        var store = fixture.StoreServices.GetRequiredService<SnapshotProvider>().Current!.Serve!;
        var answers = fixture.StoreServices.GetRequiredService<AnswerCache>();
        var index = store.Relation("mart_well_summary")!.IndexOf(fixture.Wells[0]);
        var url = $"/api/wells/{fixture.Wells[0]}/production";
        var (sql, first) = await BothAsync(url);
        var kept = answers.Get(store, "production?granularity=monthly", index);
        Assert.NotNull(kept);
        Assert.Equal(first, System.Text.Encoding.UTF8.GetString(kept));
        var again = await fixture.Store.GetAsync(url);
        Assert.Equal(first, await again.Content.ReadAsStringAsync());
        Assert.Equal(sql, first);
        Assert.Equal(kept.Length, again.Content.Headers.ContentLength);
        Assert.Equal(fixture.SnapshotId, again.Headers.GetValues("X-Data-Snapshot").Single());
        Assert.NotNull(again.Headers.ETag);
        Assert.True(answers.Bytes(store) >= kept.Length);
    }

    /// <summary>The monthly answers rendered before a store is served (<see cref="AnswerCache.KeepAhead"/>) are the bytes
    /// the SQL path writes for every well, and the served store's were kept before the first request.</summary>
    [Fact]
    public async Task MonthlyAnswers_KeptAhead_AreTheSqlPathsBytesForEveryWell()
    {
        var store = fixture.StoreServices.GetRequiredService<SnapshotProvider>().Current!.Serve!;
        var wells = store.Relation("mart_well_summary")!;
        var answers = new AnswerCache(Microsoft.Extensions.Options.Options.Create(new Hosting.WellhouseOptions()));
        var (kept, bytes) = answers.KeepAhead(store, TimeSpan.FromMinutes(5)); // not the served 1 s: a busy machine
        Assert.Equal(fixture.Wells.Count, kept);
        Assert.Equal(answers.Bytes(store), bytes);
        foreach (var well in fixture.Wells)
        {
            var body = answers.Get(store, AnswerCache.MonthlyProduction, wells.IndexOf(well));
            Assert.NotNull(body);
            var (sql, _) = await BothAsync($"/api/wells/{well}/production?granularity=monthly&to=2999-12-31"); // rendered, not kept
            Assert.Equal(sql, System.Text.Encoding.UTF8.GetString(body));
        }

        var served = fixture.StoreServices.GetRequiredService<AnswerCache>();
        Assert.True(served.Bytes(store) >= bytes, $"{served.Bytes(store)} bytes kept by the server, {bytes} ahead");
        Assert.Equal((0, 0L), new AnswerCache(Microsoft.Extensions.Options.Options.Create(new Hosting.WellhouseOptions { Api = { PreEncodedMegabytes = 0 } })).KeepAhead(store));
    }

    [Fact]
    public void AnswerCache_KeepsWithinItsBudget_OnceAWell()
    {
        var store = fixture.StoreServices.GetRequiredService<SnapshotProvider>().Current!.Serve!;
        var answers = new AnswerCache(Microsoft.Extensions.Options.Options.Create(new Hosting.WellhouseOptions { Api = { PreEncodedMegabytes = 1 } }));
        var body = new byte[300_000];
        new Random(3).NextBytes(body);
        answers.Keep(store, "a", 0, 10, body);
        answers.Keep(store, "a", 0, 10, new byte[300_000]); // the well already has its answer
        answers.Keep(store, "b", 0, 10, body);
        answers.Keep(store, "a", 1, 10, body);
        answers.Keep(store, "a", 2, 10, body); // over 1 MiB
        answers.Keep(store, "a", 10, 10, body); // not a well's index
        Assert.Equal(body, answers.Get(store, "a", 0));
        Assert.NotNull(answers.Get(store, "b", 0));
        Assert.NotNull(answers.Get(store, "a", 1));
        Assert.Null(answers.Get(store, "a", 2));
        Assert.Null(answers.Get(store, "a", -1));
        Assert.Equal(3 * (300_000 + 32), answers.Bytes(store));

        var off = new AnswerCache(Microsoft.Extensions.Options.Options.Create(new Hosting.WellhouseOptions { Api = { PreEncodedMegabytes = 0 } }));
        off.Keep(store, "a", 0, 10, body);
        Assert.Null(off.Get(store, "a", 0));
        Assert.Equal(0, off.Bytes(store));
    }

    [Fact]
    public async Task MovingAverages_MonthWindowOnADailyWell_Is400SayingWhyFromBothPaths()
    {
        var errors = await BothRefuseAsync("/api/wells/7405/moving-averages?window=3m");

        Assert.NotNull(errors);
        Assert.Contains("3m is a window of months, computed for wells that report monthly periods; well 7405 reports daily periods, "
            + "whose windows are in days: 30d, 90d, 180d", errors, StringComparison.Ordinal);
        var monthly = fixture.Wells.Max();
        Assert.Contains("3m, 6m, 12m", await BothRefuseAsync($"/api/wells/{monthly}/moving-averages?window=xyz"), StringComparison.Ordinal);
        Assert.Null(await BothRefuseAsync($"/api/wells/{monthly}/moving-averages?window=3m&from=2999-01-01"));
    }

    /// <summary>
    /// <c>fields</c> (sparse fieldsets): for every well and several series, the answer holds exactly the named columns,
    /// in the series' own order whatever the order asked, with the values of the full answer (nothing else changes);
    /// the store and SQL answer it alike (the same bytes for stored relations, JSON and CSV; numbers to 1e-12 for the
    /// computed views); a name that is not a column is the same 400 from both, naming it and the series' columns.
    /// </summary>
    [Fact]
    public async Task Fields_EveryWell_TheFullAnswersColumns_FromStoreAndSqlAlike()
    {
        string[] stored = ["/production?granularity=daily", "/production", "/production?granularity=yearly", "/trendline?stream=oil", "/revenue"];
        string[] computed = ["/cumulative", "/decline?stream=oil", "/moving-averages"];
        var compared = 0;
        foreach (var well in fixture.Wells)
        {
            foreach (var series in stored.Concat(computed))
            {
                var url = $"/api/wells/{well}{series}";
                var full = JsonDocument.Parse(await (await fixture.Store.GetAsync(url)).Content.ReadAsStringAsync()).RootElement;
                var items = full.GetProperty("items");
                if (items.GetArrayLength() == 0)
                {
                    continue;
                }

                var names = items[0].EnumerateObject().Select(p => p.Name).ToList();
                var chosen = names.Where((_, i) => i % 3 != 1).ToList();
                var selected = $"{url}{(series.Contains('?') ? "&" : "?")}fields={string.Join(',', Enumerable.Reverse(chosen))}";
                var (sql, store) = await BothAsync(selected);
                var answer = JsonDocument.Parse(store).RootElement;
                Assert.Equal(items.GetArrayLength(), answer.GetProperty("items").GetArrayLength());
                foreach (var (row, fullRow) in answer.GetProperty("items").EnumerateArray().Zip(items.EnumerateArray()))
                {
                    Assert.Equal(chosen, row.EnumerateObject().Select(p => p.Name).ToList());
                    foreach (var name in chosen)
                    {
                        Assert.Equal(fullRow.GetProperty(name).GetRawText(), row.GetProperty(name).GetRawText());
                    }
                }

                Assert.Equal(full.EnumerateObject().Where(p => p.Name != "items").Select(p => p.ToString()),
                    answer.EnumerateObject().Where(p => p.Name != "items").Select(p => p.ToString()));
                var (sqlCsv, storeCsv) = await BothAsync(selected + "&format=csv");
                Assert.Equal(string.Join(',', chosen), storeCsv.Split('\n')[0]);
                if (stored.Contains(series))
                {
                    Assert.True(sql == store, $"{selected}: the store's answer differs from SQL's\nSQL:   {Head(sql)}\nstore: {Head(store)}");
                    Assert.True(sqlCsv == storeCsv, $"{selected} as CSV: the store's answer differs from SQL's");
                }
                else
                {
                    var problem = Compare(JsonDocument.Parse(sql).RootElement, answer, "$");
                    Assert.True(problem is null, $"{selected}: {problem}");
                    Assert.Null(CompareCsv(sqlCsv, storeCsv));
                }

                compared += items.GetArrayLength();
            }
        }

        Assert.True(compared > 10_000, $"only {compared} rows compared");
        var errors = await BothRefuseAsync($"/api/wells/{fixture.Wells[0]}/production?granularity=daily&fields=production_period,oil_rate,x");
        Assert.NotNull(errors);
        Assert.Contains("not a column of this series: oil_rate, x; its columns: well_code, well_name,", errors, StringComparison.Ordinal);
        Assert.Contains("expected column names", await BothRefuseAsync($"/api/wells/{fixture.Wells[0]}/cumulative?fields=Oil;drop"), StringComparison.Ordinal);
    }

    /// <summary>The validation errors when both servers answer 400 with the same errors; null when both accept.</summary>
    private async Task<string?> BothRefuseAsync(string url)
    {
        var sql = await fixture.Sql.GetAsync(url);
        var store = await fixture.Store.GetAsync(url);
        Assert.Equal(sql.StatusCode, store.StatusCode);
        if (sql.StatusCode != System.Net.HttpStatusCode.BadRequest)
        {
            return null;
        }

        var sqlErrors = JsonDocument.Parse(await sql.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetRawText();
        var storeErrors = JsonDocument.Parse(await store.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetRawText();
        Assert.Equal(sqlErrors, storeErrors);
        return sqlErrors;
    }

    private async Task<(string Sql, string Store)> BothAsync(string url)
    {
        var sql = await fixture.Sql.GetAsync(url);
        var store = await fixture.Store.GetAsync(url);
        Assert.True(sql.IsSuccessStatusCode, $"{url}: SQL {(int)sql.StatusCode} {await sql.Content.ReadAsStringAsync()}");
        Assert.True(store.IsSuccessStatusCode, $"{url}: store {(int)store.StatusCode} {await store.Content.ReadAsStringAsync()}");
        Assert.Equal(sql.Content.Headers.ContentType?.ToString(), store.Content.Headers.ContentType?.ToString());
        Assert.Equal(fixture.SnapshotId, store.Headers.GetValues("X-Data-Snapshot").Single());
        return (await sql.Content.ReadAsStringAsync(), await store.Content.ReadAsStringAsync());
    }

    private static string Head(string text) => text.Length > 600 ? text[..600] + "..." : text;

    /// <summary>Null when equal: the same properties in the same order, the same array lengths, strings and literals equal,
    /// numbers equal to <see cref="Tolerance"/>.</summary>
    private static string? Compare(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: {expected.ValueKind} {expected} vs {actual.ValueKind} {actual}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var names = expected.EnumerateObject().Select(p => p.Name).ToList();
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToList();
                if (!names.SequenceEqual(actualNames))
                {
                    return $"{path}: properties {string.Join(",", names)} vs {string.Join(",", actualNames)}";
                }

                return names.Select(name => Compare(expected.GetProperty(name), actual.GetProperty(name), $"{path}.{name}")).FirstOrDefault(p => p is not null);
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: {expected.GetArrayLength()} vs {actual.GetArrayLength()} elements";
                }

                return expected.EnumerateArray().Zip(actual.EnumerateArray()).Select((pair, i) => Compare(pair.First, pair.Second, $"{path}[{i}]"))
                    .FirstOrDefault(p => p is not null);
            case JsonValueKind.Number:
                return Close(expected.GetDouble(), actual.GetDouble()) ? null : $"{path}: {expected} vs {actual}";
            default:
                return expected.GetRawText() == actual.GetRawText() ? null : $"{path}: {expected} vs {actual}";
        }
    }

    private static string? CompareCsv(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        if (expectedLines.Length != actualLines.Length)
        {
            return $"{expectedLines.Length} vs {actualLines.Length} lines";
        }

        for (var line = 0; line < expectedLines.Length; line++)
        {
            var e = expectedLines[line].Split(',');
            var a = actualLines[line].Split(',');
            if (e.Length != a.Length)
            {
                return $"line {line + 1}: {expectedLines[line]} vs {actualLines[line]}";
            }

            for (var i = 0; i < e.Length; i++)
            {
                var same = e[i] == a[i]
                    || (double.TryParse(e[i], CultureInfo.InvariantCulture, out var x) && double.TryParse(a[i], CultureInfo.InvariantCulture, out var y) && Close(x, y));
                if (!same)
                {
                    return $"line {line + 1} field {i + 1}: {e[i]} vs {a[i]}";
                }
            }
        }

        return null;
    }

    private static bool Close(double expected, double actual) =>
        expected == actual || Math.Abs(expected - actual) <= Tolerance * Math.Max(Math.Abs(expected), Math.Abs(actual));
}
