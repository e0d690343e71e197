using System.Text.Json.Serialization;

namespace Wellhouse.Serving;

/// <summary>
/// The layout of a snapshot's serving store, <c>snapshots/&lt;id&gt;.serve</c> (docs/architecture.md, "Snapshots"):
/// <code>
/// "WHSERVE\0" + format version (int64)          16 bytes
/// column regions, each 8-byte aligned             values (the column's width), then a null bitmap (bit set = NULL) when
///                                                 it has a NULL; or, for a run-encoded column (one whose value changes
///                                                 rarely in row order), the runs' values (8 bytes each), the runs' first
///                                                 rows (int32, ascending from 0) and a null bitmap of the runs when one is
///                                                 NULL; none for a column derived from others of its row, for one read
///                                                 from another relation's row (a lookup), nor for well_code (read from
///                                                 the well index)
/// footer: UTF-8 JSON of <see cref="ServeFooter"/>  relations, columns, offsets, string dictionaries, checksums
/// footer offset (int64) + "WHSERVE\0"             16 bytes
/// </code>
/// Rows of every relation are sorted by well code (then by the relation's series order), with a per-well index, so a
/// well's rows are one contiguous range. Little-endian, as the machine writes it.
/// </summary>
internal static class ServeFormat
{
    /// <summary>5: a column may be run-encoded (<see cref="ServeColumnInfo.RunsOffset"/>), a derivation may have a third
    /// input (<see cref="ServeDerivation.Scale"/>). 4: a column may be read from another relation
    /// (<see cref="ServeColumnInfo.Lookup"/>).</summary>
    public const long Version = 5;

    public static ReadOnlySpan<byte> Magic => "WHSERVE\0"u8;

    /// <summary>The width of a kind's values in a scan (before narrowing).</summary>
    public static int Width(ServeKind kind) => kind switch
    {
        ServeKind.Bool => 1,
        ServeKind.Int32 or ServeKind.Date or ServeKind.String => 4,
        _ => 8,
    };
}

/// <summary>How a column's values are stored: Date as days since 0001-01-01 (DateOnly.DayNumber), Timestamp as ticks,
/// String as an index into the column's dictionary.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ServeKind>))]
internal enum ServeKind
{
    Int32,
    Int64,
    Double,
    Bool,
    Date,
    Timestamp,
    String,
}

internal sealed record ServeFooter
{
    [JsonPropertyName("format_version")]
    public required long FormatVersion { get; init; }

    [JsonPropertyName("snapshot_id")]
    public required string SnapshotId { get; init; }

    [JsonPropertyName("relations")]
    public required List<ServeRelationInfo> Relations { get; init; }

    /// <summary>The views whose rows the store computes as the view does, with the view's columns (names and kinds,
    /// checked against the sources at build).</summary>
    [JsonPropertyName("computed")]
    public Dictionary<string, List<ServeViewColumn>> Computed { get; init; } = [];

    /// <summary>The moving-average windows of int_moving_averages: name, period type, length in periods.</summary>
    [JsonPropertyName("windows")]
    public List<ServeWindow> Windows { get; init; } = [];
}

internal sealed record ServeViewColumn(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] ServeKind Kind);

internal sealed record ServeWindow(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("period_type")] string PeriodType,
    [property: JsonPropertyName("length")] int Length);

internal sealed record ServeRelationInfo
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("rows")]
    public required long Rows { get; init; }

    /// <summary>XxHash3 of the columns' checksums, in column order.</summary>
    [JsonPropertyName("checksum")]
    public required string Checksum { get; init; }

    /// <summary>Well codes (ascending) and, for each, the first row; the last entry of well_starts is the row count.</summary>
    [JsonPropertyName("well_codes")]
    public required long WellCodesOffset { get; init; }

    [JsonPropertyName("well_starts")]
    public required long WellStartsOffset { get; init; }

    [JsonPropertyName("wells")]
    public required int Wells { get; init; }

    [JsonPropertyName("columns")]
    public required List<ServeColumnInfo> Columns { get; init; }
}

internal sealed record ServeColumnInfo
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("kind")]
    public required ServeKind Kind { get; init; }

    [JsonPropertyName("values")]
    public required long ValuesOffset { get; init; }

    /// <summary>The null bitmap, or -1 when the column has no NULL (of a run-encoded column: one bit per run).</summary>
    [JsonPropertyName("nulls")]
    public required long NullsOffset { get; init; }

    /// <summary>A run-encoded column's first rows of its runs (<see cref="RunCount"/> int32, ascending from 0); its values
    /// region then holds one value per run, 8 bytes each, in the column's 64-bit form (a double's bits; integers, day
    /// numbers, ticks, dictionary ids, 0/1 themselves: <see cref="Width"/> 8, <see cref="Base"/> 0, <see cref="Step"/> 1).
    /// Null for a column with a value per row. <see cref="ColumnWriter"/> chooses it for a column of 8 bytes a row when the
    /// runs take at most a quarter of its bytes (<see cref="RunWriter.Saves"/>; int_ml_trendlines_output's residual_sigma:
    /// one run per well and stream).</summary>
    [JsonPropertyName("runs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? RunsOffset { get; init; }

    [JsonPropertyName("run_count")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int RunCount { get; init; }

    /// <summary>Bytes per value: 8 for doubles; for the integer kinds (ints, day numbers, ticks, dictionary ids, 0/1)
    /// the fewest of 1, 2, 4 or 8 that hold the column's range in steps, each value stored as (value -
    /// <see cref="Base"/>) / <see cref="Step"/>.</summary>
    [JsonPropertyName("width")]
    public int Width { get; init; } = 8;

    [JsonPropertyName("base")]
    public long Base { get; init; }

    /// <summary>The spacing of an integer column's values: each is stored as (value - <see cref="Base"/>) / step (1 for 8
    /// bytes: the values themselves).</summary>
    [JsonPropertyName("step")]
    public long Step { get; init; } = 1;

    /// <summary>A double column whose values are all whole numbers, stored as integers like the integer kinds.</summary>
    [JsonPropertyName("integral")]
    public bool Integral { get; init; }

    /// <summary>XxHash3 of the values and null bitmap regions.</summary>
    [JsonPropertyName("checksum")]
    public required string Checksum { get; init; }

    [JsonPropertyName("dictionary")]
    public List<string>? Dictionary { get; init; }

    /// <summary>The relation's well_code: no regions (offsets -1), each row's value read from the well index (the rows of
    /// codes[i] are starts[i] to starts[i + 1]); its checksum is that of the text <c>well_index</c>.</summary>
    [JsonPropertyName("well_index")]
    public bool WellIndex { get; init; }

    /// <summary>For a column computed from others of its row (<see cref="ServeDerived"/>): how; it has no regions
    /// (offsets -1) and its checksum is that of the derivation's text.</summary>
    [JsonPropertyName("derived")]
    public ServeDerivation? Derived { get; init; }

    /// <summary>For a column equal to a column of another stored relation on the row of the same well and key
    /// (<see cref="ServeLookups"/>): where to read it; it has no regions (offsets -1) and its checksum is that of the
    /// lookup's text.</summary>
    [JsonPropertyName("lookup")]
    public ServeLookup? Lookup { get; init; }

    /// <summary>Whether the column has regions of its own in the file (not derived, looked up or the well index).</summary>
    [JsonIgnore]
    public bool Stored => Derived is null && Lookup is null && !WellIndex;
}
