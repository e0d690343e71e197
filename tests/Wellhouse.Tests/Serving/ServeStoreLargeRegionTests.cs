using System.Text.Json;
using Wellhouse.Serving;

namespace Wellhouse.Tests.Serving;

/// <summary>
/// A store whose column passes 2 GB opens and reads: at 100 M daily rows (50,000 wells x 2,000 days)
/// int_ml_trendlines_output has 291 M rows, 2.3 GB per double column, and the store was refused as "outside the file"
/// after it was built (the region check made a span of the whole column). The file here is sparse: one well with
/// 300 M rows of a double column, of which only the last value is written.
/// </summary>
public sealed class ServeStoreLargeRegionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wellhouse-serve-large-").FullName;

    [Fact]
    public void Open_ColumnPast2GB_ReadsItsLastRow()
    {
        const long rows = 300_000_000;
        var path = Path.Combine(_folder, "large.serve");
        using (var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite))
        {
            var preamble = new byte[16];
            ServeFormat.Magic.CopyTo(preamble);
            BitConverter.TryWriteBytes(preamble.AsSpan(8), ServeFormat.Version);
            RandomAccess.Write(file, preamble, 0);
            RandomAccess.Write(file, BitConverter.GetBytes(7), 16);
            RandomAccess.Write(file, [.. BitConverter.GetBytes(0), .. BitConverter.GetBytes((int)rows)], 24);
            const long values = 32;
            RandomAccess.Write(file, BitConverter.GetBytes(42.5), values + ((rows - 1) * 8));
            var footer = new ServeFooter
            {
                FormatVersion = ServeFormat.Version,
                SnapshotId = "large",
                Relations =
                [
                    new ServeRelationInfo
                    {
                        Name = "large",
                        Rows = rows,
                        Checksum = "unchecked",
                        WellCodesOffset = 16,
                        WellStartsOffset = 24,
                        Wells = 1,
                        Columns =
                        [
                            new ServeColumnInfo { Name = "value", Kind = ServeKind.Double, ValuesOffset = values, NullsOffset = -1, Checksum = "unchecked" },
                        ],
                    },
                ],
            };
            var json = JsonSerializer.SerializeToUtf8Bytes(footer);
            var footerOffset = values + (rows * 8);
            RandomAccess.Write(file, json, footerOffset);
            var trailer = new byte[16];
            BitConverter.TryWriteBytes(trailer, footerOffset);
            ServeFormat.Magic.CopyTo(trailer.AsSpan(8));
            RandomAccess.Write(file, trailer, footerOffset + json.Length);
        }

        var store = ServeStore.Open(path, "large");
        var relation = store.Relation("large")!;
        Assert.Equal((0, (int)rows), relation.Range(7));
        Assert.Equal(42.5, relation["value"].Double((int)rows - 1));
        Assert.Equal(0.0, relation["value"].Double(0));
        store.Unmap();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
