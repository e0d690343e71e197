using Wellhouse.Testing;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Postgres;

/// <summary>profiles.yml for <c>type: postgres</c>: dbt-postgres's keys, env_var, libpq's environment variables, and
/// connection failures as one clear error naming profiles.yml.</summary>
public sealed class PostgresProfileTests(PostgresCluster cluster)
{
    [Fact]
    public void Profile_EveryKey_Read()
    {
        using var project = new TempProject();
        project.Write("dbt_project.yml", "name: shop\nprofile: shop\n");
        project.Write("profiles.yml", "shop:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: db.example\n      port: 6543\n      user: \"{{ env_var('SHOP_USER') }}\"\n"
            + "      pass: secret\n      database: warehouse\n      schema: marts\n      threads: 4\n      sslmode: require\n      connect_timeout: 3\n      keepalives_idle: 30\n      search_path: marts,public\n      role: transformer\n"
            + "      sslcert: /certs/client.crt\n      sslkey: /certs/client.key\n      sslrootcert: /certs/root.crt\n      application_name: shop_etl\n      retries: 3\n");

        var target = Load(project, new Dictionary<string, string> { ["SHOP_USER"] = "etl" }).Target;

        Assert.Equal("postgres", target.Type);
        Assert.Equal(("warehouse", "marts", 4), (target.Database, target.Schema, target.Threads));
        var pg = target.Postgres!;
        Assert.Equal(("db.example", 6543, "etl", "secret", "warehouse"), (pg.Host, pg.Port, pg.User, pg.Password, pg.DatabaseName));
        Assert.Equal(("require", 3, 30, "marts,public", "transformer"), (pg.SslMode, pg.ConnectTimeout, pg.KeepalivesIdle, pg.SearchPath, pg.Role));
        Assert.Equal(("/certs/client.crt", "/certs/client.key", "/certs/root.crt", "shop_etl", 3), (pg.SslCert, pg.SslKey, pg.SslRootCert, pg.ApplicationName, pg.Retries));
        Assert.False(pg.Citus);
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(pg.ConnectionString());
        Assert.Equal(("/certs/client.crt", "/certs/client.key", "/certs/root.crt", "shop_etl"), (connection.SslCertificate, connection.SslKey, connection.RootCertificate, connection.ApplicationName));
    }

