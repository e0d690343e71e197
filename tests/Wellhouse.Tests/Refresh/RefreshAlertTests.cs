using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Wellhouse.Hosting;
using Wellhouse.Refresh;

namespace Wellhouse.Tests.Refresh;

public sealed class RefreshAlertTests
{
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<(Uri? Uri, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri, await request.Content!.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }

    private sealed class Clients(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private static readonly RefreshRun FailedRun = new()
    {
        Id = "20260101T000000000Z-abcd",
        Trigger = "schedule",
        Status = RunStatus.Failed,
        StartedAt = DateTimeOffset.UnixEpoch,
        Error = "1 node(s) failed",
        Nodes = [new NodeResult("test.wellhouse.not_null_x", "test", "fail", 0.1, Failures: 2)],
    };

    [Fact]
    public async Task RefreshFailed_WithWebhook_PostsRunAndFailedNodes()
    {
        using var handler = new RecordingHandler();
        var options = Options.Create(new WellhouseOptions { Refresh = { AlertWebhook = new Uri("http://alerts.example/hook") } });
        var alert = new WebhookRefreshAlert(new Clients(handler), options, NullLogger<WebhookRefreshAlert>.Instance);

        await alert.RefreshFailedAsync(FailedRun, CancellationToken.None);

        var (uri, body) = Assert.Single(handler.Requests);
        Assert.Equal("http://alerts.example/hook", uri!.ToString());
        Assert.Contains("\"event\":\"refresh_failed\"", body);
        Assert.Contains("test.wellhouse.not_null_x", body);
    }

    [Fact]
    public async Task RefreshFailed_WithoutWebhook_SendsNothing()
    {
        using var handler = new RecordingHandler();
        var alert = new WebhookRefreshAlert(new Clients(handler), Options.Create(new WellhouseOptions()), NullLogger<WebhookRefreshAlert>.Instance);

        await alert.RefreshFailedAsync(FailedRun, CancellationToken.None);

        Assert.Empty(handler.Requests);
    }
}
