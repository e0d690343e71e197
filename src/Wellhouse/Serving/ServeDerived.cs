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
    /// The candidates of the relation that hold on every row of <paramref name="sql"/> (one scan of their columns), with
    /// the reasons the others do not. A candidate's inputs are read as stored, so one derived column may feed another.
    /// </summary>
    public static (Dictionary<string, ServeDerivation> Derived, List<string> Problems) Check(DbConnection connection, string relation, string sql)
    {
        var derived = new Dictionary<string, ServeDerivation>(StringComparer.Ordinal);
        var problems = new List<string>();
        if (!Candidates.TryGetValue(relation, out var candidates))
        {
            return (derived, problems);
        }

        var names = candidates.SelectMany(c => new[] { c.Key, c.Value.Left, c.Value.Right }).Distinct(StringComparer.Ordinal).ToList();
        using var command = connection.CreateCommand();
        command.CommandText = $"select {string.Join(", ", names.Select(n => $"\"{n}\""))} from ({sql})";
        DbDataReader reader;
        try
        {
            reader = command.ExecuteReader();
        }
        catch (DbException ex)
        {
            problems.Add($"{relation}: {ex.Message.Split('\n')[0]}");
            return (derived, problems);
        }

        using (reader)
        {
            var ordinal = names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
            var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType).ToArray();
            var checks = new List<(string Name, ServeDerivation Derivation, int Column, int Left, int Right)>();
            foreach (var (name, derivation) in candidates)
            {
                var (column, left, right) = (ordinal[name], ordinal[derivation.Left], ordinal[derivation.Right]);
                if (types[column] != typeof(double) || !IsNumber(types[left]) || !IsNumber(types[right]))
                {
                    problems.Add($"{relation}.{name} stored: not a double computed from numbers");
                    continue;
                }

                checks.Add((name, derivation, column, left, right));
            }

            var values = new double?[names.Count];
            var holds = checks.Select(_ => true).ToArray();
            var holding = checks.Count;
            long row = 0;
            while (holding > 0 && reader.Read())
            {
                row++;
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.IsDBNull(i) ? null
                        : types[i] == typeof(double) ? reader.GetDouble(i)
                        : Convert.ToDouble(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                }

                for (var c = 0; c < checks.Count; c++)
                {
                    var check = checks[c];
                    if (holds[c] && !Same(Evaluate(check.Derivation.Op, values[check.Left], values[check.Right]), values[check.Column]))
                    {
                        problems.Add($"{relation}.{check.Name} stored: row {row} is {values[check.Column]}, not the computed "
                            + Evaluate(check.Derivation.Op, values[check.Left], values[check.Right]));
                        holds[c] = false;
                        holding--;
                    }
                }
            }

            for (var c = 0; c < checks.Count; c++)
            {
                if (holds[c])
                {
                    derived[checks[c].Name] = checks[c].Derivation;
                }
            }
        }

        return (derived, problems);
    }

    private static bool IsNumber(Type type) => type == typeof(double) || type == typeof(long) || type == typeof(int);

    private static bool Same(double? a, double? b) =>
        a is null ? b is null : b is not null && BitConverter.DoubleToInt64Bits(a.Value) == BitConverter.DoubleToInt64Bits(b.Value);
}
