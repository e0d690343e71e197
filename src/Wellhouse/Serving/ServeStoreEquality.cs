namespace Wellhouse.Serving;

/// <summary>
/// Whether two serving stores answer the same (an incrementally built store against a from-scratch build of the same
/// snapshot): the same relations, well indexes and computed views, and in every column the same NULLs and values (doubles
/// bit for bit, strings as text, whatever their encodings), derived and looked-up columns as computed. Used by the tests and by
/// <c>Wellhouse.Benchmarks --serve-compare</c>.
/// </summary>
internal static class ServeStoreEquality
{
    /// <summary>The first differences found (at most <paramref name="limit"/>), none when the stores answer the same.</summary>
    public static List<string> Differences(ServeStore left, ServeStore right, int limit = 20)
    {
        var differences = new List<string>();
        void Differ(string text)
        {
            if (differences.Count < limit)
            {
                differences.Add(text);
            }
        }

        var names = left.Footer.Relations.Select(r => r.Name).ToList();
        if (!names.Order(StringComparer.Ordinal).SequenceEqual(right.Footer.Relations.Select(r => r.Name).Order(StringComparer.Ordinal)))
        {
            Differ($"relations: {string.Join(", ", names)} against {string.Join(", ", right.Footer.Relations.Select(r => r.Name))}");
            return differences;
        }

        if (System.Text.Json.JsonSerializer.Serialize(left.Footer.Computed) != System.Text.Json.JsonSerializer.Serialize(right.Footer.Computed)
            || !left.Footer.Windows.SequenceEqual(right.Footer.Windows))
        {
            Differ("computed views or windows differ");
        }

        foreach (var name in names)
        {
            var (a, b) = (left.Relation(name)!, right.Relation(name)!);
            if (a.Rows != b.Rows || a.Info.Wells != b.Info.Wells)
            {
                Differ($"{name}: {a.Rows} rows of {a.Info.Wells} wells against {b.Rows} of {b.Info.Wells}");
                continue;
            }

            for (var i = 0; i < a.Info.Wells; i++)
            {
                if (a.WellCode(i) != b.WellCode(i) || a.Range(a.WellCode(i)) != b.Range(b.WellCode(i)))
                {
                    Differ($"{name}: well index {i} is well {a.WellCode(i)} {a.Range(a.WellCode(i))} against {b.WellCode(i)} {b.Range(b.WellCode(i))}");
                    break;
                }
            }

            if (!a.Columns.Select(c => (c.Name, c.Kind, c.Derivation, c.Info.Lookup?.Text)).SequenceEqual(b.Columns.Select(c => (c.Name, c.Kind, c.Derivation, c.Info.Lookup?.Text))))
            {
                Differ($"{name}: columns differ");
                continue;
            }

            for (var c = 0; c < a.Columns.Count; c++)
            {
                var (x, y) = (a.Columns[c], b.Columns[c]);
                for (var row = 0; row < a.Rows; row++)
                {
                    if (!Same(x, y, row))
                    {
                        Differ($"{name}.{x.Name} row {row}: {Text(x, row)} against {Text(y, row)}");
                        break;
                    }
                }
            }
        }

        return differences;
    }

    private static bool Same(ServeColumn x, ServeColumn y, int row)
    {
        var isNull = x.IsNull(row);
        return isNull == y.IsNull(row) && (isNull || x.Kind switch
        {
            ServeKind.Double => BitConverter.DoubleToInt64Bits(x.Double(row)) == BitConverter.DoubleToInt64Bits(y.Double(row)),
            ServeKind.String => x.String(row) == y.String(row),
            _ => x.Long(row) == y.Long(row),
        });
    }

    private static string Text(ServeColumn column, int row) => column.IsNull(row) ? "NULL" : column.Kind switch
    {
        ServeKind.Double => column.Double(row).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ServeKind.String => column.String(row)!,
        _ => column.Long(row).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
