using System.Globalization;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Adapters;

/// <summary>
/// The SQL of dbt-duckdb's external materialization: <c>COPY ... TO</c> a file (or a hive-partitioned folder) and a
/// view that reads it back (DuckDB docs: "COPY Statement", "Hive Partitioning").
/// </summary>
internal static class DuckDbExternalSql
{
    public static readonly IReadOnlyList<string> Formats = ["parquet", "csv", "json"];

    /// <summary><c>COPY (select * from source) TO 'path' (FORMAT f, PARTITION_BY (...), extra options)</c>.</summary>
    public static string Copy(Relation source, string path, string format, IReadOnlyList<string> partitionBy, IReadOnlyDictionary<string, object?> options)
    {
        var parts = new List<string> { "format " + format };
        if (partitionBy.Count > 0)
        {
            parts.Add("partition_by (" + string.Join(", ", partitionBy.Select(Relation.Quote)) + ")");
        }

        foreach (var (key, value) in options)
        {
            parts.Add(key + " " + OptionValue(value));
        }

        return $"copy (select * from {source}) to {DuckDbAdapter.Literal(path)} ({string.Join(", ", parts)})";
    }

    /// <summary>The table function that reads the written files: the file itself, or every file below a partitioned folder.</summary>
    public static string Reader(string path, string format, bool partitioned, string? delimiter)
    {
        var function = format switch
        {
            "csv" => "read_csv",
            "json" => "read_json",
            _ => "read_parquet",
        };
        var arguments = new List<string>
        {
            DuckDbAdapter.Literal(partitioned ? path.TrimEnd('/') + "/**/*." + format : path),
        };
        if (partitioned)
        {
            arguments.Add("hive_partitioning = true");
        }

        if (format == "csv")
        {
            arguments.Add("header = true");
            if (delimiter is not null)
            {
                arguments.Add("delim = " + DuckDbAdapter.Literal(delimiter));
            }
        }

        return $"select * from {function}({string.Join(", ", arguments)})";
    }

    private static string OptionValue(object? value) => value switch
    {
        IEnumerable<object?> list when value is not string => "(" + string.Join(", ", list.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))) + ")",
        string s => DuckDbAdapter.Literal(s),
        _ => DuckDbAdapter.Literal(value),
    };
}
