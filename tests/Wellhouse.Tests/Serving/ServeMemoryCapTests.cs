using DuckDB.NET.Data;
using Wellhouse.Serving;

namespace Wellhouse.Tests.Serving;

/// <summary>
/// A store build caps DuckDB's memory on its connection (the ordered scans of a 100 M-row snapshot otherwise grew past
/// the machine's memory under DuckDB's default of 80 % of it) and puts the connection's own limit back afterwards.
/// </summary>
public sealed class ServeMemoryCapTests(ServingFixture fixture) : IClassFixture<ServingFixture>
{
    private string DatabasePath => Path.Combine(fixture.DataDir, "snapshots", fixture.SnapshotId + ".duckdb");

    [Fact]
    public void CapMemory_LowersDuckDbsDefaultLimit_AndRestoresIt()
    {
        using var connection = Open("8GB");
        var before = Limit(connection);
        Assert.Equal(8e9, ServeSql.Bytes(before), 0.01 * 8e9);
        using (ServeSql.CapMemory(connection))
        {
            Assert.Equal(1e9, ServeSql.Bytes(Limit(connection)), 0.01 * 1e9);
        }

        // Put back from DuckDB's text ("7.4 GiB", shown rounded down, and read back a step lower): within 0.2 GiB.
        Assert.Equal(8e9, ServeSql.Bytes(Limit(connection)), 0.2 * (1L << 30));
    }

    [Fact]
    public void CapMemory_RestoresDuckDbsDefaultExactly()
    {
        using var connection = new DuckDBConnection(ServeStoreLoader.ConnectionString(DatabasePath));
        connection.Open();
        using (var reset = connection.CreateCommand())
        {
            reset.CommandText = "reset memory_limit";
            reset.ExecuteNonQuery();
        }

        var before = Limit(connection);
        Assert.True(ServeSql.Bytes(before) > 1e9, $"DuckDB's default limit on this machine is {before}");
        using (ServeSql.CapMemory(connection))
        {
            Assert.Equal(1e9, ServeSql.Bytes(Limit(connection)), 0.01 * 1e9);
        }

        Assert.Equal(before, Limit(connection));
    }

    [Fact]
    public void CapMemory_KeepsALowerLimit()
    {
        using var connection = Open("256MB");
        var before = Limit(connection);
        using (ServeSql.CapMemory(connection))
        {
            Assert.Equal(before, Limit(connection));
        }

        Assert.Equal(before, Limit(connection));
    }

    [Theory]
    [InlineData("953.6 MiB", 953.6 * 1024 * 1024)]
    [InlineData("18.7 GiB", 18.7 * 1024 * 1024 * 1024)]
    [InlineData("1GB", 1e9)]
    [InlineData("512 KB", 512e3)]
    [InlineData("100 B", 100)]
    public void Bytes_ReadsDuckDbsMemoryText(string text, double bytes) => Assert.Equal(bytes, ServeSql.Bytes(text), 1e-6 * bytes);

    [Fact]
    public void Bytes_UnknownText_IsUnlimited() => Assert.Equal(double.PositiveInfinity, ServeSql.Bytes("lots"));

    /// <summary>A read-only connection to the fixture's snapshot with <paramref name="limit"/> set (a SET: the
    /// instance is shared with the fixture's other connections, which ignore a connection string's options).</summary>
    private DuckDBConnection Open(string limit)
    {
        var connection = new DuckDBConnection(ServeStoreLoader.ConnectionString(DatabasePath));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"set memory_limit = '{limit}'";
        command.ExecuteNonQuery();
        return connection;
    }

    private static string Limit(DuckDBConnection connection) => ServeSql.MemoryLimit(connection)!;
}
