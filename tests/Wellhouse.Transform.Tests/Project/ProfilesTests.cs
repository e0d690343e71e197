using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Project;

public class ProfilesTests
{
    [Fact]
    public void Load_DefaultTarget_ReadsDuckDbOutput()
    {
        var target = Fixtures.LoadOk("basic").Target;
        Assert.Equal("dev", target.Name);
        Assert.Equal("basic", target.ProfileName);
        Assert.Equal("duckdb", target.Type);
        Assert.Equal(Path.Combine(Fixtures.Parse("basic"), "basic.duckdb"), target.Path);
        Assert.Equal("basic", target.Database);
        Assert.Equal("main", target.Schema);
        Assert.Equal(4, target.Threads);
        Assert.Equal(["parquet"], target.Extensions);
        Assert.Equal("1GB", target.Settings["memory_limit"]);
        var attach = Assert.Single(target.Attach);
        Assert.Equal(new AttachedDatabase(Path.Combine(Fixtures.Parse("basic"), "other", "reference.duckdb"), "reference", true, null), attach);
    }

    [Fact]
    public void Load_TargetOption_SelectsOtherOutput()
    {
        var target = Fixtures.LoadOk("basic", target: "prod").Target;
        Assert.Equal("prod", target.Name);
        Assert.Equal(":memory:", target.Path);
        Assert.Equal("memory", target.Database);
        Assert.Equal("analytics", target.Schema);
        Assert.Equal(2, target.Threads);
    }

    [Fact]
    public void FindProfilesFile_NoOption_UsesProjectDirectoryBeforeHome()
    {
        var path = ProfilesReader.FindProfilesFile(Fixtures.Parse("basic"), null);
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DBT_PROFILES_DIR")))
        {
            Assert.Equal(Path.Combine(Fixtures.Parse("basic"), "profiles.yml"), path);
        }

        Assert.Equal(Path.Combine("/somewhere", "profiles.yml"), ProfilesReader.FindProfilesFile(Fixtures.Parse("basic"), "/somewhere"));
    }

    [Fact]
    public void FindProfilesFile_EnvironmentVariable_UsedWhenNoOption()
    {
        Assert.Equal(Path.Combine("/from/env", "profiles.yml"), ProfilesReader.FindProfilesFile(Fixtures.Parse("basic"), null, "/from/env"));
        Assert.Equal(Path.Combine("/option", "profiles.yml"), ProfilesReader.FindProfilesFile(Fixtures.Parse("basic"), "/option", "/from/env"));
        Assert.Equal(Path.Combine(Fixtures.Parse("basic"), "profiles.yml"), ProfilesReader.FindProfilesFile(Fixtures.Parse("basic"), null, null));
    }
}
