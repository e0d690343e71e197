using System.Globalization;
using Wellhouse.Transform.Tests.RunQuery;

namespace Wellhouse.Transform.Tests.CrossDb;

/// <summary>tests/fixtures/cross_db built on DuckDB: dbt's cross-database macros (dbt.x() and x()) give the values
/// dbt's docs describe, and a project's default__ macro is dispatched before dbt's duckdb__ one.</summary>
public sealed class CrossDbMacroTests : IAsyncLifetime
{
    private readonly RunQueryProject project = new("cross_db", "cross_db");

    public async ValueTask InitializeAsync()
    {
        var report = await project.RunAsync();
        Assert.True(report.Success, string.Join("\n", project.Log.Concat(report.FormatProblems())));
    }

    public ValueTask DisposeAsync()
    {
        project.Dispose();
        return ValueTask.CompletedTask;
    }

    private Dictionary<string, object?> Row(string model)
    {
        var columns = project.Query($"select column_name from information_schema.columns where table_name = '{model}' order by ordinal_position").Select(r => (string)r[0]!).ToList();
        var row = Assert.Single(project.Query($"select * from main.{model}"));
        return columns.Select((c, i) => (c, row[i])).ToDictionary(p => p.c, p => p.Item2);
    }

    private static string Text(object? value) => value switch
    {
        null => "null",
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        System.Collections.IEnumerable e and not string => "[" + string.Join(",", e.Cast<object?>().Select(Text)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    [Fact]
    public void Dates_DateaddDatediffTruncLastDay_AsDocumented()
    {
        var row = Row("dates");
        Assert.Equal("2024-02-01", Text(row["add_day"]));
        Assert.Equal("2024-02-29", Text(row["add_month"]));
        Assert.Equal("2024-02-15 10:00:00", Text(row["add_quarter"]));
        Assert.Equal("2024-01-15", Text(row["add_week"]));
        Assert.Equal("2024-01-01 03:00:00", Text(row["add_hours_column"]));
        Assert.Equal("2023-02-28", Text(row["add_year"]));
        Assert.Equal("2", Text(row["diff_month"]));
        Assert.Equal("1", Text(row["diff_week_saturday_sunday"]));
        Assert.Equal("0", Text(row["diff_week_same_week"]));
        Assert.Equal("-2", Text(row["diff_week_backwards"]));
        Assert.Equal("1", Text(row["diff_day"]));
        Assert.Equal("2", Text(row["diff_hour"]));
        Assert.Equal("2024-03-01", Text(row["trunc_month"]));
        Assert.Equal("2024-02-29", Text(row["last_day_month"]));
        Assert.Equal("2024-03-31", Text(row["last_day_quarter"]));
        Assert.Equal("2024-12-31", Text(row["last_day_year"]));
        Assert.Equal("2024-02-29", Text(row["made_date"]));
        Assert.Equal("2000-01-02 03:04:05", Text(row["overridden_now"]));
        Assert.Equal("10", Text(row["intervals_between"]));
    }

    [Fact]
    public void Strings_CastsTypesAndArrays_AsDocumented()
    {
        var row = Row("strings");
        Assert.Equal("b", row["part_2"]);
        Assert.Equal("c", row["part_last"]);
        Assert.Null(row["part_beyond"]);
        Assert.Equal("a-b", row["concatenated"]);
        Assert.Equal("900150983cd24fb0d6963f7d28e17f72", row["hashed"]);
        Assert.Equal("5", Text(row["len"]));
        Assert.Equal("3", Text(row["pos"]));
        Assert.Equal("a_b_c", row["replaced"]);
        Assert.Equal("llo", row["right_3"]);
        Assert.Equal("Pennsylvania", row["literal"]);
        Assert.Equal("they're", row["escaped"]);
        Assert.Equal("13", Text(row["safe_cast_text"]));
        Assert.Equal("42", Text(row["good_cast"]));
        Assert.Equal("7", Text(row["plain_cast"]));
        Assert.Equal("true", row["bool_text"]);
        Assert.Equal(true, row["nulls_equal"]);
        Assert.Equal("1.25", Text(row["numeric_value"]));
        Assert.Equal("DECIMAL(28,6)", Assert.Single(project.Query("select data_type from information_schema.columns where table_name = 'strings' and column_name = 'numeric_value'"))[0]);
        Assert.Equal("2024-01-02 03:04:05", Text(row["timestamp_value"]));
        Assert.Equal("1.5", Text(row["float_value"]));
        Assert.Equal(true, row["boolean_value"]);
        Assert.Equal("TEXT|timestamp|float|numeric(28,6)|bigint|integer|boolean", row["type_names"]);
        Assert.Equal("TEXT|decimal(10,2)|decimal|character varying(30)|duckdb|character varying(256)|TEXT", row["column_api"]);
        Assert.Equal("[1,2,3]", Text(row["arr"]));
        Assert.Equal("[1,2,3]", Text(row["appended"]));
        Assert.Equal("[1,2,3]", Text(row["concatenated_arrays"]));
        Assert.Equal("[]", Text(row["empty_arr"]));
    }

    [Fact]
    public void Aggregates_ListaggBoolOrSetOperators_AsDocumented()
    {
        var row = Row("aggregates");
        Assert.Equal("a,a,b,c", row["ordered"]);
        Assert.Equal("a|b|c", row["distinct_values"]);
        Assert.Equal("b,a", row["first_two"]);
        Assert.Equal(true, row["any_true"]);
        Assert.Equal(true, row["some_value"]);
        Assert.Equal("3", Text(row["except_count"]));
        Assert.Equal("1", Text(row["intersect_count"]));
    }

    [Fact]
    public void DateSpine_StartIncludedEndExcluded_PerDatepart()
    {
        Assert.Equal(["2024-01-30", "2024-01-31", "2024-02-01"], project.Query("select date_day from main.spine_days order by 1").Select(r => Text(r[0])));
        Assert.Equal(["2024-01-15", "2024-02-15"], project.Query("select date_month from main.spine_months order by 1").Select(r => Text(r[0])));
        Assert.Equal(["2024-01-03", "2024-01-10", "2024-01-17"], project.Query("select date_week from main.spine_weeks order by 1").Select(r => Text(r[0])));
        Assert.Equal(["1", "2", "3", "4", "5"], project.Query("select generated_number from main.series order by 1").Select(r => Text(r[0])));
    }

    [Fact]
    public void Relations_AttributesAndMethods_AsDbtRelations()
    {
        var row = Row("relations");
        Assert.Equal("dev|main|strings|strings|\"main\".\"strings\"|False|\"dev\".\"main\".\"strings\"", row["parts"]);
        Assert.Equal("\"dev\".\"main\".\"other\"|\"dev\".\"main\"|True|DuckDBRelation", row["methods"]);
        Assert.Equal("\"d\".\"s\".\"t\"|True|__dbt__cte__x|relations", row["others"]);
        Assert.Equal("1", Text(row["from_ephemeral"]));
    }

    [Fact]
    public void GenericTest_ModelAndCompareModel_AreRelationsWhoseColumnsTheAdapterReads()
    {
        // has_columns returns a failing row unless model and compare_model are relations (mappings whose metadata
        // type ends with Relation) and get_columns_in_relation reads their columns (before, they were strings: []).
        Assert.Contains(project.Log, l => l.Contains("PASS", StringComparison.Ordinal) && l.Contains("has_columns_aggregates_", StringComparison.Ordinal));
    }

    [Fact]
    public void Flags_WhichAndShouldMacros_FollowTheRunAndConfig()
    {
        var row = Row("flags");
        Assert.Equal("build", row["which"]);
        Assert.Equal(false, row["full_refresh"]);
        Assert.Equal(false, row["should_refresh"]);
        Assert.Equal(false, row["should_store"]);
        Assert.Equal(string.Empty, row["unknown_flag"]);
        Assert.Equal("America/New_York|UTC", row["zones"]);
        Assert.Equal("2024-07-01 12:00:00-04:00", row["aware"]);
        Assert.Equal("2024-01-15 08:30:00+01:00", row["localized"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", (string)row["today"]!);
        var configured = Row("flags_configured");
        Assert.Equal(true, configured["should_refresh"]);
        Assert.Equal(true, configured["should_store"]);
    }

    [Fact]
    public void LongGenericTestName_CompiledUnderItsShortName_AsDbt()
    {
        // dbt-core synthesize_generic_test_names: a full name of 64 characters or more is written as the first 30
        // characters of <test>_<model>, '_' and the md5 of the full name; the unique_id keeps the full name.
        const string FullName = "has_columns_aggregates_ref_strings___ordered_distinct_values_first_two_any_true_some_value_except_count_intersect_count";
        var md5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(FullName)));
        var folder = Path.Combine(project.Directory, "target", "compiled", "cross_db", "models", "schema.yml");
        Assert.Equal(["has_columns_aggregates_" + md5 + ".sql"], Directory.GetFiles(folder).Select(Path.GetFileName));
        var manifest = File.ReadAllText(Path.Combine(project.Directory, "target", "manifest.json"));
        Assert.Contains("\"test.cross_db." + FullName + ".", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void MacroArgumentNotProvided_PassedToAnotherMacro_StaysUndefined()
    {
        var row = Row("undefined_args");
        Assert.Equal("False||fallback", row["passed"]);
        // As Jinja2: `[] if not default` without else is undefined when a default is given; return() passes it on.
        Assert.Equal("|True", row["returned"]);
    }
}
