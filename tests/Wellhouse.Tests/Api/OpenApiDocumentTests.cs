using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wellhouse.Tests.Warehouse;

namespace Wellhouse.Tests.Api;

/// <summary>The OpenAPI document: a typed schema for every success response, described properties, the committed file current.</summary>
public sealed class OpenApiDocumentTests : IDisposable
{
    private readonly WellhouseApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<JsonElement> LiveDocumentAsync() =>
        JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

    [Theory]
    [InlineData("/api/wells", "get", 200, "page,page_size,total,items")]
    [InlineData("/api/wells/{wellCode}", "get", 200, "well_code,well_name,cum_oil_kbbl,oil_eur_kbbl,oil_eur_p10_kbbl,gas_eur_mmcf")]
    [InlineData("/api/wells/{wellCode}/production", "get", 200, "well_code,granularity,items")]
    [InlineData("/api/wells/{wellCode}/cumulative", "get", 200, "well_code,items")]
    [InlineData("/api/wells/{wellCode}/moving-averages", "get", 200, "well_code,window,items")]
    [InlineData("/api/wells/{wellCode}/decline", "get", 200, "well_code,stream,items")]
    [InlineData("/api/wells/{wellCode}/forecast", "get", 200, "well_code,stream,items")]
    [InlineData("/api/wells/{wellCode}/trendline", "get", 200, "well_code,stream,items")]
    [InlineData("/api/wells/{wellCode}/revenue", "get", 200, "well_code,items")]
    [InlineData("/api/wells/{wellCode}/latest", "get", 200, "well_code,batches_after_snapshot,items")]
    [InlineData("/api/fields", "get", 200, "items")]
    [InlineData("/api/fields/{fieldCode}/production", "get", 200, "field_code,granularity,items")]
    [InlineData("/api/decline/fit", "post", 200, "model,qi,di_nominal_per_year,b,eur,eur_p10,eur_p90,forecast")]
    [InlineData("/api/ingest", "post", 201, "batch,duplicate,message,skipped_errors")]
    [InlineData("/api/ingest", "post", 200, "batch,duplicate,message,skipped_errors")]
    [InlineData("/api/ingest/batches", "get", 200, "items")]
    [InlineData("/api/ingest/batches/{id}", "get", 200, "id,received_at,format,rows,skipped_rows,bytes")]
    [InlineData("/api/runs", "post", 202, "id,trigger,status,started_at,published,nodes")]
    [InlineData("/api/runs", "get", 200, "items")]
    [InlineData("/api/runs/{id}", "get", 200, "id,status,finished_at,duration_seconds,error,raw_batches,nodes")]
    [InlineData("/api/snapshots", "get", 200, "items")]
    [InlineData("/api/snapshots/{id}", "get", 200, "id,built_at,run_id,raw_batches,tests_passed,tests_warned,size_bytes,published")]
    [InlineData("/api/snapshots/{id}/publish", "post", 200, "published")]
    [InlineData("/health", "get", 200, "status,snapshot,snapshot_built_at,snapshot_age_seconds,raw_store_writable,problems")]
    [InlineData("/alive", "get", 200, "status")]
    public async Task Document_SuccessResponse_HasObjectSchemaWithExpectedProperties(string path, string method, int status, string properties)
    {
        var document = await LiveDocumentAsync();
        var checker = new JsonSchemaChecker(document, allDeclared: false);

        var schema = checker.ResponseSchema(path, method, status);
        var alternatives = schema.TryGetProperty("oneOf", out var oneOf) ? oneOf.EnumerateArray().ToList() : [schema];

        foreach (var alternative in alternatives.Select(checker.Resolve))
        {
            Assert.Equal("object", alternative.GetProperty("type").GetString());
            var declared = alternative.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
            Assert.All(properties.Split(','), name => Assert.Contains(name, declared));
        }
    }

