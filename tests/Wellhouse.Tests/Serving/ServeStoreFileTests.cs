using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Wellhouse.Serving;
using Wellhouse.Snapshots;

namespace Wellhouse.Tests.Serving;

/// <summary>
/// The serving store file of the fixture's snapshot: its relations hold the snapshot's rows (counts, per-well ranges,
/// values of a well); another snapshot's store is refused on open; a damaged one is found by the check after it is
/// served, and rebuilt.
/// </summary>
public sealed class ServeStoreFileTests(ServingFixture fixture) : IClassFixture<ServingFixture>
{
    private string DatabasePath => Path.Combine(fixture.DataDir, "snapshots", fixture.SnapshotId + ".duckdb");

    private string ServePath => Path.Combine(fixture.DataDir, "snapshots", fixture.SnapshotId + ".serve");

    [Fact]
    public void Reload_InAProcessThatServesNothing_LeavesThePublishedStoreUnmapped()
    {
        // As `wellhouse refresh` sets it: its publish is loaded by the server, not by the command.
        // Its own answer cache: the fixture's server keeps its answers in the shared one.
        var answers = ActivatorUtilities.CreateInstance<AnswerCache>(fixture.StoreServices);
        using var provider = ActivatorUtilities.CreateInstance<SnapshotProvider>(fixture.StoreServices, answers);
        provider.Serves = false;
        provider.Reload();
        Assert.Null(provider.Current);

        provider.Serves = true;
        provider.Reload();
        Assert.Equal(fixture.SnapshotId, provider.Current?.Id);
        Assert.NotNull(provider.Current?.Serve);
    }

    [Fact]
    public void Relations_RowsAndWellRanges_EqualTheSnapshot()
    {
        var store = ServeStore.Open(ServePath, fixture.SnapshotId);
        using var connection = new DuckDBConnection(ServeStoreLoader.ConnectionString(DatabasePath));
        connection.Open();
        foreach (var (name, sql) in ServeRelations.Scans)
        {
            if (name == ServeCumulative.Relation)
            {
                // Not stored: computed from stg_well_production's rows.
                Assert.Null(store.Relation(name));
                continue;
            }

            var relation = store.Relation(name)!;
            using var command = connection.CreateCommand();
            command.CommandText = $"select well_code, count(*) from ({sql}) group by well_code order by well_code";
            using var reader = command.ExecuteReader();
            var total = 0L;
            while (reader.Read())
            {
                var (start, end) = relation.Range(reader.GetInt32(0));
                Assert.Equal(reader.GetInt64(1), end - start);
                total += reader.GetInt64(1);
            }

            Assert.Equal(total, relation.Rows);
            Assert.True(total > 0, $"{name} is empty");
        }

        var production = store.Relation("stg_well_production")!;
        var well = fixture.Wells[^1];
        var (first, last) = production.Range(well);
        using var rows = connection.CreateCommand();
        rows.CommandText = $"select production_period, oil_volume_kbbl, period_type from stg_well_production where well_code = {well} order by production_period";
        using var values = rows.ExecuteReader();
        for (var row = first; row < last; row++)
        {
            Assert.True(values.Read());
            Assert.Equal(DateOnly.FromDateTime(values.GetDateTime(0)), production["production_period"].Date(row));
            Assert.Equal(values.IsDBNull(1) ? (double?)null : values.GetDouble(1), production["oil_volume_kbbl"].IsNull(row) ? (double?)null : production["oil_volume_kbbl"].Double(row));
            Assert.Equal(values.GetString(2), production["period_type"].String(row));
        }

        Assert.False(values.Read());
    }

    [Fact]
    public void Open_AnotherSnapshotsStore_IsRefused()
    {
        var error = Assert.Throws<InvalidDataException>(() => ServeStore.Open(ServePath, "20990101T000000000Z-0000"));
        Assert.Contains(fixture.SnapshotId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DamagedStore_IsRebuiltWithTheSameContent()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"wellhouse-serve-{Guid.NewGuid():N}.serve");
        try
        {
            File.Copy(ServePath, copy);
            var checksums = ServeStore.Open(copy, fixture.SnapshotId).Footer.Relations.Select(r => r.Checksum).ToList();
            using (var file = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            {
                file.Position = 4096;
                var b = file.ReadByte();
                file.Position = 4096;
                file.WriteByte((byte)(b ^ 0xFF));
            }

            // Opening checks the layout only (served at once); the check after it finds the damaged column.
            var damaged = ServeStore.Open(copy, fixture.SnapshotId);
            var error = Assert.Throws<InvalidDataException>(damaged.Verify);
            Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
            var served = fixture.StoreServices.GetRequiredService<SnapshotProvider>().Current!;
            var rebuilt = ServeStoreLoader.VerifyOrRebuild(damaged, fixture.SnapshotId, served.OpenConnection, NullLogger.Instance);
            Assert.NotNull(rebuilt);
            Assert.NotSame(damaged, rebuilt);
            Assert.Equal(checksums, rebuilt.Footer.Relations.Select(r => r.Checksum));
            rebuilt.Verify();
            Assert.Same(rebuilt, ServeStoreLoader.VerifyOrRebuild(rebuilt, fixture.SnapshotId, served.OpenConnection, NullLogger.Instance));
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
