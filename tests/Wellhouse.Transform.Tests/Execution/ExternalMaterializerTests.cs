using DuckDB.NET.Data;

namespace Wellhouse.Transform.Tests.Execution;

/// <summary>materialized='external' (tests/fixtures/incremental/wells): files written, a view over them, refs work.</summary>
public sealed class ExternalMaterializerTests : IDisposable
{
    private readonly IncrementalProject project = new();

    public void Dispose() => project.Dispose();

    [Fact]
    public async Task PartitionedParquet_Build_WritesHiveFoldersReadByDownstreamModel()
    {
        await project.BuildOkAsync("export_totals");

        var folder = Path.Combine(project.Directory, "target", "readings_export.parquet");
        Assert.Equal(["well_id=A", "well_id=B"], Directory.GetDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "well_id=A"), "*.parquet"));
        Assert.Equal(["A|2|190", "B|2|380"], project.Table("export_totals"));
        Assert.Equal(["VIEW"], project.Rows("select table_type from information_schema.tables where table_name = 'readings_export'"));
    }

    [Fact]
    public async Task PartitionedParquet_ReadWithoutDatabase_HasEveryRow()
    {
        await project.BuildOkAsync("readings_export");

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        var glob = Path.Combine(project.Directory, "target", "readings_export.parquet", "**", "*.parquet");
        command.CommandText = $"select count(*), sum(oil)::bigint from read_parquet('{glob}', hive_partitioning = true)";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(4L, reader.GetInt64(0));
        Assert.Equal(570L, reader.GetInt64(1));
    }

    [Fact]
    public async Task SecondRun_ChangedRows_ReplacesFilesAndLeavesNoStaging()
    {
        await project.BuildOkAsync("export_totals");
        project.WriteSeed(IncrementalProject.SecondRows);

        await project.BuildOkAsync("export_totals");

        Assert.Equal(["A|3|270", "B|3|1354"], project.Table("export_totals"));
        Assert.Equal(["readings_export.parquet"], Directory.GetFileSystemEntries(Path.Combine(project.Directory, "target"), "readings_export*").Select(Path.GetFileName));
    }

    [Fact]
    public async Task CsvLocation_FormatFromExtension_WritesFileUnderProject()
    {
        await project.BuildOkAsync("readings_csv");

        var file = Path.Combine(project.Directory, "exports", "readings.csv");
        Assert.Equal("reading_id,well_id,oil", File.ReadLines(file).First());
        Assert.Equal(5, File.ReadLines(file).Count());
        Assert.Equal(["1|A|100", "2|B|200", "3|A|90", "4|B|180"], project.Table("readings_csv"));
    }

    [Fact]
    public async Task FailingQuery_SecondRun_KeepsPreviousFiles()
    {
        await project.BuildOkAsync("readings_csv");
        var model = Path.Combine(project.Directory, "models", "readings_csv.sql");
        File.WriteAllText(model, File.ReadAllText(model).Replace("oil\n", "cast('x' as integer) as oil\n", StringComparison.Ordinal));

        var report = await project.BuildAsync("readings_csv");

        Assert.Equal(1, report.ExitCode);
        Assert.Contains("Conversion Error", IncrementalProject.ErrorOf(report, "readings_csv"), StringComparison.Ordinal);
        Assert.Equal(5, File.ReadLines(Path.Combine(project.Directory, "exports", "readings.csv")).Count());
        Assert.Equal(["1|A|100", "2|B|200", "3|A|90", "4|B|180"], project.Table("readings_csv"));
    }

    [Fact]
    public async Task ExternalRoot_Profile_DefaultLocationUnderIt()
    {
        var profiles = Path.Combine(project.Directory, "profiles.yml");
        File.WriteAllText(profiles, File.ReadAllText(profiles) + "      external_root: lake\n");

        await project.BuildOkAsync("readings_export");

        Assert.True(Directory.Exists(Path.Combine(project.Directory, "lake", "readings_export.parquet", "well_id=B")));
        Assert.False(Directory.Exists(Path.Combine(project.Directory, "target", "readings_export.parquet")));
        Assert.Equal(4, project.Table("readings_export").Count);
    }
}