    [Fact]
    public async Task Document_EveryOperation_DeclaresTheBodyOfItsSuccess()
    {
        var document = await LiveDocumentAsync();
        var untyped = new List<string>();

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var success = operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
                var noBody = path.Name.EndsWith("/cancel", StringComparison.Ordinal);
                if (success.Count == 0 || (!noBody && success.Any(r => !r.Value.TryGetProperty("content", out var content)
                    || content.EnumerateObject().Any(media => !media.Value.TryGetProperty("schema", out _)))))
                {
                    untyped.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
                }
            }
        }

        Assert.Empty(untyped);
    }

    [Theory]
    [InlineData("/api/wells/{wellCode}/production", "MonthlyProductionResponse,DailyProductionResponse,YearlyProductionResponse", "daily", "DailyProductionResponse")]
    [InlineData("/api/fields/{fieldCode}/production", "FieldMonthlyProductionResponse,FieldYearlyProductionResponse", "yearly", "FieldYearlyProductionResponse")]
    public async Task Document_GranularityEndpoint_DeclaresOneOfItsShapesByGranularity(string path, string shapes, string granularity, string shape)
    {
        var document = await LiveDocumentAsync();
        var checker = new JsonSchemaChecker(document, false);

        var schema = checker.ResponseSchema(path, "get");
        var oneOf = schema.GetProperty("oneOf").EnumerateArray().Select(s => s.GetProperty("$ref").GetString()!.Split('/')[^1]);
        var discriminator = schema.GetProperty("discriminator");
        var mapped = discriminator.GetProperty("mapping").GetProperty(granularity).GetString()!;
        var tag = checker.Resolve(JsonDocument.Parse($"{{\"$ref\":\"{mapped}\"}}").RootElement).GetProperty("properties").GetProperty("granularity");

        Assert.Equal(shapes.Split(','), oneOf);
        Assert.Equal("granularity", discriminator.GetProperty("propertyName").GetString());
        Assert.Equal($"#/components/schemas/{shape}", mapped);
        Assert.Equal([granularity], tag.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("/api/wells/{wellCode}/production")]
    [InlineData("/api/wells/{wellCode}/decline")]
    [InlineData("/api/wells/{wellCode}/revenue")]
    [InlineData("/api/fields/{fieldCode}/production")]
    public async Task Document_Series_DeclaresCsvVariant(string path)
    {
        var document = await LiveDocumentAsync();

        var csv = new JsonSchemaChecker(document, false).ResponseSchema(path, "get", mediaType: "text/csv");

        Assert.Equal("string", csv.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("/api/wells", "page", "1,1,1000000")]
    [InlineData("/api/wells", "page_size", "50,1,1000")]
    [InlineData("/api/wells", "field", ",,")]
    [InlineData("/api/wells/{wellCode}/latest", "limit", "100,1,10000")]
    [InlineData("/api/runs", "limit", "50,1,1000")]
    public async Task Document_WholeNumberQueryParameters_AreIntegersWithTheirRange_AndTheServerHoldsToIt(string path, string name, string range)
    {
        var document = await LiveDocumentAsync();
        var schema = document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(parameter => parameter.GetProperty("name").GetString() == name).GetProperty("schema");
        string Of(string property) => schema.TryGetProperty(property, out var value) ? value.GetRawText() : "";

        Assert.Equal("\"integer\"", Of("type"));
        Assert.Equal(range, $"{Of("default")},{Of("minimum")},{Of("maximum")}");
        if (Of("maximum") is { Length: > 0 } maximum)
        {
            await _factory.IngestCsvAsync(RawCsv.Rows(101, 3));
            await _factory.RefreshAsync();
            var url = path.Replace("{wellCode}", "101") + $"?{name}={long.Parse(maximum) + 1}";
            var response = await _factory.CreateClient().GetAsync(url);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"from {Of("minimum")} to {maximum}", problem.GetProperty("errors").GetProperty(name)[0].GetString());
        }
    }

    [Theory]
    [InlineData("/api/wells/{wellCode}/production", "get", "400,401,404,503")]
    [InlineData("/api/wells", "get", "400,401,503")]
    [InlineData("/api/ingest", "post", "400,401,413,415,422,429")]
    [InlineData("/api/runs", "post", "401,409,429")]
    [InlineData("/api/decline/fit", "post", "400,422,429")]
    [InlineData("/api/snapshots/{id}/publish", "post", "401,404,429")]
    public async Task Document_ErrorResponses_AreProblemDetails(string path, string method, string statuses)
    {
        var document = await LiveDocumentAsync();
        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");

        Assert.All(statuses.Split(','), status =>
            Assert.True(responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), status));
    }

    [Fact]
    public async Task Document_EveryPropertyOfTheApiSchemas_IsDescribedAndNumbersAreNotStrings()
    {
        var document = await LiveDocumentAsync();
        var missing = new List<string>();

        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .Where(s => !s.Name.Contains("ProblemDetails", StringComparison.Ordinal) && s.Value.TryGetProperty("properties", out _)))
        {
            foreach (var property in schema.Value.GetProperty("properties").EnumerateObject())
            {
                if (!property.Value.TryGetProperty("description", out var description) || string.IsNullOrWhiteSpace(description.GetString()))
                {
                    missing.Add($"{schema.Name}.{property.Name}: no description");
                }

                var type = property.Value.TryGetProperty("type", out var t) ? t.GetRawText() : string.Empty;
                if ((type.Contains("number", StringComparison.Ordinal) || type.Contains("integer", StringComparison.Ordinal))
                    && type.Contains("string", StringComparison.Ordinal))
                {
                    missing.Add($"{schema.Name}.{property.Name}: typed {type}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Document_Committed_EqualsTheLiveDocument()
    {
        // The live document names the server it was fetched from; the build-time one names serve's default address.
        var live = JsonNode.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json"))!.AsObject();
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "openapi.json")))!.AsObject();
        var liveServer = live["servers"]?[0]?["url"]?.GetValue<string>();
        var committedServer = committed["servers"]?[0]?["url"]?.GetValue<string>();
        live.Remove("servers");
        committed.Remove("servers");

        Assert.True(JsonNode.DeepEquals(live, committed),
            "docs/openapi.json is not the document the code makes: build src/Wellhouse (it regenerates the file) and commit it.");
        Assert.Equal("http://127.0.0.1:5000", committedServer);
        Assert.Equal("http://localhost", liveServer);
    }

    [Fact]
    public async Task Document_DeclaresTheApiKeySchemeTheServerReads()
    {
        var document = await LiveDocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");

        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal(Wellhouse.Hosting.ApiKey.Header, scheme.GetProperty("name").GetString());
        Assert.Contains("RequireKeyForReads", document.GetProperty("info").GetProperty("description").GetString());
    }

    [Theory]
    [InlineData(false, "/api/wells", "get", "optional")]
    [InlineData(true, "/api/wells", "get", "required")]
    [InlineData(false, "/api/decline/fit", "post", "optional")]
    [InlineData(true, "/api/runs/{id}/log", "get", "required")]
    [InlineData(false, "/api/ingest", "post", "required")]
    [InlineData(false, "/api/snapshots/{id}/publish", "post", "required")]
    [InlineData(true, "/health", "get", "none")]
    public async Task Document_OperationSecurity_FollowsTheServersSetting(bool readsNeedKey, string path, string method, string expected)
    {
        using var factory = new WellhouseApiFactory(readsNeedKey: readsNeedKey);
        var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var security = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("security")
            .EnumerateArray().Select(requirement => requirement.TryGetProperty("ApiKey", out _) ? "key" : "anonymous").ToList();
        var actual = security switch
        {
            ["key"] => "required",
            ["anonymous", "key"] => "optional",
            ["anonymous"] => "none",
            _ => string.Join(",", security),
        };

        Assert.Equal(expected, actual);
    }
}
