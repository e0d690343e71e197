using System.Globalization;
using DuckDB.NET.Data;
using Wellhouse.Decline;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Tests.Warehouse;

/// <summary>
/// The warehouse macro decline_rate (warehouse/macros/decline_curves.sql) against Wellhouse.Decline's models, for
/// every model kind with chosen parameters (also the kinds no data set picks): a one-model project with the
/// warehouse's macros, built by the engine, evaluates the macro at times around each model's features.
/// </summary>
public sealed class DeclineRateMacroTests
{
    private static readonly double Dlim = DeclineConversions.TerminalDeclinePerDay(0.08);

    /// <summary>model, qi, Di per day, b, Dlim per day, Duong a and m, tau, n.</summary>
    private static readonly (string Model, double Qi, double? Di, double? B, double? Dlim, double? A, double? M, double? Tau, double? N)[] Fits =
    [
        ("exponential", 12.5, 0.45 / 365.25, 0, null, null, null, null, null),
        ("hyperbolic", 3.2, 1.7 / 365.25, 0.8, null, null, null, null, null),
        ("hyperbolic", 3.2, 1.7 / 365.25, 1e-10, null, null, null, null, null),
        ("hyperbolic", 0.7, 4.0 / 365.25, 1.95, null, null, null, null, null),
        ("harmonic", 5.0, 0.9 / 365.25, 1, null, null, null, null, null),
        ("modified_hyperbolic", 8.0, 1.2 / 365.25, 1.3, Dlim, null, null, null, null),
        ("modified_hyperbolic", 8.0, 0.05 / 365.25, 1.3, Dlim, null, null, null, null),
        ("modified_hyperbolic", 8.0, 1.2 / 365.25, 0, Dlim, null, null, null, null),
        ("duong", 2.5, null, null, null, 0.9, 1.15, null, null),
        ("duong", 2.5, null, null, null, 0.02, 0.6, null, null),
        ("stretched_exponential", 6.0, null, null, null, null, null, 180, 0.45),
        ("stretched_exponential", 6.0, null, null, null, null, null, 900, 1),
    ];

    private static readonly double[] Times = [0, 1e-9, 0.5, 15.5, 45, 400, 1460.5, 3650, 20000];

    [Fact]
    public async Task DeclineRate_EveryModelKind_EqualsWellhouseDecline()
    {
        var directory = Path.Combine(Path.GetTempPath(), "wellhouse-macro-" + Guid.NewGuid().ToString("N"));
        try
        {
            var rates = await BuildAsync(directory);
            var kinds = new HashSet<string>(StringComparer.Ordinal);
            for (var fit = 0; fit < Fits.Length; fit++)
            {
                var (model, qi, di, b, dlim, a, m, tau, n) = Fits[fit];
                var curve = DeclineCurvesCheck.Model(model, qi, di, b, dlim, (a, m), (tau, n));
                kinds.Add(curve.Kind.ToString());
                for (var t = 0; t < Times.Length; t++)
                {
                    var expected = curve.Rate(Times[t]);
                    Assert.True(DeclineCurvesCheck.Close(rates[(fit, t)], expected), $"{model} #{fit} at t = {Times[t]}: SQL {rates[(fit, t)]}, Wellhouse.Decline {expected}");
                }
            }

            Assert.Equal(Enum.GetNames<DeclineModelKind>().Order(StringComparer.Ordinal), kinds.Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task DeclineRate_UnknownModelOrNullTime_IsNull()
    {
        var directory = Path.Combine(Path.GetTempPath(), "wellhouse-macro-" + Guid.NewGuid().ToString("N"));
        try
        {
            var rates = await BuildAsync(directory);

            Assert.Null(rates[(-1, 0)]);
            Assert.Null(rates[(-2, 0)]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Builds a project of the warehouse's macros and one model of every (fit, time) case in
    /// <paramref name="directory"/>, and reads the rates back by case. Case -1 is an unknown model, -2 a NULL time.</summary>
    private static async Task<Dictionary<(int Fit, int Time), double?>> BuildAsync(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "models"));
        Directory.CreateDirectory(Path.Combine(directory, "macros"));
        foreach (var macro in Directory.GetFiles(Path.Combine(RepoPaths.Warehouse, "macros"), "*.sql"))
        {
            File.Copy(macro, Path.Combine(directory, "macros", Path.GetFileName(macro)));
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "dbt_project.yml"), """
            name: macro_check
            version: "1.0.0"
            config-version: 2
            profile: macro_check
            model-paths: ["models"]
            macro-paths: ["macros"]
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "profiles.yml"), """
            macro_check:
              target: dev
              outputs:
                dev:
                  type: duckdb
                  path: check.duckdb
                  schema: main
                  threads: 1
            """);
        var cases = new List<string>();
        for (var fit = 0; fit < Fits.Length; fit++)
        {
            var (model, qi, di, b, dlim, a, m, tau, n) = Fits[fit];
            for (var t = 0; t < Times.Length; t++)
            {
                cases.Add($"({fit}, {t}, '{model}', {Sql(qi)}, {Sql(di)}, {Sql(b)}, {Sql(dlim)}, {Sql(a)}, {Sql(m)}, {Sql(tau)}, {Sql(n)}, {Sql(Times[t])})");
            }
        }

        cases.Add($"(-1, 0, 'gompertz', {Sql(1)}, {Sql(0.5)}, {Sql(0)}, null, null, null, null, null, {Sql(10)})");
        cases.Add($"(-2, 0, 'exponential', {Sql(1)}, {Sql(0.5)}, {Sql(0)}, null, null, null, null, null, null)");
        await File.WriteAllTextAsync(Path.Combine(directory, "models", "rates.sql"), $$"""
            with cases as (
                select fit, time, model, cast(qi as double) as qi, cast(di as double) as di, cast(b as double) as b,
                    cast(dlim as double) as dlim, cast(a as double) as a, cast(m as double) as m,
                    cast(tau as double) as tau, cast(n as double) as n, cast(t as double) as t
                from (values {{string.Join(",\n", cases)}}) as cases(fit, time, model, qi, di, b, dlim, a, m, tau, n, t)
            )
            select fit, time, {{"{{"}} decline_rate('model', 'qi', 'di', 'b', 'dlim', 'a', 'm', 'tau', 'n', 't') {{"}}"}} as rate
            from cases
            """);
        var database = Path.Combine(directory, "check.duckdb");
        var report = await DbtRunner.RunAsync(new DbtRunOptions
        {
            ProjectDir = directory,
            ProfilesDir = directory,
            Command = DbtCommandKind.Run,
            DatabasePath = database,
            TargetPath = Path.Combine(directory, "target"),
        }, CancellationToken.None);
        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));

        var rates = new Dictionary<(int, int), double?>();
        using var connection = new DuckDBConnection($"Data Source={database};ACCESS_MODE=READ_ONLY");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "select fit, time, rate from rates";
        using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rates[(reader.GetInt32(0), reader.GetInt32(1))] = reader.IsDBNull(2) ? null : reader.GetDouble(2);
        }

        return rates;
    }

    /// <summary>A double as a SQL literal that parses back to the same double (a string cast, not a decimal literal).</summary>
    private static string Sql(double? value) =>
        value is { } number ? "'" + number.ToString("R", CultureInfo.InvariantCulture) + "'" : "null";
}
