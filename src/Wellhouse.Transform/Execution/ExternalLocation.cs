using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>Where and how an external model is written (its configs, resolved), and the file moves around the COPY.</summary>
internal sealed record ExternalLocation(string Path, string Format, IReadOnlyList<string> PartitionBy, string? Delimiter, IReadOnlyDictionary<string, object?> Options)
{
    public static ExternalLocation? Read(RunContext context, Node node, out string? error)
    {
        error = null;
        var config = node.Config;
        var location = config.GetString("location");
        var format = config.GetString("format")?.ToLowerInvariant();
        if (format is null && location is not null)
        {
            // dbt-duckdb infers the format from the location's extension when format is not set.
            var extension = System.IO.Path.GetExtension(location).TrimStart('.').ToLowerInvariant();
            format = DuckDbExternalSql.Formats.Contains(extension) ? extension : null;
        }

        format ??= "parquet";
        if (!DuckDbExternalSql.Formats.Contains(format))
        {
            error = $"invalid external format '{format}' (supported: {string.Join(", ", DuckDbExternalSql.Formats)})";
            return null;
        }

        var options = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (config["options"] is Dictionary<string, object?> given)
        {
            foreach (var (key, value) in given)
            {
                options[key] = value;
            }
        }

        var partitionBy = config.GetStringList("partition_by");
        if (partitionBy.Count == 0 && options.Remove("partition_by", out var fromOptions))
        {
            partitionBy = fromOptions switch
            {
                string s => s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                IEnumerable<object?> list => [.. list.Select(v => v?.ToString() ?? string.Empty)],
                _ => [],
            };
        }

        options.Remove("partition_by");
        options.Remove("format");
        var delimiter = config.GetString("delimiter");
        if (format == "csv" && delimiter is not null)
        {
            options["delimiter"] = delimiter;
        }

        var request = context.Request;
        var root = context.Adapter.Target.ExternalRoot ?? request.TargetPath ?? request.ProjectDir;
        var path = location is null
            ? System.IO.Path.Combine(root, node.Relation.Identifier + "." + format)
            : System.IO.Path.GetFullPath(location, request.ProjectDir);
        return new ExternalLocation(path, format, partitionBy, delimiter, options);
    }

    /// <summary>Replaces <paramref name="path"/> (a file or a partitioned folder) with <paramref name="staging"/>: the old
    /// one is moved aside first and deleted only after the new one is in place.</summary>
    public static void MoveIntoPlace(string staging, string path)
    {
        var backup = path + ".__dbt_backup";
        Delete(backup);
        var hadOld = Exists(path);
        if (hadOld)
        {
            Move(path, backup);
        }

        try
        {
            Move(staging, path);
        }
        catch (IOException) when (hadOld)
        {
            Move(backup, path);
            throw;
        }

        Delete(backup);
    }

    public static void Delete(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the staging name is cleared before the next write anyway.
        }
    }

    private static bool Exists(string path) => Directory.Exists(path) || File.Exists(path);

    private static void Move(string from, string to)
    {
        if (Directory.Exists(from))
        {
            Directory.Move(from, to);
        }
        else
        {
            File.Move(from, to);
        }
    }
}
