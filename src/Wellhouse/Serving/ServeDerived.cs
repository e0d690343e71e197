using System.Data.Common;
using System.Text.Json.Serialization;

namespace Wellhouse.Serving;

/// <summary>How a derived column is computed from two columns of its row (the model's SQL, as IEEE doubles).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ServeDerivedOp>))]
internal enum ServeDerivedOp
{
    /// <summary><c>a * b</c>: NULL when either is.</summary>
    Product,

    /// <summary><c>a / nullif(b, 0)</c>: NULL when either is NULL or b is 0.</summary>
    QuotientNonZero,
}

/// <summary>A column the store computes from others of the same row instead of storing it.</summary>
internal sealed record ServeDerivation(
    [property: JsonPropertyName("op")] ServeDerivedOp Op,
    [property: JsonPropertyName("left")] string Left,
    [property: JsonPropertyName("right")] string Right);

/// <summary>
/// Columns of stored relations that are arithmetic on other columns of their row (stg_well_production's volumes are
/// rate x period days, its producing-day rates volume / producing days: 6 of its 17 columns, 460 MiB at 10 M rows). The
/// store keeps only the inputs and computes the column when read, but only for a column that the build found equal, bit
/// for bit and NULL for NULL, to the computation on every row (<see cref="Check"/>); any other column is stored.
/// </summary>
internal static class ServeDerived
{
    /// <summary>The candidates per relation (warehouse/models/staging/stg_well_production.sql).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, ServeDerivation>> Candidates =
        new Dictionary<string, IReadOnlyDictionary<string, ServeDerivation>>(StringComparer.Ordinal)
        {
            ["stg_well_production"] = new Dictionary<string, ServeDerivation>(StringComparer.Ordinal)
            {
                ["oil_volume_kbbl"] = new(ServeDerivedOp.Product, "oil_rate_kbd", "period_days"),
                ["gas_volume_mmcf"] = new(ServeDerivedOp.Product, "gas_rate_mmcfd", "period_days"),
                ["water_volume_kbbl"] = new(ServeDerivedOp.Product, "water_rate_kbd", "period_days"),
                ["oil_producing_rate_kbd"] = new(ServeDerivedOp.QuotientNonZero, "oil_volume_kbbl", "days_on_production"),
                ["gas_producing_rate_mmcfd"] = new(ServeDerivedOp.QuotientNonZero, "gas_volume_mmcf", "days_on_production"),
                ["water_producing_rate_kbd"] = new(ServeDerivedOp.QuotientNonZero, "water_volume_kbbl", "days_on_production"),
            },
        };

    /// <summary>The value, or null for NULL.</summary>
    public static double? Evaluate(ServeDerivedOp op, double? left, double? right) => op switch
    {
        _ when left is null || right is null => null,
        ServeDerivedOp.Product => left.Value * right.Value,
        _ => right.Value == 0 ? null : left.Value / right.Value,
    };

    /// <summary>
    /// The candidates of the relation that hold on every row of <paramref name="sql"/>, with the reasons the others do
    /// not: one aggregate query in DuckDB (reading the rows into .NET to compare them cost 0.55 CPU-s at 2 M rows), then
    /// one row of each candidate that does not hold, for the report. A candidate's inputs are read as stored, so one
    /// derived column may feed another.
    /// </summary>
    public static (Dictionary<string, ServeDerivation> Derived, List<string> Problems) Check(DbConnection connection, string relation, string sql)
    {
        var derived = new Dictionary<string, ServeDerivation>(StringComparer.Ordinal);
        var problems = new List<string>();
        if (!Candidates.TryGetValue(relation, out var candidates))
        {
            return (derived, problems);
        }

        // The rows' order does not matter to the check, and costs a sort.
        sql = ServeRelations.Unordered(sql);
        try
        {
            var types = Types(connection, sql);
            var checks = new List<(string Name, ServeDerivation Derivation)>();
            foreach (var (name, derivation) in candidates)
            {
                if (types.GetValueOrDefault(name) != typeof(double) || !IsNumber(types.GetValueOrDefault(derivation.Left))
                    || !IsNumber(types.GetValueOrDefault(derivation.Right)))
                {
                    problems.Add($"{relation}.{name} stored: not a double computed from numbers");
                    continue;
                }

                checks.Add((name, derivation));
            }

            if (checks.Count == 0)
            {
                return (derived, problems);
            }

            using var command = connection.CreateCommand();
            command.CommandText = $"select {string.Join(", ", checks.Select(c => $"bool_and({Holds(connection, c.Name, c.Derivation)})"))} from ({sql}) as scan";
            using (var reader = command.ExecuteReader())
            {
                reader.Read();
                for (var i = 0; i < checks.Count; i++)
                {
                    // NULL: no rows, so nothing to store either way.
                    if (reader.IsDBNull(i) || reader.GetBoolean(i))
                    {
                        derived[checks[i].Name] = checks[i].Derivation;
                    }
                }
            }

            foreach (var (name, derivation) in checks.Where(c => !derived.ContainsKey(c.Name)))
            {
                problems.Add($"{relation}.{name} stored: {Counterexample(connection, sql, name, derivation)}");
            }
        }
        catch (DbException ex)
        {
            derived.Clear();
            problems.Add($"{relation}: {ex.Message.Split('\n')[0]}");
        }

        return (derived, problems);
    }

    /// <summary>The SQL of a derivation (<see cref="Evaluate"/>: DuckDB casts an integer input to double as .NET does).</summary>
    private static string Expression(ServeDerivation derivation) => derivation.Op == ServeDerivedOp.Product
        ? $"(\"{derivation.Left}\"::float8 * \"{derivation.Right}\"::float8)"
        : $"(\"{derivation.Left}\"::float8 / nullif(\"{derivation.Right}\"::float8, 0))";

    /// <summary>True where the column equals the computation bit for bit: NULL for NULL, equal values, and a zero of the
    /// same sign (SQL's = holds for 0 and -0, which the API writes differently).</summary>
    private static string Holds(DbConnection connection, string name, ServeDerivation derivation)
    {
        var computed = Expression(derivation);
        return $"(\"{name}\" is not distinct from {computed} and {ServeSql.SignBit(connection, $"\"{name}\"")} is not distinct from {ServeSql.SignBit(connection, computed)})";
    }

    private static string Counterexample(DbConnection connection, string sql, string name, ServeDerivation derivation)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"select \"{name}\"::varchar, {Expression(derivation)}::varchar from ({sql}) as scan where not coalesce({Holds(connection, name, derivation)}, false) limit 1";
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? $"a row is {(reader.IsDBNull(0) ? "NULL" : reader.GetString(0))}, not the computed {(reader.IsDBNull(1) ? "NULL" : reader.GetString(1))}"
            : "it differs from the computation";
    }

    private static Dictionary<string, Type> Types(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"select * from ({sql}) as scan limit 0";
        using var reader = command.ExecuteReader();
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetFieldType, StringComparer.Ordinal);
    }

    private static bool IsNumber(Type? type) => type == typeof(double) || type == typeof(long) || type == typeof(int);
}
