using System.Text;
using nietras.SeparatedValues;

namespace Wellhouse.Ingest;

internal sealed partial class UploadReader
{
    /// <summary>CSV with a header row (RFC 4180 quoting; the separator is detected from the header by Sep).</summary>
    private void ReadCsv(string path, BatchWriter writer)
    {
        // The line where the row being read starts: the reader names it when the row cannot be read at all.
        var nextLine = 1;
        try
        {
            using var reader = Sep.Reader(options => options with { DisableColCountCheck = true, Unescape = true }).From(OpenText(path));
            var names = reader.Header.ColNames;
            if (names.Count == 0)
            {
                throw new MalformedUploadException("line 1: the CSV has no header row");
            }

            var map = MapHeader(names, "line 1 (header)");
            nextLine = 2;
            foreach (var row in reader)
            {
                List<RowError>? extra = null;
                if (row.ColCount != map.Length)
                {
                    extra = [new RowError(TotalRows + 1, null, $"{row.ColCount} fields, the header has {map.Length}")];
                }

                for (var i = 0; i < Math.Min(row.ColCount, map.Length); i++)
                {
                    _parser.Set(map[i], row[i].ToString());
                }

                nextLine = row.LineNumberToExcl;
                Complete(writer, extra, row.LineNumberFrom);
            }
        }
        catch (NotSupportedException ex)
        {
            // Sep keeps a whole row in one buffer and refuses a row beyond its maximum (16 MiB): in practice a quote
            // that is never closed, which swallows the rest of the file into one field.
            throw new MalformedUploadException(
                $"{RowError.Locate(TotalRows + 1, nextLine)}: a field or row is too long to read (is a quote left open?): {ex.Message}", ex);
        }
        catch (DecoderFallbackException ex)
        {
            throw NotUtf8(path, ex);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException)
        {
            throw new MalformedUploadException($"{RowError.Locate(TotalRows + 1, nextLine)}: not readable as CSV: {ex.Message}", ex);
        }
    }
}
