using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Tests.RunQuery;

/// <summary>The agate-like table run_query returns: values as dbt renders them, the Table/Column/Row API, print_table.</summary>
public sealed class AgateTableTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly DuckDbAdapter adapter;
    private readonly ISqlSession session;
    private readonly List<string> printed = [];

    public AgateTableTests()
    {
        adapter = DuckDbAdapter.Open(new AdapterTarget { Path = Path.Combine(folder.Path, "agate.duckdb"), Database = "agate" });
        session = adapter.OpenSession();
    }

    public void Dispose()
    {
        session.Dispose();
        adapter.Dispose();
        folder.Dispose();
    }

    private string Render(string sql, string template)
    {
        var table = new AgateTable(session.Fetch(sql, TestContext.Current.CancellationToken), printed.Add);
        return new JinjaEnvironment().Parse(template, "t.sql").Render(new Dictionary<string, object?> { ["t"] = table });
    }

    [Fact]
    public void Values_EachDatabaseType_RenderAsDbtRendersAgateValues()
    {
        const string Sql = """
            select 1::integer as i, 2::bigint as b, 100::hugeint as h, 2.5::double as d, 3.0::double as whole, true as t,
                'x' as s, date '2024-01-02' as dt, timestamp '2024-01-02 03:04:05' as ts, time '12:34:56' as tm,
                interval 1 day as iv, [1, 2] as l, {'a': 1, 'b': 'x'} as st, null::varchar as n,
                uuid '00000000-0000-0000-0000-000000000001' as u
            """;

        var text = Render(Sql, "{% for v in t.rows[0] %}{{ v }};{% endfor %}");

        Assert.Equal("1;2;100;2.5;3.0;True;x;2024-01-02;2024-01-02 03:04:05;12:34:56;1 day, 0:00:00;[1, 2];{\"a\": 1, \"b\": \"x\"};None;00000000-0000-0000-0000-000000000001;", text);
    }

    [Fact]
    public void Values_OtherDuckDbTypes_RenderWithoutFailing()
    {
        const string Sql = """
            select 'b'::enum_type as e, map {'k': 1} as m, '101'::bit as bt, '\x01a'::blob as bl,
                timestamptz '2024-01-02 03:04:05+00' as tz, [1, 2]::integer[2] as arr, '{"a": 1}'::json as js,
                12345678901234567890123::hugeint as big, 1e16::double as large, 0.1::decimal(3, 2) as dec
            """;
        session.Execute("create type enum_type as enum ('a', 'b')", TestContext.Current.CancellationToken);

        var text = Render(Sql, "{% for v in t.rows[0] %}{{ v }};{% endfor %}");

        Assert.Equal("b;{\"k\": 1};101;b'\\x01a';2024-01-02 03:04:05+00:00;[1, 2];{\"a\": 1};1.2345678901234568e+22;1e+16;0.1;", text);
    }

    [Fact]
    public void Values_IntegerArithmetic_StaysInteger()
    {
        Assert.Equal("7|int|2024", Render("select 6 as n, date '2024-05-06' as d", "{{ t.rows[0][0] + 1 }}|{{ 'int' if t.rows[0][0] is integer else 'other' }}|{{ t.rows[0][1].year }}"));
    }

    [Fact]
    public void Table_ColumnsRowsAndNames_WorkAsAgate()
    {
        const string Sql = "select * from (values (1, 'a'), (2, 'b'), (3, 'a')) v(id, code) order by id";
        const string Template = "{{ t.column_names }}|{{ t.columns[1].name }}|{{ t.columns['code'].values() }}|{{ t.columns[1].values_distinct() }}"
            + "|{{ t.rows | length }}|{{ t.rows[2]['code'] }}{{ t.rows[2].id }}|{% for row in t.rows %}{{ row.id }}{% endfor %}"
            + "|{{ t.column_types[0] }},{{ t.columns[1].data_type }}|{{ t.rows[0].keys() }}|{{ t.rows[1].get('nope', 'dflt') }}";

        Assert.Equal("('id', 'code')|code|('a', 'b', 'a')|('a', 'b')|3|a3|123|Integer,Text|('id', 'code')|dflt", Render(Sql, Template));
    }

    [Fact]
    public void Table_NoRows_IsFalseAsAgatesLenIsZero_AndHasColumns()
    {
        Assert.Equal("no|0|('id',)|none", Render("select 1 as id where false", "{{ 'yes' if t else 'no' }}|{{ t.rows | length }}|{{ t.column_names }}|{{ 'rows' if t.rows else 'none' }}"));
    }

    [Fact]
    public void PrintTable_AlignsTextLeftNumbersRightAndTruncatesRows()
    {
        Render("select i as n, 'w' || i as name, i * 1000.5::double as amount from range(1, 26) r(i)", "{{ t.print_table() }}");

        var lines = Assert.Single(printed).Split('\n');
        // As agate: the header row is aligned like its column.
        Assert.Equal("|  n | name |   amount |", lines[0]);
        Assert.Equal("| -- | ---- | -------- |", lines[1]);
        Assert.Equal("|  1 | w1   |  1,000.5 |", lines[2]);
        Assert.Equal("| 20 | w20  | 20,010.0 |", lines[21]);
        Assert.Equal("| ... | ...  |      ... |", lines[22]);
        Assert.Equal(23, lines.Length);
    }

    [Fact]
    public void PrintTable_LongNumbersAndText_CutToPrecisionAndWidth()
    {
        Render("select 1 / 3 as third, repeat('x', 25) as long_text, 1 as a, 2 as b, 3 as c, 4 as d, 5 as e", "{{ t.print_table() }}");

        var lines = Assert.Single(printed).Split('\n');
        Assert.Equal("|  third | long_text            | a | b | c | d | ... |", lines[0]);
        Assert.Equal("| 0.333\u2026 | xxxxxxxxxxxxxxxxx... | 1 | 2 | 3 | 4 | ... |", lines[2]);
    }

    [Fact]
    public void Str_Table_IsItsStructureAsAgatePrintsIt()
    {
        var text = Render("select 1 as id, 'a' as code, 2.5 as amount, date '2024-01-01' as day", "{{ t }}");

        Assert.Equal("| column | data_type |\n| ------ | --------- |\n| id     | Integer   |\n| code   | Text      |\n| amount | Number    |\n| day    | Date      |\n", text);
    }

    [Fact]
    public void Fetch_DmlAndDdl_HaveNoColumnsAndTakeEffect()
    {
        session.Execute("create table t as select 1 as id", TestContext.Current.CancellationToken);
        var insert = session.Fetch("insert into t values (2), (3)", TestContext.Current.CancellationToken);
        var create = session.Fetch("create table u (id integer)", TestContext.Current.CancellationToken);

        Assert.Empty(insert.ColumnNames);
        Assert.Empty(create.ColumnNames);
        Assert.Equal("3", Render("select count(*) from t", "{{ t.rows[0][0] }}"));
    }

    [Fact]
    public void Table_IteratesItsRows_HasTheirLength_AndIndexesThem()
    {
        var text = Render(
            "select 1 as n, 'a' as s union all select 2, 'b' order by n",
            "{% for row in t %}{{ row[0] }}{{ row.s }};{% endfor %}|{{ t | length }}|{{ t[1][1] }}|{{ t[-1].n }}|{{ 'yes' if t else 'no' }}");

        Assert.Equal("1a;2b;|2|b|2|yes", text);
    }
}
