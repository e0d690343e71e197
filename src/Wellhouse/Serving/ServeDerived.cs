using System.Data.Common;
using System.Text.Json.Serialization;

namespace Wellhouse.Serving;

/// <summary>How a derived column is computed from two or three columns of its row (the model's SQL, as IEEE doubles).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ServeDerivedOp>))]
internal enum ServeDerivedOp
{
    /// <summary><c>a * b</c>: NULL when either is.</summary>
    Product,

    /// <summary><c>a / nullif(b, 0)</c>: NULL when either is NULL or b is 0.</summary>
    QuotientNonZero,

    /// <summary><c>case when c &gt; 0 then (ln(a) - ln(b)) / c else 0 end</c>, c the <see cref="ServeDerivation.Scale"/>:
    /// 0 when c is NULL or not above 0 (a NaN c is above 0, as DuckDB compares it), else NULL when a or b is NULL.
    /// int_ml_trendlines_output's residual_z; checked in C# against the view's value on every row
    /// (<see cref="ServeDerived.ScanCheck"/>), so .NET's Math.Log must give DuckDB's ln bit for bit.</summary>
    LogResidualZ,
}

/// <summary>A column the store computes from others of the same row instead of storing it; <see cref="Scale"/> is the
/// third input of an operation of three (<see cref="ServeDerivedOp.LogResidualZ"/>).</summary>
internal sealed record ServeDerivation(
    [property: JsonPropertyName("op")] ServeDerivedOp Op,
    [property: JsonPropertyName("left")] string Left,
    [property: JsonPropertyName("right")] string Right,
    [property: JsonPropertyName("scale")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Scale = null)
{
    /// <summary>The derivation as one text (its column's checksum).</summary>
    public string Text => Scale is null ? $"{Op}({Left}, {Right})" : $"{Op}({Left}, {Right}, {Scale})";
}

/// <summary>
/// Columns of stored relations that are arithmetic on other columns of their row (stg_well_production's volumes are
/// rate x period days, its producing-day rates volume / producing days: 6 of its 17 columns, 460 MiB at 10 M rows;
/// int_ml_trendlines_output's residual_z, the log residual over the series' scale, 222 MiB). The store keeps only the
/// inputs and computes the column when read, but only for a column that the build found equal, bit for bit and NULL for
/// NULL, to the computation on every row (<see cref="Check"/> in SQL for the products and quotients, whose SQL is
/// .NET's arithmetic; <see cref="ScanCheck"/> in C# while scanning for the logarithms, so that what is compared is the
/// .NET computation the reads make); any other column is stored.
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

    /// <summary>The candidates checked in C# while the relation is scanned (<see cref="ScanCheck"/>), per relation
    /// (warehouse/models/intermediate/int_ml_trendlines_output.sql).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, ServeDerivation>> ScanCandidates =
        new Dictionary<string, IReadOnlyDictionary<string, ServeDerivation>>(StringComparer.Ordinal)
        {
            ["int_ml_trendlines_output"] = new Dictionary<string, ServeDerivation>(StringComparer.Ordinal)
            {
                ["residual_z"] = new(ServeDerivedOp.LogResidualZ, "actual_rate", "trend_rate", "residual_sigma"),
            },
        };

    /// <summary>Whether a derivation is checked while scanning (<see cref="ScanCheck"/>) rather than in SQL
    /// (<see cref="Check"/>).</summary>
    public static bool CheckedInScan(ServeDerivedOp op) => op == ServeDerivedOp.LogResidualZ;

    /// <summary>How many input columns the operation reads.</summary>
    public static int Inputs(ServeDerivedOp op) => op == ServeDerivedOp.LogResidualZ ? 3 : 2;

    /// <summary>The value, or null for NULL.</summary>
    public static double? Evaluate(ServeDerivedOp op, double? left, double? right, double? scale = null) => op switch
    {
        ServeDerivedOp.LogResidualZ when scale is not { } c || !AboveZero(c) => 0,
        _ when left is null || right is null => null,
        ServeDerivedOp.Product => left.Value * right.Value,
        ServeDerivedOp.LogResidualZ => LogResidual(left.Value, right.Value, scale!.Value),
        _ => right.Value == 0 ? null : left.Value / right.Value,
    };

    /// <summary><c>c &gt; 0</c> as DuckDB compares doubles: NaN is above every number.</summary>
    public static bool AboveZero(double c) => c > 0 || double.IsNaN(c);

    /// <summary><c>(ln(a) - ln(b)) / c</c>.</summary>
    public static double LogResidual(double a, double b, double c) => (Math.Log(a) - Math.Log(b)) / c;

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

    /// <summary>
    /// A check of a derivation (<see cref="ScanCandidates"/>) against a scan's values, row by row: the scan reads the
    /// column and its inputs (all doubles), and each row's value must equal <see cref="Evaluate"/> of its inputs bit for
    /// bit, NULL for NULL. The inputs are the values the store keeps (stored, or looked up and checked equal to their
    /// target, <see cref="ServeLookups"/>), so a column that passes reads back as the scan gave it.
    /// </summary>
    public sealed class ScanCheck
    {
        private readonly ServeDerivation _derivation;
        private readonly int _value;
        private readonly int _left;
        private readonly int _right;
        private readonly int _scale;
        private long _row;

        private ScanCheck(ServeDerivation derivation, int value, int left, int right, int scale)
        {
            _derivation = derivation;
            (_value, _left, _right, _scale) = (value, left, right, scale);
        }

        /// <summary>The column's name.</summary>
        public string Column { get; private init; } = "";

        /// <summary>The first row whose value differs from the computation, or null while every row matches.</summary>
        public string? Problem { get; private set; }

        /// <summary>A check of the reader's column <paramref name="value"/>, or null (with why) when it or an input is not
        /// a double column of the scan.</summary>
        public static (ScanCheck? Check, string? Problem) For(string column, ServeDerivation derivation, DbDataReader reader, int value)
        {
            int Ordinal(string? name)
            {
                for (var i = 0; name is not null && i < reader.FieldCount; i++)
                {
                    if (reader.GetName(i) == name)
                    {
                        return i;
                    }
                }

                return -1;
            }

            var inputs = new[] { Ordinal(derivation.Left), Ordinal(derivation.Right), Ordinal(derivation.Scale) };
            var names = new[] { derivation.Left, derivation.Right, derivation.Scale };
            for (var i = 0; i < Inputs(derivation.Op); i++)
            {
                if (inputs[i] < 0)
                {
                    return (null, $"no column {names[i]} to compute it from");
                }
            }

            if (new[] { value }.Concat(inputs.Take(Inputs(derivation.Op))).Any(i => reader.GetFieldType(i) != typeof(double)))
            {
                return (null, $"not a double computed from doubles ({derivation.Text})");
            }

            return (new ScanCheck(derivation, value, inputs[0], inputs[1], inputs[2]) { Column = column }, null);
        }

        /// <summary>Compares the reader's row with the computation.</summary>
        public void Add(DbDataReader reader)
        {
            var row = _row++;
            if (Problem is not null)
            {
                return;
            }

            double? Read(int ordinal) => ordinal < 0 || reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
            var expected = Evaluate(_derivation.Op, Read(_left), Read(_right), Read(_scale));
            var actual = Read(_value);
            if (expected.HasValue != actual.HasValue
                || (actual is { } a && BitConverter.DoubleToInt64Bits(a) != BitConverter.DoubleToInt64Bits(expected!.Value)))
            {
                Problem = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"row {row + 1}: {actual?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"}, not the computed {expected?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"} ({_derivation.Text})");
            }
        }
    }
}
