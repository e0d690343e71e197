using nietras.SeparatedValues;

namespace Wellhouse.Ingest;

internal sealed partial class UploadReader
{
    /// <summary>CSV with a header row (RFC 4180 quoting; the separator is detected from the header by Sep).</summary>
    private void ReadCsv(string path, BatchWriter writer)
    {
        try
        {
            using var reader = Sep.Reader(options => options with { DisableColCountCheck = true, Unescape = true }).FromFile(path);
            var names = reader.Header.ColNames;
            if (names.Count == 0)
            {
                throw new MalformedUploadException("line 1: the CSV has no header row");
            }

            var map = MapHeader(names, "line 1 (header)");
            foreach (var row in reader)
            {
                List<RowError>? extra = null;
                if (row.ColCount != map.Length)
                {
                    extra = [new RowError(TotalRows + 1, null, $"line {row.LineNumberFrom}: {row.ColCount} fields, the header has {map.Length}")];
                }

                for (var i = 0; i < Math.Min(row.ColCount, map.Length); i++)
                {
                    _parser.Set(map[i], row[i].ToString());
                }

                Complete(writer, extra);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException)
        {
            throw new MalformedUploadException($"not readable as CSV: {ex.Message}", ex);
        }
    }
}
