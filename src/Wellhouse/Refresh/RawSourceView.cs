using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Wellhouse.Ingest;

namespace Wellhouse.Refresh;

/// <summary>
/// Workaround until the engine renders Jinja in a source's <c>external_location</c> (dbt renders it; ours passes the
/// text through, so <c>source('raw', 'well_production')</c> becomes the literal <c>'{{ env_var(...) }}'</c>, which DuckDB
/// looks up as a table name). Before the build, the snapshot gets a view of exactly that name over the batches this
/// refresh reads, so the build reads the raw store. Harmless once the engine renders the location (nothing refers to it).
/// </summary>
internal static partial class RawSourceView
{
    public static void Create(string snapshotPath, string projectDir, IReadOnlyList<string> batchFiles)
    {
        var sources = Path.Combine(projectDir, "models", "staging", "_staging__sources.yml");
        if (!File.Exists(sources) || ExternalLocation().Match(File.ReadAllText(sources)) is not { Success: true } match)
        {
            return;
        }

        var name = match.Groups[1].Value;
        using var connection = new DuckDBConnection($"Data Source={snapshotPath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"create or replace view \"{name.Replace("\"", "\"\"")}\" as select * from read_parquet({SqlText.List(batchFiles)}, union_by_name = true)";
        command.ExecuteNonQuery();
    }

    [GeneratedRegex("""external_location:\s*"(\{\{.*\}\})"\s*$""", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ExternalLocation();
}
