using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Project;

/// <summary><c>.dbtignore</c>: gitignore patterns (pathspec's git wildmatch rules, as dbt uses them) over the files of
/// the project and of each package, relative to its own folder.</summary>
public sealed class DbtIgnoreTests
{
    [Theory]
    // A name with no slash matches at any depth, a file or a folder and what is below it.
    [InlineData("scratch", "models/scratch/a.sql", true)]
    [InlineData("scratch", "scratch", true)]
    [InlineData("scratch", "models/scratchpad.sql", false)]
    [InlineData("*.py", "models/deep/x.py", true)]
    [InlineData("*.py", "models/x.pyc", false)]
    // A trailing slash: only below a folder of that name.
    [InlineData("tmp/", "models/tmp/a.sql", true)]
    [InlineData("tmp/", "models/tmp", false)]
    // A slash at the start or inside anchors the pattern at the project folder.
    [InlineData("/a.sql", "a.sql", true)]
    [InlineData("/a.sql", "models/a.sql", false)]
    [InlineData("models/scratch/*.sql", "models/scratch/a.sql", true)]
    [InlineData("models/scratch/*.sql", "models/scratch/deeper/a.sql", false)]
    [InlineData("models/scratch/*.sql", "other/models/scratch/a.sql", false)]
    [InlineData("models/*", "models/a/b.sql", true)]
    // ** in front, at the end and inside.
    [InlineData("**/staging/*.sql", "models/x/staging/a.sql", true)]
    [InlineData("**/staging/*.sql", "staging/a.sql", true)]
    [InlineData("models/**", "models/a/b/c.sql", true)]
    [InlineData("models/**", "models", false)]
    [InlineData("models/**/tmp_*.sql", "models/tmp_a.sql", true)]
    [InlineData("models/**/tmp_*.sql", "models/a/b/tmp_a.sql", true)]
    [InlineData("**/", "models/a.sql", true)]
    [InlineData("**/", "a.sql", false)]
    // ?, sets and escapes.
    [InlineData("model_?.sql", "models/model_1.sql", true)]
    [InlineData("model_?.sql", "models/model_12.sql", false)]
    [InlineData("model_[0-9].sql", "models/model_7.sql", true)]
    [InlineData("model_[!0-9].sql", "models/model_7.sql", false)]
    [InlineData("model_[!0-9].sql", "models/model_x.sql", true)]
    [InlineData("\\#notes.md", "docs/#notes.md", true)]
    [InlineData("a+b(1).sql", "models/a+b(1).sql", true)]
    // Comments, blank lines and a lone slash match nothing.
    [InlineData("# models", "models/a.sql", false)]
    [InlineData("   ", "models/a.sql", false)]
    [InlineData("/", "models/a.sql", false)]
    public void A_pattern_matches_paths_as_gitignore_does(string pattern, string path, bool ignored) =>
        Assert.Equal(ignored, DbtIgnore.Parse([pattern]).Ignores(path));

    [Fact]
    public void The_last_matching_pattern_decides_so_a_negation_re_includes_a_file() =>
        Assert.Equal(
            [false, true, false, true],
            new[] { "models/keep.sql", "models/drop.sql", "models/scratch/keep_me.sql", "models/scratch/x.sql" }
                .Select(DbtIgnore.Parse(["models/*.sql", "!keep.sql", "scratch/", "!**/keep_*.sql"]).Ignores));

    [Fact]
    public void Ignored_files_of_every_kind_are_not_read_and_a_package_uses_its_own_dbtignore()
    {
        using var project = new TempProject("wellhouse-dbtignore-", "project");
        project.WriteProject("ignoring");
        project.Write(".dbtignore", "# scratch work\nmodels/scratch/\n*.tmp.sql\nseeds/big_*.csv\nbroken.yml\n!models/scratch/wanted.sql\n");
        project.Write("models/orders.sql", "select 1 as id");
        project.Write("models/scratch/draft.sql", "select * from {{ ref('does_not_exist') }}");
        project.Write("models/scratch/wanted.sql", "select 2 as id");
        project.Write("models/orders.tmp.sql", "this is not sql {{");
        project.Write("models/broken.yml", "version: 2\nmodels: [[[\n");
        project.Write("macros/helpers.tmp.sql", "{% macro orders_helper() %}1{% endmacro %}{% macro orders_helper() %}2{% endmacro %}");
        project.Write("seeds/big_dump.csv", "id\n1\n");
        project.Write("seeds/countries.csv", "code\nNO\n");
        project.Write("tests/scratch.tmp.sql", "select 1");
        project.Write("packages.yml", "packages:\n  - local: ../pkg\n");
        var package = Path.Combine(project.Root, "project", "dbt_packages", "pkg");
        Directory.CreateDirectory(Path.Combine(package, "models"));
        File.WriteAllText(Path.Combine(package, "dbt_project.yml"), "name: pkg\nconfig-version: 2\n");
        File.WriteAllText(Path.Combine(package, ".dbtignore"), "models/examples/\n");
        Directory.CreateDirectory(Path.Combine(package, "models", "examples"));
        File.WriteAllText(Path.Combine(package, "models", "examples", "example.sql"), "select {{ undefined_macro() }}");
        // The root project's patterns do not reach into the package's folder.
        Directory.CreateDirectory(Path.Combine(package, "models", "scratch"));
        File.WriteAllText(Path.Combine(package, "models", "scratch", "pkg_scratch.sql"), "select 3 as id");

        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var names = result.Project!.Manifest.Nodes.Keys.Order(StringComparer.Ordinal);
        Assert.Equal(["model.ignoring.orders", "model.ignoring.wanted", "model.pkg.pkg_scratch", "seed.ignoring.countries"], names);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "DBT180");
    }

    [Fact]
    public void A_pattern_that_cannot_be_read_is_a_warning_at_its_line()
    {
        using var project = new TempProject("wellhouse-dbtignore-");
        project.WriteProject("ignoring");
        project.Write("models/orders.sql", "select 1 as id");
        project.Write(".dbtignore", "*.bak\nmodel_[z-a].sql\n");

        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((".dbtignore", 2, "DBT102"), (warning.Span.File, warning.Span.Line, warning.Code));
    }
}
