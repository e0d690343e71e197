using nietras.SeparatedValues;

namespace Wellhouse.Transform.Execution;

/// <summary>A seed CSV read into memory: header names and rows of strings (empty cells as null), with file lines.</summary>
internal sealed class SeedFile
{
    private SeedFile(IReadOnlyList<string> columns, List<string?[]> rows, List<int> lines)
    {
        Columns = columns;
        Rows = rows;
        Lines = lines;
    }

    public IReadOnlyList<string> Columns { get; }

    public List<string?[]> Rows { get; }

    /// <summary>The 1-based file line of each row.</summary>
    public List<int> Lines { get; }

    /// <summary>Reads the file; any problem is a <see cref="SeedException"/> naming the file and, where known, the line.</summary>
    public static SeedFile Read(string path, string displayPath, char delimiter)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SeedException($"{displayPath}: cannot read seed file: {ex.Message}");
        }

        if (text.Length == 0)
        {
            throw new SeedException($"{displayPath}(1,1): seed file is empty (a header row is required)");
        }

        var rows = new List<string?[]>();
        var lines = new List<int>();
        try
        {
            using var reader = Sep.New(delimiter).Reader(o => o with { Unescape = true }).FromText(text);
            var columns = reader.Header.ColNames.ToList();
            var duplicate = columns.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new SeedException($"{displayPath}(1,1): duplicate column name '{duplicate.Key}' in the header");
            }

            if (columns.Any(string.IsNullOrWhiteSpace))
            {
                throw new SeedException($"{displayPath}(1,{columns.FindIndex(string.IsNullOrWhiteSpace) + 1}): empty column name in the header");
            }

            foreach (var row in reader)
            {
                var values = new string?[columns.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    var value = row[i].ToString();
                    values[i] = value.Length == 0 ? null : value;
                }

                rows.Add(values);
                lines.Add(row.LineNumberFrom);
            }

            return new SeedFile(columns, rows, lines);
        }
        catch (InvalidDataException ex)
        {
            throw new SeedException($"{displayPath}: malformed CSV: {ex.Message}");
        }
    }
}

/// <summary>A seed could not be read or loaded; the message names the file and the line/column.</summary>
public sealed class SeedException : Exception
{
    public SeedException()
    {
    }

    public SeedException(string message)
        : base(message)
    {
    }

    public SeedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
