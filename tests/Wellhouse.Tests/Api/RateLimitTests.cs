using System.Net;

namespace Wellhouse.Tests.Api;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Writes_OverTheLimit_Are429()
    {
        using var factory = new WellhouseApiFactory(writesPerMinute: 2);
        var client = factory.CreateWriter();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var content = new StringContent(RawCsv.Rows(101 + i, 1), System.Text.Encoding.UTF8, "text/csv");
            statuses.Add((await client.PostAsync("/api/ingest", content)).StatusCode);
        }

        var read = await factory.CreateClient().GetAsync("/api/ingest/batches");

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, (HttpStatusCode)429], statuses);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}
