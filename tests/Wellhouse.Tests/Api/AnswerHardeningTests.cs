using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wellhouse.Tests.Api;

/// <summary>
/// Answers built from hostile data (issue 16): a well name that a spreadsheet would run as a formula in the CSV
/// exports, and a posted series whose rates overflow the fit's volumes.
/// </summary>
public sealed class AnswerHardeningTests : IDisposable
{
    private const string Formula = "=HYPERLINK(\"http://evil.example\",\"open\")";

    private readonly WellhouseApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task PublishWithFormulaNamesAsync()
    {
        _factory.Builder.ExtraSql = $"""
            update mart_well_summary set well_name = '{Formula.Replace("'", "''")}', field_name = '@SUM(A1:A9)' where well_code = 102;
            update mart_production_monthly set well_name = '{Formula.Replace("'", "''")}', oil_volume_kbbl = -3.5 where well_code = 102;
            """;
        Assert.Equal(HttpStatusCode.Created, (await _factory.IngestCsvAsync(RawCsv.Rows(101, 3))).StatusCode);
        var run = await _factory.RefreshAsync();
        Assert.True(run.Published, run.Error);
    }

    [Theory]
    [InlineData("/api/wells?format=csv")]
    [InlineData("/api/wells/102/production?granularity=monthly&format=csv")]
    public async Task CsvExport_FormulaText_IsNeutralised(string url)
    {
        await PublishWithFormulaNamesAsync();

        var response = await _factory.CreateClient().GetAsync(url);
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\")\"", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);
        Assert.DoesNotContain(",\"=HYPERLINK", csv);
        if (url.Contains("production", StringComparison.Ordinal))
        {
            // Numbers stay numbers: a negative volume is not text and keeps its sign unprefixed.
            Assert.Contains(",-3.5,", csv);
        }
        else
        {
            Assert.Contains(",'@SUM(A1:A9),", csv);
        }
    }

    [Fact]
    public async Task Fit_RatesNear1e306_Is400NamingThePoint()
    {
        var points = Enumerable.Range(0, 24).Select(i => new { date = new DateOnly(2020, 1, 1).AddMonths(i).ToString("yyyy-MM-dd"), rate = 1e306 * Math.Pow(0.9, i) });

        var response = await _factory.CreateClient().PostAsJsonAsync("/api/decline/fit", new { points });
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("beyond the limit", problem.GetProperty("errors").GetProperty("points[0].rate")[0].GetString());
    }

    [Fact]
    public async Task Fit_RatesAtTheLimit_AnswerFiniteNumbers()
    {
        var points = Enumerable.Range(0, 24).Select(i => new { date = new DateOnly(2020, 1, 1).AddMonths(i).ToString("yyyy-MM-dd"), rate = 1e12 * Math.Pow(0.9, i) });

        var response = await _factory.CreateClient().PostAsJsonAsync("/api/decline/fit", new { points, forecast_periods = 1200 });
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(json.GetProperty("eur").GetDouble() > 1e12);
        Assert.Equal(1200, json.GetProperty("forecast").GetArrayLength());
    }
}
