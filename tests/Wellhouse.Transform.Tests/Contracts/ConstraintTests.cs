using System.Text.Json;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Contracts;

/// <summary>Constraints as dbt-duckdb applies them: in the table's DDL when the contract is enforced, so DuckDB refuses
/// rows that break them; dbt's parse checks and warning; constraints in manifest.json.</summary>
public sealed class ConstraintTests
{
    private const string Schema = """
        version: 2
        models:
          - name: wells
            config:
              materialized: table
              contract: {enforced: true}
            constraints:
              - type: check
                name: rate_positive
                expression: "rate > 0"
            columns:
              - name: id
                data_type: integer
                constraints:
                  - type: primary_key
              - name: name
                data_type: varchar
                constraints:
                  - type: not_null
                  - type: unique
              - name: rate
                data_type: double
          - name: readings
            config:
              materialized: table
              contract: {enforced: true}
            constraints:
              - type: foreign_key
                columns: [well_id]
                to: ref('wells')
                to_columns: [id]
            columns:
              - name: well_id
                data_type: integer
              - name: value
                data_type: double
        """;

    private static TempProject Project(string wellsSql, string readingsSql = "select 1 as well_id, 2.5::double as value")
    {
        var project = new TempProject("wellhouse-constraints-");
        project.WriteProject("constrained");
        project.Write("models/wells.sql", wellsSql);
        project.Write("models/readings.sql", readingsSql);
        project.Write("models/schema.yml", Schema);
        return project;
    }

    [Fact]
    public async Task Constraints_are_in_the_tables_ddl_and_the_manifest()
    {
        using var project = Project("select 1 as id, 'A-1' as name, 10.5::double as rate union all select 2, 'A-2', 3.0");
        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", project.Log.Concat(report.FormatProblems())));
        Assert.DoesNotContain(report.Diagnostics, d => d.Code == "DBT180");

        // readings depends on wells through its foreign key's to: ref('wells').
        Assert.Contains("model.constrained.wells", report.Project!.Manifest.Nodes["model.constrained.readings"].DependsOnNodes);
        var constraints = project.Query("select table_name, constraint_type from information_schema.table_constraints order by all")
            .Select(r => $"{r[0]} {r[1]}").ToList();
        Assert.Contains("wells PRIMARY KEY", constraints);
        Assert.Contains("wells UNIQUE", constraints);
        Assert.Contains("wells CHECK", constraints);
        Assert.Contains("readings FOREIGN KEY", constraints);
        var runSql = File.ReadAllText(Path.Combine(project.ProjectDir, "target", "run", "constrained", "models", "wells.sql"));
        Assert.Contains("\"id\" integer primary key,", runSql, StringComparison.Ordinal);
        Assert.Contains("\"name\" varchar not null unique,", runSql, StringComparison.Ordinal);
        Assert.Contains("constraint rate_positive check (rate > 0)", runSql, StringComparison.Ordinal);
        Assert.Contains("foreign key (well_id) references \"main\".\"wells\" (id)", File.ReadAllText(Path.Combine(project.ProjectDir, "target", "run", "constrained", "models", "readings.sql")), StringComparison.Ordinal);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.ProjectDir, "target", "manifest.json")));
        var wells = manifest.RootElement.GetProperty("nodes").GetProperty("model.constrained.wells");
        Assert.Equal("rate_positive", wells.GetProperty("constraints")[0].GetProperty("name").GetString());
        Assert.Equal("primary_key", wells.GetProperty("columns").GetProperty("id").GetProperty("constraints")[0].GetProperty("type").GetString());
        Assert.True(wells.GetProperty("contract").GetProperty("enforced").GetBoolean());
        var foreignKey = manifest.RootElement.GetProperty("nodes").GetProperty("model.constrained.readings").GetProperty("constraints")[0];
        Assert.Equal("\"main\".\"wells\"", foreignKey.GetProperty("to").GetString());
    }

    [Theory]
    [InlineData("select 1 as id, 'A-1' as name, 10.5::double as rate union all select 1, 'A-2', 3.0", "PRIMARY KEY or UNIQUE constraint violation")]
    [InlineData("select 1 as id, cast(null as varchar) as name, 10.5::double as rate", "NOT NULL constraint failed")]
    [InlineData("select 1 as id, 'A-1' as name, -1.0::double as rate", "CHECK constraint failed")]
    public async Task A_row_breaking_a_constraint_fails_the_model_and_leaves_no_table(string wellsSql, string expected)
    {
        using var project = Project(wellsSql);
        var report = await project.RunAsync();

        var wells = report.Outcome!.Results.Single(r => r.Node.Name == "wells");
        Assert.Equal(NodeStatus.Error, wells.Status);
        Assert.Contains(expected, wells.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(NodeStatus.Skipped, report.Outcome.Results.Single(r => r.Node.Name == "readings").Status);
        Assert.Empty(project.Query("select table_name from information_schema.tables where table_name like 'wells%'"));
    }

    [Fact]
    public async Task A_foreign_key_to_a_missing_row_fails_the_child()
    {
        using var project = Project("select 1 as id, 'A-1' as name, 10.5::double as rate", "select 7 as well_id, 2.5::double as value");
        var report = await project.RunAsync();

        var readings = report.Outcome!.Results.Single(r => r.Node.Name == "readings");
        Assert.Equal(NodeStatus.Error, readings.Status);
        Assert.Contains("foreign key", readings.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Dbts_parse_checks_two_primary_keys_an_unknown_type_and_constraints_on_a_view()
    {
        using var project = new TempProject("wellhouse-constraints-");
        project.WriteProject("constrained");
        project.Write("models/a.sql", "select 1 as x, 2 as y");
        project.Write("models/b.sql", "select 1 as x");
        project.Write("models/schema.yml", """
            version: 2
            models:
              - name: a
                config:
                  materialized: table
                  contract: {enforced: true}
                columns:
                  - name: x
                    data_type: int
                    constraints: [{type: primary_key}]
                  - name: y
                    data_type: int
                    constraints: [{type: primary_key}, {type: distinct}]
              - name: b
                config:
                  contract: {enforced: true}
                columns:
                  - name: x
                    data_type: int
                    constraints: [{type: not_null}]
            """);

        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        var problems = load.Diagnostics.Select(d => $"{d.Code} {d.Span.File}:{d.Span.Line} {d.Message}").ToList();
        Assert.Contains("DBT102 models/schema.yml:13 Invalid constraint type on column y: Type must be one of ['check', 'not_null', 'unique', 'primary_key', 'foreign_key', 'custom']", problems);
        Assert.Contains(problems, p => p.StartsWith("DBT102 models/schema.yml:3 Primary key constraint error: (models/a.sql)\nFound 2 columns (['x', 'y']) with primary key constraints defined.", StringComparison.Ordinal));
        Assert.Contains("DBT208 models/schema.yml:14 Constraint types are not supported for view materializations and will be ignored.  Set 'warn_unsupported: false' on this constraint to ignore this warning.", problems);
    }
}
