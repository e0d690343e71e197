using Microsoft.Extensions.Options;
using Wellhouse.Hosting;

namespace Wellhouse.Refresh;

/// <summary>Told when a refresh fails.</summary>
internal interface IRefreshAlert
{
    Task RefreshFailedAsync(RefreshRun run, CancellationToken cancellationToken);
}

/// <summary>Alerts by a structured error log entry and, when <c>Refresh:AlertWebhook</c> is set, a JSON POST to it.</summary>
internal sealed class WebhookRefreshAlert(IHttpClientFactory clients, IOptions<WellhouseOptions> options,
    ILogger<WebhookRefreshAlert> logger) : IRefreshAlert
{
    public async Task RefreshFailedAsync(RefreshRun run, CancellationToken cancellationToken)
    {
        logger.LogError("Refresh {RunId} failed ({Status}): {Error}; blocking nodes: {Nodes}", run.Id, run.Status, run.Error,
            string.Join(", ", run.Nodes.Where(node => node.BlocksPublish).Select(node => node.UniqueId)));
        if (options.Value.Refresh.AlertWebhook is not { } webhook)
        {
            return;
        }

        try
        {
            using var client = clients.CreateClient("alerts");
            client.Timeout = TimeSpan.FromSeconds(10);
            using var response = await client.PostAsJsonAsync(webhook, new
            {
                @event = "refresh_failed",
                run_id = run.Id,
                status = run.Status,
                error = run.Error,
                failed_nodes = run.Nodes.Where(node => node.BlocksPublish).Select(node => node.UniqueId).ToList(),
            }, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogError("Alert webhook answered {StatusCode}", (int)response.StatusCode);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            logger.LogError(ex, "Alert webhook failed");
        }
    }
}