    [Fact]
    public void Profile_KeyDbtPostgresDoesNotKnow_WarningAtItsLine()
    {
        using var project = new TempProject();
        project.Write("dbt_project.yml", "name: shop\nprofile: shop\n");
        project.Write("profiles.yml", "shop:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: h\n      user: u\n      dbname: d\n      schema: s\n      retires: 2\n");

        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir, Environment = new Dictionary<string, string>() });

        Assert.True(result.Success);
        var warning = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
        Assert.Equal(("profiles.yml", 10), (warning.Span.File, warning.Span.Line));
        Assert.Equal("target 'pg' of profile 'shop': 'retires' is not a dbt-postgres profile key; ignored", warning.Message);
        Assert.Equal(1, result.Project!.Target.Postgres!.Retries);
    }

    [Fact]
    public async Task Run_ApplicationName_IsTheServersNameForTheConnection()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop", pgExtra: "      application_name: shop_etl\n");
        project.Write("models/m.sql", "{{ config(materialized='table') }}\nselect current_setting('application_name') as app");

        Assert.True((await project.RunAsync()).Success);

        Assert.Equal("shop_etl", Assert.Single(project.Query("select app from analytics.m"))[0]);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"{{ env_var('ON_CITUS', 'true') }}\"", true)]
    public void Profile_Citus_Read(string value, bool expected)
    {
        using var project = new TempProject();
        project.Write("dbt_project.yml", "name: shop\nprofile: shop\n");
        project.Write("profiles.yml", $"shop:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: h\n      user: u\n      dbname: d\n      schema: s\n      citus: {value}\n");

        Assert.Equal(expected, Load(project, new Dictionary<string, string>()).Target.Postgres!.Citus);
    }

    [Fact]
    public void Profile_DbtFilters_AsNumberAndAsBool_ConvertRenderedText()
    {
        // As the dbt packages' own integration-test profiles write it.
        using var project = new TempProject();
        project.Write("dbt_project.yml", "name: shop\nprofile: shop\n");
        project.Write("profiles.yml", "shop:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: h\n      user: u\n      dbname: d\n      schema: s\n"
            + "      port: \"{{ env_var('POSTGRES_PORT') | as_number }}\"\n      citus: \"{{ env_var('ON_CITUS') | as_bool }}\"\n      threads: \"{{ '3' | as_native }}\"\n");

        var target = Load(project, new Dictionary<string, string> { ["POSTGRES_PORT"] = "6432", ["ON_CITUS"] = "true" }).Target;

        Assert.Equal((6432, true, 3), (target.Postgres!.Port, target.Postgres.Citus, target.Threads));
    }

    [Fact]
    public void Profile_AsNumberOfText_IsAnErrorNamingTheValue()
    {
        using var project = new TempProject();
        project.Write("dbt_project.yml", "name: shop\nprofile: shop\n");
        project.Write("profiles.yml", "shop:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: h\n      user: u\n      dbname: d\n      schema: s\n"
            + "      port: \"{{ 'lots' | as_number }}\"\n");

        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir, Environment = new Dictionary<string, string>() });

        Assert.False(result.Success);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("Could not convert value 'lots' into type 'number'", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_KeysLeftOut_TakeLibpqEnvironmentVariables()
    {
        using var project = new TempProject();
        project.Write("dbt_project.yml", "name: shop\nprofile: shop\n");
        project.Write("profiles.yml", "shop:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      schema: marts\n");
        var environment = new Dictionary<string, string> { ["PGHOST"] = "envhost", ["PGPORT"] = "5499", ["PGUSER"] = "envuser", ["PGPASSWORD"] = "envpass", ["PGDATABASE"] = "envdb" };

        var pg = Load(project, environment).Target.Postgres!;

        Assert.Equal(("envhost", 5499, "envuser", "envpass", "envdb", 10), (pg.Host, pg.Port, pg.User, pg.Password, pg.DatabaseName, pg.ConnectTimeout));
    }

    [Theory]
    [InlineData("      user: u\n      dbname: d\n      schema: marts\n", "needs 'host' (or the environment variable PGHOST)")]
    [InlineData("      host: h\n      user: u\n      dbname: d\n", "needs 'schema'")]
    [InlineData("      host: h\n      user: u\n      dbname: d\n      schema: s\n      port: lots\n", "'port' is 'lots'; expected a whole number from 1 to 65535")]
    [InlineData("      host: h\n      user: u\n      dbname: d\n      schema: s\n      sslmode: sometimes\n", "sslmode 'sometimes' is not one of disable, allow, prefer, require, verify-ca, verify-full")]
    [InlineData("      host: h\n      user: u\n      dbname: d\n      schema: s\n      citus: maybe\n", "citus must be true or false, not 'maybe'")]
    public void Profile_MissingOrBadKey_ErrorAtProfilesYml(string keys, string expected)
    {
        using var project = new TempProject();
        project.Write("dbt_project.yml", "name: shop\nprofile: shop\n");
        project.Write("profiles.yml", "shop:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n" + keys);

        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir, Environment = new Dictionary<string, string>() });

        Assert.False(result.Success);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("profiles.yml", error.Span.File);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WrongPassword_OneErrorNamingProfilesYmlAndTheServerReason()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        project.Write("profiles.yml", project.Profile("shop").Replace(PostgresCluster.Password, "not-the-password", StringComparison.Ordinal));
        project.Write("models/m.sql", "select 1 as n");

        var report = await project.RunAsync();

        Assert.False(report.Success);
        Assert.Null(report.Outcome);
        Assert.StartsWith("profiles.yml: target 'pg': error DBT400: cannot connect to PostgreSQL at 127.0.0.1:", report.Error, StringComparison.Ordinal);
        Assert.Contains("password authentication failed for user \"wellhouse\"", report.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("attempts", report.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NothingListensOnThePort_OneErrorNamingProfilesYml()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        project.Write("profiles.yml", project.Profile("shop").Replace($"port: {cluster.Port}", "port: 1", StringComparison.Ordinal));
        project.Write("models/m.sql", "select 1 as n");

        var report = await project.RunAsync();

        Assert.False(report.Success);
        Assert.StartsWith("profiles.yml: target 'pg': error DBT400: cannot connect to PostgreSQL at 127.0.0.1:1 (dbname '", report.Error, StringComparison.Ordinal);
        Assert.Contains("refused", report.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("user 'wellhouse') (2 attempts): ", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NothingListensAndRetriesZero_OneAttempt()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        project.Write("profiles.yml", project.Profile("shop", pgExtra: "      retries: 0\n").Replace($"port: {cluster.Port}", "port: 1", StringComparison.Ordinal));
        project.Write("models/m.sql", "select 1 as n");

        var report = await project.RunAsync();

        Assert.False(report.Success);
        Assert.Contains("user 'wellhouse'): ", report.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("attempts", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownDatabase_ErrorSaysItDoesNotExist()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        project.Write("profiles.yml", project.Profile("shop").Replace($"dbname: {project.Database}", "dbname: no_such_db", StringComparison.Ordinal));
        project.Write("models/m.sql", "select 1 as n");

        var report = await project.RunAsync();

        Assert.Contains("database \"no_such_db\" does not exist", report.Error, StringComparison.Ordinal);
    }

    private static LoadedProject Load(TempProject project, Dictionary<string, string> environment)
    {
        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir, Environment = environment });
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Format(project.ProjectDir))));
        return result.Project!;
    }
}
