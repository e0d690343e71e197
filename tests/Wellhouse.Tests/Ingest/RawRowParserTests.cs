using Wellhouse.Ingest;

namespace Wellhouse.Tests.Ingest;

public sealed class RawRowParserTests
{
    private static (RawProductionRow? Row, List<RowError> Errors) Parse(params (string Column, object? Value)[] fields)
    {
        var parser = new RawRowParser(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        foreach (var (column, value) in fields)
        {
            parser.Set(RawRowParser.IndexOf(column), value);
        }

        var errors = new List<RowError>();
        return (parser.Build(7, errors), errors);
    }

    [Fact]
    public void Build_MinimalRow_DefaultsTimestampsToReceivedAt()
    {
        var (row, errors) = Parse(("field_code", "3"), ("well_code", "12"), ("production_period", "2020-02-01"), ("data_source", "volve"));

        Assert.Empty(errors);
        Assert.Equal(12, row!.WellCode);
        Assert.Equal(new DateOnly(2020, 2, 1), row.ProductionPeriod);
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), row.UpdatedAt);
    }

    [Theory]
    [InlineData("well_code", "1 OR 1=1", "not an integer")]
    [InlineData("production_period", "2020-01-01T06:00:00", "not a date")]
    [InlineData("oil_production_kbd", "NaN", "finite")]
    [InlineData("days_on_production", "30", "outside 0..29")]
    [InlineData("created_at", "yesterday", "not a timestamp")]
    public void Build_BadField_ReportsRowColumnAndReason(string column, string value, string reason)
    {
        var fields = new List<(string, object?)> { ("field_code", "3"), ("well_code", "12"), ("production_period", "2020-02-01"), ("data_source", "volve") };
        fields.RemoveAll(field => field.Item1 == column);
        fields.Add((column, value));

        var (row, errors) = Parse([.. fields]);

        Assert.Null(row);
        var error = Assert.Single(errors);
        Assert.Equal(7, error.Row);
        Assert.Equal(column, error.Column);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void Build_MissingRequired_ReportsEachColumn()
    {
        var (row, errors) = Parse(("oil_production_kbd", 1.0));

        Assert.Null(row);
        Assert.Equal(["data_source", "field_code", "production_period", "well_code"], errors.Select(e => e.Column).Order(StringComparer.Ordinal));
    }
}
