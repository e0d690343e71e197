using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Tests.Adapters;

public sealed class DuckDbAdapterTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "wellhouse-adapter-" + Guid.NewGuid().ToString("N"));

    public DuckDbAdapterTests() => Directory.CreateDirectory(directory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Memory_SessionsShareOneDatabase()
    {
        using var adapter = DuckDbAdapter.Open(new AdapterTarget { Path = ":memory:", Database = "memory" });
        using var first = adapter.OpenSession();
        using var second = adapter.OpenSession();

        first.Execute("create table t as select 7 as n", Ct);

        Assert.Equal(7, Convert.ToInt32(second.Query("select n from memory.main.t", Ct)[0][0]));
    }

    [Fact]
    public void UnknownExtension_ClearMessage()
    {
        var target = new AdapterTarget { Path = ":memory:", Database = "memory", Extensions = ["no_such_extension"] };

        var error = Assert.Throws<AdapterException>(() => DuckDbAdapter.Open(target));

        Assert.StartsWith("cannot load DuckDB extension 'no_such_extension':", error.Message);
        Assert.Contains("no network", error.Message);
    }

    [Fact]
    public void Settings_AppliedToEverySession()
    {
        var target = new AdapterTarget
        {
            Path = ":memory:",
            Database = "memory",
            Settings = new Dictionary<string, object?> { ["default_null_order"] = "nulls_first" },
        };
        using var adapter = DuckDbAdapter.Open(target);
        using var session = adapter.OpenSession();

        var first = session.Query("select x from (values (1), (null)) t(x) order by x", Ct)[0][0];

        Assert.Null(first);
    }

    [Fact]
    public void BadSetting_ClearMessage()
    {
        var target = new AdapterTarget { Path = ":memory:", Database = "memory", Settings = new Dictionary<string, object?> { ["no_such_setting"] = 1L } };

        var error = Assert.Throws<AdapterException>(() => DuckDbAdapter.Open(target));

        Assert.StartsWith("cannot apply setting 'no_such_setting':", error.Message);
    }

    [Fact]
    public void Attach_ReadOnlyAlias_Readable()
    {
        var other = Path.Combine(directory, "other.duckdb");
        using (var writer = DuckDbAdapter.Open(new AdapterTarget { Path = other, Database = "other" }))
        using (var session = writer.OpenSession())
        {
            session.Execute("create table lookup as select 'x' as code", Ct);
        }

        var target = new AdapterTarget
        {
            Path = Path.Combine(directory, "dev.duckdb"),
            Database = "dev",
            Attachments = [new AdapterAttachment(other, "ref_data", ReadOnly: true)],
        };
        using var adapter = DuckDbAdapter.Open(target);
        using var reader = adapter.OpenSession();

        Assert.Equal("x", reader.Query("select code from ref_data.main.lookup", Ct)[0][0]);
        Assert.Throws<AdapterException>(() => reader.Execute("create table ref_data.main.t (a int)", Ct));
    }

    [Fact]
    public void DatabaseNameDiffersFromFile_AttachedUnderProfileName()
    {
        var snapshot = Path.Combine(directory, "snapshot-0001.duckdb");
        using (var adapter = DuckDbAdapter.Open(new AdapterTarget { Path = snapshot, Database = "dev" }))
        using (var session = adapter.OpenSession())
        {
            session.CreateTableAs(new Relation("dev", "main", "t"), "select 1 as n", Ct);
            Assert.Equal(RelationKind.Table, session.GetRelationKind(new Relation(null, "main", "t")));
        }

        using var plain = DuckDbAdapter.Open(new AdapterTarget { Path = snapshot, Database = "snapshot-0001" });
        using var check = plain.OpenSession();
        Assert.Equal(1, Convert.ToInt32(check.Query("select n from main.t", Ct)[0][0]));
    }

    [Fact]
    public void SwapInto_ReplacesViewWithTable()
    {
        using var adapter = DuckDbAdapter.Open(new AdapterTarget { Path = ":memory:", Database = "memory" });
        using var session = adapter.OpenSession();
        var target = new Relation("memory", "main", "x");
        session.CreateView(target, "select 1 as n", Ct);
        session.CreateTableAs(target with { Identifier = "x__dbt_tmp" }, "select 2 as n", Ct);

        session.SwapInto(target with { Identifier = "x__dbt_tmp" }, target);

        Assert.Equal(RelationKind.Table, session.GetRelationKind(target));
        Assert.Null(session.GetRelationKind(target with { Identifier = "x__dbt_tmp" }));
        Assert.Equal([new ColumnSchema("n", "INTEGER")], session.GetColumns(target));
    }

    [Fact]
    public void SqlError_LineReported()
    {
        using var adapter = DuckDbAdapter.Open(new AdapterTarget { Path = ":memory:", Database = "memory" });
        using var session = adapter.OpenSession();

        var error = Assert.Throws<AdapterException>(() => session.Execute("select 1,\n  2,\n  nope", Ct));

        Assert.Equal(3, error.Line);
    }
}
