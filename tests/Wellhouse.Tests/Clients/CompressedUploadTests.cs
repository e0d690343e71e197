using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Wellhouse.Tests.Api;

namespace Wellhouse.Tests.Clients;

/// <summary>
/// A compressed upload on the real server (Kestrel, whose own request body limit is 30 MB): a gzip body that
/// decompresses past that limit but within Ingest:MaxBytes is ingested whole.
/// </summary>
public sealed class CompressedUploadTests
{
    [Fact]
    public async Task GzipUpload_DecompressingPastKestrelsDefaultLimit_IsIngestedWhole()
    {
        var csv = new StringBuilder(RawCsv.Header).Append('\n');
        var rows = 0;
        for (var well = 1; csv.Length < 36_000_000; well++)
        {
            for (var month = 1; month <= 12; month++, rows++)
            {
                csv.Append($"10,ALPHA,{well},NO 1/1-A-1,Alpha A-1,2020-{month:00}-01,28,1.5,0.3,1.6,0.2,upload_monthly,test.csv,2020,2021-01-01T00:00:00,2021-01-01T00:00:00\n");
            }
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        using var packed = new MemoryStream();
        await using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(bytes, TestContext.Current.CancellationToken);
        }

        await using var server = new LiveServer(bootstrap: false);
        await server.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("X-Api-Key", LiveServer.Key);
        using var content = new ByteArrayContent(packed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Headers.ContentEncoding.Add("gzip");

        var response = await client.PostAsync("/api/ingest", content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var batch = JsonDocument.Parse(body).RootElement.GetProperty("batch");
        Assert.Equal(rows, batch.GetProperty("rows").GetInt64());
        Assert.Equal(bytes.Length, batch.GetProperty("bytes").GetInt64());
        Assert.True(bytes.Length > 30_000_000 && packed.Length < 30_000_000);
    }
}
