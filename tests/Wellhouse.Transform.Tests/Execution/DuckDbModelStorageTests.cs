using DuckDB.NET.Data;
using Wellhouse.Transform.Execution.Models;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Tests.Execution;

/// <summary>A C# model's storage on a DuckDB file: tables without lists go through the chunk writer (NULLs in the
/// validity mask, text, more rows than one chunk), others through the row appender; the reader converts numbers.</summary>
public sealed class DuckDbModelStorageTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "wellhouse-model-storage-" + Guid.NewGuid().ToString("N"));
    private readonly DuckDBConnection connection;

    public DuckDbModelStorageTests()
    {
        Directory.CreateDirectory(directory);
        connection = new DuckDBConnection($"Data Source={Path.Combine(directory, "m.duckdb")}");
        connection.Open();
    }

    [Fact]
    public async Task ChunkWriter_RowsWithNullsAcrossSeveralChunks_ReadBackAsWritten()
    {
        var storage = ModelStorage.ForDuckDb(connection);
        ModelColumn[] columns = [ModelColumn.Integer("id"), ModelColumn.Enum("kind", "a", "b", "c"), ModelColumn.Date("day"), ModelColumn.Double("v")];
        var table = new Relation("m", "main", "fixed");
        await storage.CreateTableAsync(table, columns, TestContext.Current.CancellationToken);
        const int Rows = 5000;
        using (var writer = storage.OpenWriter(table, columns))
        {
            for (var i = 0; i < Rows; i++)
            {
                writer.StartRow();
                writer.Write(i);
                writer.WriteEnum(i % 3);
                writer.Write(i % 7 == 0 ? null : new DateOnly(2020, 1, 1).AddDays(i));
                writer.Write(i % 5 == 0 ? null : i * 0.5);
            }

            writer.Complete();
        }

        using var reader = storage.Read($"select count(*), count(day), count(v), sum(v), max(day), min(kind), max(kind), sum(id) from {table}", TestContext.Current.CancellationToken);
        Assert.True(reader.Read());
        Assert.Equal(Rows, reader.GetInt32(0));
        Assert.Equal(Rows - ((Rows + 6) / 7), reader.GetInt32(1));
        Assert.Equal(Rows - (Rows / 5), reader.GetInt32(2));
        Assert.Equal(Enumerable.Range(0, Rows).Where(i => i % 5 != 0).Sum(i => i * 0.5), reader.GetDouble(3));
        Assert.Equal(new DateOnly(2020, 1, 1).AddDays(4999), reader.GetDate(4));
        Assert.Equal("a", reader.GetString(5));
        Assert.Equal("c", reader.GetString(6));
        Assert.Equal((double)Rows * (Rows - 1) / 2, reader.GetDouble(7));
        Assert.False(reader.Read());
    }

    [Fact]
    public void ReadInStorageOrder_TableBuiltSortedWithoutInsertionOrder_ReturnsItsRowsInThatOrder()
    {
        // As the ci and prod targets build: insertion order off for the build's queries, a table written with an order
        // by (2 M rows over many row groups, scanned by several threads).
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                set preserve_insertion_order = false;
                create table main.sorted as select cast(i % 5000 as integer) as well, cast(i // 5000 as integer) as day
                from range(2000000) as r(i) order by well, day
                """;
            command.ExecuteNonQuery();
        }

        var storage = ModelStorage.ForDuckDb(connection);
        using var reader = storage.ReadInStorageOrder("select well, day from main.sorted", TestContext.Current.CancellationToken);

        Assert.NotNull(reader);
        var (rows, previous) = (0, (Well: -1, Day: -1));
        while (reader.Read())
        {
            var current = (Well: reader.GetInt32(0), Day: reader.GetInt32(1));
            Assert.True(current.Well > previous.Well || (current.Well == previous.Well && current.Day > previous.Day), $"row {rows}: {current} after {previous}");
            (rows, previous) = (rows + 1, current);
        }

        Assert.Equal(2_000_000, rows);
    }

    [Fact]
    public async Task ChunkWriter_TextWithNullsEmptyAndRepeatedValues_ReadsBackAsWritten()
    {
        var storage = ModelStorage.ForDuckDb(connection);
        ModelColumn[] columns = [ModelColumn.Integer("id"), ModelColumn.Text("kind"), ModelColumn.Text("note"), ModelColumn.Double("v")];
        var table = new Relation("m", "main", "texts");
        await storage.CreateTableAsync(table, columns, TestContext.Current.CancellationToken);
        const int Rows = 5000;
        string[] kinds = ["oil", "gas", "", "Ågård – ø"];
        string? Note(int i) => i % 11 == 0 ? null : i % 3 == 0 ? $"a longer note than twelve bytes, row {i}" : $"n{i % 4}";
        using (var writer = storage.OpenWriter(table, columns))
        {
            for (var i = 0; i < Rows; i++)
            {
                writer.StartRow();
                writer.Write(i);
                writer.Write(kinds[i / 100 % kinds.Length]);
                writer.WriteText(Note(i));
                writer.Write(i * 0.5);
            }

            writer.Complete();
        }

        using var reader = storage.Read($"select id, kind, note, v from {table} order by id", TestContext.Current.CancellationToken);
        for (var i = 0; i < Rows; i++)
        {
            Assert.True(reader.Read());
            Assert.Equal(i, reader.GetInt32(0));
            Assert.Equal(kinds[i / 100 % kinds.Length], reader.GetString(1));
            Assert.Equal(Note(i), reader.IsNull(2) ? null : reader.GetString(2));
            Assert.Equal(i * 0.5, reader.GetDouble(3));
        }

        Assert.False(reader.Read());
    }

    [Fact]
    public async Task ChunkWriter_TableWithOtherColumns_IsAnErrorNamingThem()
    {
        var storage = ModelStorage.ForDuckDb(connection);
        var table = new Relation("m", "main", "other");
        await storage.CreateTableAsync(table, [ModelColumn.Integer("id"), ModelColumn.Integer("n")], TestContext.Current.CancellationToken);

        var error = Assert.Throws<InvalidOperationException>(() => storage.OpenWriter(table, [ModelColumn.Integer("id"), ModelColumn.Double("v")]));

        Assert.Contains("\"m\".\"main\".\"other\" does not have the columns id integer, v double", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        connection.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
