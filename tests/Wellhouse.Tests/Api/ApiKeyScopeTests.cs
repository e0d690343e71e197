using System.Net;
using System.Text.Json;

namespace Wellhouse.Tests.Api;

/// <summary>
/// The API key's one rule (ApiKeyScope), as the server enforces it and as the OpenAPI document declares it: every
/// operation of the document is called without the key, and answers 401 exactly when the document says it needs the key.
/// </summary>
public sealed class ApiKeyScopeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryOperation_WithoutTheKey_Is401ExactlyWhenTheDocumentRequiresTheKey(bool readsNeedKey)
    {
        using var factory = new WellhouseApiFactory(readsNeedKey: readsNeedKey);
        await factory.RefreshAsync();
        var anonymous = factory.CreateClient();
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
        var disagreements = new List<string>();
        var checkedOperations = 0;

        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var requiresKey = RequiresKey(operation.Value);
                var url = path.Name.Replace("{wellCode}", "101").Replace("{fieldCode}", "10").Replace("{id}", "x");
                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url);
                if (operation.Name == "post")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                var status = (await anonymous.SendAsync(request)).StatusCode;
                checkedOperations++;
                if ((status == HttpStatusCode.Unauthorized) != requiresKey)
                {
                    disagreements.Add($"{operation.Name.ToUpperInvariant()} {path.Name}: document says key {(requiresKey ? "required" : "optional")}, server answered {(int)status}");
                }
            }
        }

        Assert.True(checkedOperations >= 25, $"only {checkedOperations} operations in the document");
        Assert.Empty(disagreements);
    }

    [Theory]
    [InlineData("GET", "/api/wells")]
    [InlineData("GET", "/api/runs")]
    [InlineData("GET", "/api/runs/{run}")]
    [InlineData("GET", "/api/runs/{run}/log")]
    [InlineData("GET", "/api/ingest/batches")]
    [InlineData("GET", "/api/snapshots")]
    [InlineData("POST", "/api/decline/fit")]
    public async Task ReadsNeedKey_EveryRead_Is401WithoutTheKeyAndAnswersWithIt(string method, string path)
    {
        using var factory = new WellhouseApiFactory(readsNeedKey: true);
        var run = await factory.RefreshAsync();
        var url = path.Replace("{run}", run.Id);
        HttpRequestMessage Request() => new(new HttpMethod(method), url)
        {
            Content = method == "POST"
                ? new StringContent(DeclineSeries.Json,
                    System.Text.Encoding.UTF8, "application/json")
                : null,
        };

        using var anonymousRequest = Request();
        using var keyedRequest = Request();
        var anonymous = await factory.CreateClient().SendAsync(anonymousRequest);
        var keyed = await factory.CreateWriter().SendAsync(keyedRequest);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
    }

    [Fact]
    public async Task ReadsNeedKey_RunLog_WithTheKey_ShowsNoAbsoluteServerPath()
    {
        using var factory = new WellhouseApiFactory(readsNeedKey: true);
        var run = await factory.RefreshAsync();

        var log = await factory.CreateWriter().GetStringAsync($"/api/runs/{run.Id}/log");

        Assert.NotEmpty(log);
        Assert.DoesNotContain(factory.DataDir, log);
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), log);
    }

    private static bool RequiresKey(JsonElement operation) =>
        operation.TryGetProperty("security", out var security)
        && security.EnumerateArray().All(requirement => requirement.TryGetProperty("ApiKey", out _));
}
