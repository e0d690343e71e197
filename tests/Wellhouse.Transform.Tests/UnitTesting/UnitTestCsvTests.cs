using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.UnitTesting;

/// <summary>CSV fixture rows: header, quoting, NULLs, positions.</summary>
public sealed class UnitTestCsvTests
{
    [Fact]
    public void Parse_QuotedFieldsAndEmptyCells_ValuesAndNulls()
    {
        var bag = new DiagnosticBag();

        var rows = UnitTestCsv.Parse("id,name,note\n1,\"Smith, J\",\n\n2,\"say \"\"hi\"\"\",x\n", "f.csv", 1, bag);

        Assert.Empty(bag.Items);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["1", "Smith, J", null], rows[0].Cells.Select(c => c.Value));
        Assert.Equal(["id", "name", "note"], rows[0].Cells.Select(c => c.Column));
        Assert.Equal("say \"hi\"", rows[1].Cells[1].Value);
        Assert.Equal(new SourceSpan("f.csv", 4, 1), rows[1].Span);
    }

    [Fact]
    public void Parse_UnterminatedQuote_Dbt163AtLine()
    {
        var bag = new DiagnosticBag();

        var rows = UnitTestCsv.Parse("id,name\n1,\"open\n", "models/u.yml", 10, bag);

        Assert.Empty(rows);
        var error = Assert.Single(bag.Items);
        Assert.Equal("DBT163", error.Code);
        Assert.Equal(new SourceSpan("models/u.yml", 11, 1), error.Span);
    }
}
