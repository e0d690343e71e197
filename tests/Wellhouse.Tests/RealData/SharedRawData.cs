using System.Globalization;
using System.Text;
using Wellhouse.Testing;
using Wellhouse.Tests.Api;
using Wellhouse.Tests.Warehouse;

namespace Wellhouse.Tests.RealData;

/// <summary>
/// Real data converted to the raw contract at test time, as a user would before `wellhouse ingest`: the North Dakota
/// wells of ../shared/data/raw (no licence, never copied into the repository: read through <see cref="SharedData"/>,
/// which skips the test where ../shared is absent and fails it in CI) and NPD's FactPages snapshots (NLOD, bundled in
/// tests/fixtures/real-data with their attribution).
/// </summary>
internal static class SharedRawData
{
    /// <summary>The North Dakota production file, relative to ../shared.</summary>
    public const string NorthDakotaProduction = "data/raw/nd-bakken/ND_PRODUCTION_DATA.csv";

    private const double BarrelsPerCubicMetre = 6.289811;
    private const double CubicFeetPerCubicMetre = 35.31467;

    /// <summary>A bundled file of tests/fixtures/real-data (data whose licence allows copying, laid out as in
    /// ../shared/data/raw), e.g. <c>File("npd-factpages-2013", "field_production_yearly.csv")</c>.</summary>
    public static string File(params string[] parts) => Path.Combine([RepoPaths.Root, "tests", "fixtures", "real-data", .. parts]);

    /// <summary>
    /// The first <paramref name="wells"/> North Dakota Bakken wells (by API number) as monthly raw rows: bbl and Mcf per
    /// month become calendar-day rates in kbd and MMcfd; well codes are the wells' ranks by API number.
    /// </summary>
    public static string NorthDakota(int wells, string dataSource)
    {
        var rows = System.IO.File.ReadLines(SharedData.Require(NorthDakotaProduction)).Skip(1).Select(line => line.Split(','))
            .ToList();
        var codes = rows.Select(f => f[1]).Distinct().Order(StringComparer.Ordinal).Take(wells)
            .Select((api, i) => (api, code: i + 1)).ToDictionary(p => p.api, p => p.code);
        var csv = new StringBuilder(RawCsv.Header).Append('\n');
        foreach (var f in rows.Where(f => codes.ContainsKey(f[1])).OrderBy(f => codes[f[1]]).ThenBy(f => f[2], StringComparer.Ordinal))
        {
            var date = DateOnly.ParseExact(f[2], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            double days = DateTime.DaysInMonth(date.Year, date.Month);
            var oil = Number(f[4]) / days / 1000;
            csv.Append(CultureInfo.InvariantCulture, $"1,BAKKEN,{codes[f[1]]},{f[1]},ND {f[1]},{f[2]},{f[7]},{oil:R},{Number(f[5]) / days / 1000:R},")
                .Append(CultureInfo.InvariantCulture, $"{oil:R},{Number(f[6]) / days / 1000:R},{dataSource},nd-bakken/ND_PRODUCTION_DATA.csv,{date.Year},2019-03-09T00:00:00,2019-03-09T00:00:00\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// NPD (Sodir) monthly net production per field as monthly raw rows, one "well" per field (well and field code =
    /// the field's NPDID): million Sm3 of oil, NGL and condensate become kbd (liquids = oil + NGL + condensate), billion
    /// Sm3 of gas MMcfd; days on production = the calendar days of a month with oil or gas, else 0.
    /// </summary>
    public static string NpdFields(string snapshotFolder, string dataSource, Func<string, bool>? field = null)
    {
        // NLOD allows copying: the snapshots are bundled as tests/fixtures/real-data/<folder>, as in ../shared/data/raw.
        var lines = System.IO.File.ReadLines(File(snapshotFolder, "field_production_monthly.csv")).ToList();
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        int name = Column("prfInformationCarrier"), year = Column("prfYear"), month = Column("prfMonth"), npdid = Column("prfNpdidInformationCarrier");
        int oil = Column("prfPrdOilNetMillSm3"), gas = Column("prfPrdGasNetBillSm3"), ngl = Column("prfPrdNGLNetMillSm3"),
            condensate = Column("prfPrdCondensateNetMillSm3"), water = Column("prfPrdProducedWaterInFieldMillSm3");
        var csv = new StringBuilder(RawCsv.Header).Append('\n');
        foreach (var f in lines.Skip(1).Select(line => line.Split(',')).Where(f => field is null || field(f[name])))
        {
            var date = new DateOnly(int.Parse(f[year], CultureInfo.InvariantCulture), int.Parse(f[month], CultureInfo.InvariantCulture), 1);
            double days = DateTime.DaysInMonth(date.Year, date.Month);
            double Kbd(int column) => Number(f[column]) * 1e6 * BarrelsPerCubicMetre / 1000 / days;
            var gasMmcfd = Number(f[gas]) * 1e9 * CubicFeetPerCubicMetre / 1e6 / days;
            var producing = Kbd(oil) > 0 || gasMmcfd > 0 ? days : 0;
            csv.Append(CultureInfo.InvariantCulture, $"{f[npdid]},{f[name]},{f[npdid]},{f[name]},{f[name]},{date:yyyy-MM-dd},{producing},{Kbd(oil):R},{gasMmcfd:R},")
                .Append(CultureInfo.InvariantCulture, $"{Kbd(oil) + Kbd(ngl) + Kbd(condensate):R},{Kbd(water):R},{dataSource},{snapshotFolder},{date.Year},2013-03-01T00:00:00,2013-03-01T00:00:00\n");
        }

        return csv.ToString();
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
