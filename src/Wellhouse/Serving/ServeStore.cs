using System.IO.Hashing;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Wellhouse.Serving;

/// <summary>
/// A snapshot's serving store, memory-mapped read-only. Opening checks the layout (magic, format version, snapshot
/// id, every region inside the file) but not the columns' checksums, which would read every page before the first
/// answer (8.3 s at 10 M rows): the builder computed them from the bytes it wrote, and <see cref="Verify"/> checks
/// them after the store is served (docs/architecture.md, "Snapshots"). The mapping is released when the store is no longer reachable
/// (its last request has ended and the snapshot was swapped out): requests hold the store through their pinned
/// snapshot, and the finalizer unmaps.
/// </summary>
internal sealed unsafe partial class ServeStore
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly long _length;
    private readonly Dictionary<string, ServeRelation> _relations = new(StringComparer.Ordinal);

    private ServeStore(string path)
    {
        _length = new FileInfo(path).Length;
        if (_length < 32)
        {
            throw new InvalidDataException("the file is too short");
        }

        // Shared for reading, writing and deleting: a rebuild renames a new file over this one, and pruning deletes it
        // (the mapping stays valid until it is released).
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        _file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        _view = Map(_file, out _base);
    }

    /// <summary>The first <paramref name="length"/> bytes of a store being written (its relations so far), to read back.</summary>
    private ServeStore(Microsoft.Win32.SafeHandles.SafeFileHandle file, long length)
    {
        _length = length;
        _file = MemoryMappedFile.CreateFromFile(file, null, length, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        _view = Map(_file, out _base);
    }

    private static MemoryMappedViewAccessor Map(MemoryMappedFile file, out byte* start)
    {
        var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        start = pointer + view.PointerOffset;
        return view;
    }

    /// <summary>
    /// Reads every page of the file into memory and maps it into the process (Linux: madvise MADV_POPULATE_READ, one
    /// pass with the kernel's readahead; elsewhere one byte per page), so that no request after the store is served
    /// waits for the disk or a page fault: the snapshot provider calls it before it swaps the store in, while the
    /// previous snapshot still answers (docs/architecture.md, "Snapshots"). A store just built is in the page cache
    /// already and this only maps its pages; on a cold page cache it reads the file at the disk's speed.
    /// </summary>
    public void PreRead()
    {
        var start = (byte*)((nint)_base & ~(nint)4095);
        if (OperatingSystem.IsLinux() && Madvise(start, (nuint)(_base + _length - start), MadvisePopulateRead) == 0)
        {
            return;
        }

        long sum = 0;
        for (long offset = 0; offset < _length; offset += 4096)
        {
            sum += _base[offset];
        }

        GC.KeepAlive(sum);
    }

    /// <summary>The memory available for new data now: Linux's MemAvailable (free memory plus the page cache it can
    /// reclaim), elsewhere the memory .NET may use.</summary>
    public static long AvailableMemoryBytes()
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                foreach (var line in File.ReadLines("/proc/meminfo"))
                {
                    if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)
                        && long.TryParse(line["MemAvailable:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var kib))
                    {
                        return kib * 1024;
                    }
                }
            }
        }
        catch (IOException)
        {
        }

        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    /// <summary>
    /// Drops the pages of the mapping from the process (Linux: madvise MADV_DONTNEED; elsewhere nothing): they stay in
    /// the page cache, and a later read maps them again. A build reads a store it does not serve (the parent's, whose
    /// rows a merge copies; the relations written so far, which the lookups' checks read) through the mapping, once,
    /// in order: without this every page read stays resident in the build's process until it ends (at 100 M daily rows
    /// 3.3 GB of the store being built, and the parent's whole store in an incremental build).
    /// </summary>
    internal void DropPages()
    {
        var start = (byte*)((nint)_base & ~(nint)4095);
        if (OperatingSystem.IsLinux())
        {
            _ = Madvise(start, (nuint)(_base + _length - start), MadviseDontNeed);
        }
    }

    /// <summary>MADV_POPULATE_READ (Linux 5.14): populate (prefault) page tables readable, faulting-in all pages.</summary>
    private const int MadvisePopulateRead = 22;

    /// <summary>MADV_DONTNEED: the range's pages are unmapped from the process; a file mapping's next read maps the
    /// file's (page cache) contents again.</summary>
    private const int MadviseDontNeed = 4;

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(byte* address, nuint length, int advice);

    /// <summary>The relations written so far into a store being built (<paramref name="file"/>, its first
    /// <paramref name="length"/> bytes), mapped read-only: a lookup's check reads its target there
    /// (<see cref="ServeLookups"/>). <see cref="Unmap"/> it before the file is closed.</summary>
    internal static ServeStore Partial(Microsoft.Win32.SafeHandles.SafeFileHandle file, long length, IEnumerable<ServeRelationInfo> relations)
    {
        var store = new ServeStore(file, length);
        try
        {
            store.Footer = new ServeFooter { FormatVersion = ServeFormat.Version, SnapshotId = "", Relations = [.. relations] };
            foreach (var info in store.Footer.Relations)
            {
                store._relations[info.Name] = new ServeRelation(store, info);
            }

            store.ResolveLookups();
            return store;
        }
        catch
        {
            store.Unmap();
            throw;
        }
    }

    /// <summary>Releases the mapping now (a partial store, <see cref="Partial"/>).</summary>
    internal void Unmap()
    {
        GC.SuppressFinalize(this);
        Release();
    }

    ~ServeStore() => Release();

    private void Release()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    public ServeFooter Footer { get; private set; } = null!;

    public long FileBytes => _length;

    public string Path { get; private set; } = "";

    public ServeRelation? Relation(string name) => _relations.GetValueOrDefault(name);

    /// <summary>The view's columns when the store computes it, else null.</summary>
    public IReadOnlyList<ServeViewColumn>? Computed(string view) => Footer.Computed.GetValueOrDefault(view);

    internal ReadOnlySpan<byte> Bytes(long offset, long length)
    {
        CheckRegion(offset, length);
        if (length > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "a span holds at most 2 GB: read the region in parts");
        }

        return new ReadOnlySpan<byte>(_base + offset, (int)length);
    }

    /// <summary>Throws <see cref="InvalidDataException"/> unless the region lies inside the file. A column's values
    /// may pass 2 GB (int_ml_trendlines_output at 100 M daily rows: 291 M rows, 2.3 GB per double column), so this
    /// checks without making a span of it.</summary>
    internal void CheckRegion(long offset, long length)
    {
        if (offset < 0 || length < 0 || offset > _length - length)
        {
            throw new InvalidDataException($"region {offset}+{length} is outside the file ({_length} bytes)");
        }
    }

    internal byte* Pointer(long offset) => _base + offset;

    /// <summary>Maps and checks a store; throws <see cref="InvalidDataException"/> when it is not the snapshot's or is damaged.</summary>
    public static ServeStore Open(string path, string snapshotId)
    {
        var store = new ServeStore(path) { Path = path };
        try
        {
            store.Load(snapshotId);
            return store;
        }
        catch
        {
            GC.SuppressFinalize(store);
            store.Release();
            throw;
        }
    }

    private void Load(string snapshotId)
    {
        if (!Bytes(0, 8).SequenceEqual(ServeFormat.Magic) || !Bytes(_length - 8, 8).SequenceEqual(ServeFormat.Magic))
        {
            throw new InvalidDataException("not a serving store (magic)");
        }

        var version = BitConverter.ToInt64(Bytes(8, 8));
        if (version != ServeFormat.Version)
        {
            throw new InvalidDataException($"format version {version}, expected {ServeFormat.Version}");
        }

        var footerOffset = BitConverter.ToInt64(Bytes(_length - 16, 8));
        var footer = JsonSerializer.Deserialize<ServeFooter>(Bytes(footerOffset, _length - 16 - footerOffset))
            ?? throw new InvalidDataException("no footer");
        if (footer.FormatVersion != ServeFormat.Version || footer.SnapshotId != snapshotId)
        {
            throw new InvalidDataException($"built for snapshot {footer.SnapshotId} (format {footer.FormatVersion}), not {snapshotId}");
        }

        Footer = footer;
        foreach (var info in footer.Relations)
        {
            _relations[info.Name] = new ServeRelation(this, info);
        }

        ResolveLookups();
    }

    /// <summary>Gives the looked-up columns their target relations (once every relation is loaded).</summary>
    private void ResolveLookups()
    {
        foreach (var relation in _relations.Values)
        {
            foreach (var column in relation.Columns.Where(c => c.Info.Lookup is not null))
            {
                column.LookUpIn(new ServeLookupReader(relation, column.Info, Relation(column.Info.Lookup!.Relation)));
            }
        }
    }

    /// <summary>Checks every column against its checksum (reading each page once); throws
    /// <see cref="InvalidDataException"/> naming the first damaged column.</summary>
    public void Verify()
    {
        foreach (var relation in _relations.Values)
        {
            relation.Verify();
        }
    }
}

/// <summary>A stored relation: rows sorted by well code with a per-well index, and its columns.</summary>
internal sealed unsafe class ServeRelation
{
    private readonly ServeStore _store;
    private readonly int* _codes;
    private readonly int* _starts;
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private int _lastWell;

    public ServeRelation(ServeStore store, ServeRelationInfo info)
    {
        _store = store;
        Info = info;
        if (info.Rows > int.MaxValue || info.Wells < 0)
        {
            throw new InvalidDataException($"{info.Name}: {info.Rows} rows");
        }

        Rows = (int)info.Rows;
        store.CheckRegion(info.WellCodesOffset, info.Wells * 4L);
        store.CheckRegion(info.WellStartsOffset, (info.Wells + 1) * 4L);
        _codes = (int*)store.Pointer(info.WellCodesOffset);
        _starts = (int*)store.Pointer(info.WellStartsOffset);
        var columns = info.Columns.Select((column, i) =>
        {
            _ordinals[column.Name] = i;
            if (column.Stored && column.RunsOffset is { } runs)
            {
                if (column.Width != 8 || column.Step != 1 || column.Base != 0 || column.Integral || column.RunCount < 1 || column.RunCount > Rows)
                {
                    throw new InvalidDataException($"{info.Name}.{column.Name}: {column.RunCount} runs of width {column.Width}");
                }

                store.CheckRegion(column.ValuesOffset, column.RunCount * 8L);
                store.CheckRegion(runs, column.RunCount * 4L);
                if (column.NullsOffset >= 0)
                {
                    store.CheckRegion(column.NullsOffset, (column.RunCount + 7L) / 8);
                }

                // The reads search the runs' first rows: they must ascend from row 0 (the checksum is checked later).
                var starts = new ReadOnlySpan<int>(store.Pointer(runs), column.RunCount);
                for (var r = 0; r < starts.Length; r++)
                {
                    if (r == 0 ? starts[0] != 0 : starts[r] <= starts[r - 1] || starts[r] >= Rows)
                    {
                        throw new InvalidDataException($"{info.Name}.{column.Name}: run {r} starts at row {starts[r]}");
                    }
                }
            }
            else if (column.Stored)
            {
                if (column.Width is not (1 or 2 or 4 or 8) || (column.Kind == ServeKind.Double && column.Width != 8 && !column.Integral)
                    || column.Step < 1 || (column.Width == 8 && column.Step != 1))
                {
                    throw new InvalidDataException($"{info.Name}.{column.Name}: width {column.Width}");
                }

                store.CheckRegion(column.ValuesOffset, Rows * (long)column.Width);
                if (column.NullsOffset >= 0)
                {
                    store.CheckRegion(column.NullsOffset, (Rows + 7L) / 8);
                }
            }

            return new ServeColumn(store, column, Rows);
        }).ToArray();
        foreach (var column in columns)
        {
            if (column.Info.WellIndex)
            {
                column.ReadWellIndex(this);
            }

            if (column.Derivation is { } derivation)
            {
                ServeColumn Input(string name) => name != column.Name && _ordinals.TryGetValue(name, out var i)
                    ? columns[i]
                    : throw new InvalidDataException($"{info.Name}.{column.Name}: no input column {name}");
                column.Derive(Input(derivation.Left), Input(derivation.Right), derivation.Scale is { } scale ? Input(scale) : null);
            }
        }

        Columns = columns;
        if (_starts[info.Wells] != Rows)
        {
            throw new InvalidDataException($"{info.Name}: the well index does not end at the row count");
        }
    }

    public ServeRelationInfo Info { get; }

    public int Rows { get; }

    public IReadOnlyList<ServeColumn> Columns { get; }

    public ServeColumn? Column(string name) => _ordinals.TryGetValue(name, out var i) ? Columns[i] : null;

    /// <summary>The columns computed from others of their row, with how.</summary>
    public IReadOnlyDictionary<string, ServeDerivation> Derived() =>
        Info.Columns.Where(c => c.Derived is not null).ToDictionary(c => c.Name, c => c.Derived!, StringComparer.Ordinal);

    /// <summary>The columns read from another relation, with where.</summary>
    public IReadOnlyDictionary<string, ServeLookup> Lookups() =>
        Info.Columns.Where(c => c.Lookup is not null).ToDictionary(c => c.Name, c => c.Lookup!, StringComparer.Ordinal);

    public ServeColumn this[string name] => Column(name) ?? throw new KeyNotFoundException($"{Info.Name} has no column {name}");

    /// <summary>The well's rows [start, end); empty when the relation has none.</summary>
    public (int Start, int End) Range(int wellCode)
    {
        var codes = new ReadOnlySpan<int>(_codes, Info.Wells);
        var index = codes.BinarySearch(wellCode);
        return index < 0 ? (0, 0) : (_starts[index], _starts[index + 1]);
    }

    /// <summary>The well code of a row (the well whose range holds it): the last well found, else a binary search of the
    /// well starts.</summary>
    public int WellCodeAt(int row)
    {
        var last = _lastWell;
        if ((uint)last < (uint)Info.Wells && _starts[last] <= row && row < _starts[last + 1])
        {
            return _codes[last];
        }

        if ((uint)row >= (uint)Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(row));
        }

        var starts = new ReadOnlySpan<int>(_starts, Info.Wells + 1);
        var index = starts.BinarySearch(row);
        // A row that starts a well is found; another falls after the start of its well. Wells without rows repeat a start.
        var well = index >= 0 ? index : ~index - 1;
        while (well + 1 < Info.Wells && _starts[well + 1] <= row)
        {
            well++;
        }

        _lastWell = well;
        return _codes[well];
    }

    /// <summary>The well code at an index of the well index (0 to <see cref="ServeRelationInfo.Wells"/> - 1).</summary>
    public int WellCode(int index) => (uint)index < (uint)Info.Wells ? _codes[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public bool HasWell(int wellCode) => IndexOf(wellCode) >= 0;

    /// <summary>The well's index in the well index (0 to <see cref="ServeRelationInfo.Wells"/> - 1), or negative.</summary>
    public int IndexOf(int wellCode) => new ReadOnlySpan<int>(_codes, Info.Wells).BinarySearch(wellCode);

    internal void Verify()
    {
        var checksums = new List<string>();
        foreach (var column in Info.Columns)
        {
            if (!column.Stored)
            {
                checksums.Add(column.Checksum);
                continue;
            }

            string checksum;
            if (column.RunsOffset is { } runs)
            {
                // RunWriter: the checksums of the runs' values, first rows and null bitmap, combined.
                var regions = new List<string>
                {
                    Checksum(column.ValuesOffset, column.RunCount * 8L),
                    Checksum(runs, column.RunCount * 4L),
                };
                if (column.NullsOffset >= 0)
                {
                    regions.Add(Checksum(column.NullsOffset, (column.RunCount + 7L) / 8));
                }

                checksum = ServeValues.Combine(regions);
            }
            else
            {
                var hash = new XxHash3();
                AppendRegion(hash, column.ValuesOffset, Rows * (long)column.Width);
                if (column.NullsOffset >= 0)
                {
                    AppendRegion(hash, column.NullsOffset, (Rows + 7L) / 8);
                }

                checksum = Convert.ToHexStringLower(hash.GetCurrentHash());
            }

            if (checksum != column.Checksum)
            {
                throw new InvalidDataException($"{Info.Name}.{column.Name}: checksum {checksum}, expected {column.Checksum}");
            }

            checksums.Add(checksum);
        }

        if (ServeValues.Combine(checksums) != Info.Checksum)
        {
            throw new InvalidDataException($"{Info.Name}: relation checksum differs");
        }
    }

    private string Checksum(long offset, long length)
    {
        var hash = new XxHash3();
        AppendRegion(hash, offset, length);
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    private void AppendRegion(XxHash3 hash, long offset, long length)
    {
        for (long done = 0; done < length;)
        {
            var chunk = (int)Math.Min(length - done, 1 << 30);
            hash.Append(_store.Bytes(offset + done, chunk));
            done += chunk;
        }
    }
}

/// <summary>A stored column: fixed-width values and a null bitmap, or runs (<see cref="ServeColumnInfo.RunsOffset"/>),
/// read in place.</summary>
internal sealed unsafe class ServeColumn(ServeStore store, ServeColumnInfo info, int rows)
{
    private readonly byte* _values = info.Stored ? store.Pointer(info.ValuesOffset) : null;

    /// <summary>The null bitmap: a bit per row, or per run of a run-encoded column.</summary>
    private readonly byte* _nulls = info.Stored && info.NullsOffset >= 0 ? store.Pointer(info.NullsOffset) : null;

    /// <summary>A run-encoded column's first rows of its runs (<see cref="_values"/> then holds a value per run), else null.</summary>
    private readonly int* _runs = info.Stored && info.RunsOffset is { } runs ? (int*)store.Pointer(runs) : null;
    private readonly int _runCount = info.RunCount;

    /// <summary>The run of the last row read, a hint shared by the column's readers (checked before it is used, so a
    /// stale or torn value only costs a search).</summary>
    private int _lastRun;
    private readonly int _width = info.Width;
    private readonly long _base = info.Base;
    private readonly long _step = info.Step;
    private readonly bool _integral = info.Integral;
    private readonly ServeKind _kind = info.Kind;
    private readonly string[] _dictionary = info.Dictionary?.ToArray() ?? [];
    private JsonEncodedText[]? _encoded;
    private ServeColumn? _left;
    private ServeRelation? _index;
    private ServeColumn? _right;
    private ServeColumn? _scale;
    private ServeLookupReader? _lookup;

    public ServeDerivation? Derivation => info.Derived;

    public ServeColumnInfo Info => info;

    /// <summary>Gives a derived column its inputs (columns of the same relation; <paramref name="scale"/> for an
    /// operation of three, <see cref="ServeDerivation.Scale"/>).</summary>
    public void Derive(ServeColumn left, ServeColumn right, ServeColumn? scale)
    {
        if (info.Kind != ServeKind.Double || left.Kind is ServeKind.String or ServeKind.Bool || right.Kind is ServeKind.String or ServeKind.Bool
            || scale?.Kind is ServeKind.String or ServeKind.Bool || (scale is null) != (ServeDerived.Inputs(info.Derived!.Op) == 2))
        {
            throw new InvalidDataException($"{info.Name}: a derived column is a double computed from numbers ({ServeDerived.Inputs(info.Derived!.Op)} inputs for {info.Derived!.Op})");
        }

        (_left, _right, _scale) = (left, right, scale);
    }

    /// <summary>Makes a looked-up column (<see cref="ServeColumnInfo.Lookup"/>) read its target.</summary>
    public void LookUpIn(ServeLookupReader lookup) => _lookup = lookup;

    /// <summary>A looked-up column's reads, else null.</summary>
    public ServeLookupReader? Lookup => _lookup;

    /// <summary>Makes a well-index column (<see cref="ServeColumnInfo.WellIndex"/>) read its relation's well index.</summary>
    public void ReadWellIndex(ServeRelation relation)
    {
        if (info.Kind is not (ServeKind.Int32 or ServeKind.Int64))
        {
            throw new InvalidDataException($"{info.Name}: a well-index column is an integer");
        }

        _index = relation;
    }

    /// <summary>A derived column's value at a row (null for NULL).</summary>
    private double? Derived(int row) => ServeDerived.Evaluate(info.Derived!.Op, _left!.Number(row), _right!.Number(row), _scale?.Number(row));

    /// <summary>The run holding a row of a run-encoded column: the last one read or the next, else a binary search.</summary>
    private int RunOf(int row)
    {
        var run = _lastRun;
        if ((uint)run < (uint)_runCount && _runs[run] <= row)
        {
            if (run + 1 == _runCount || row < _runs[run + 1])
            {
                return run;
            }

            if (run + 2 == _runCount || row < _runs[run + 2])
            {
                _lastRun = run + 1;
                return run + 1;
            }
        }

        // The first run starts at row 0 (checked at open): a row falls in the last run starting at or before it.
        var index = new ReadOnlySpan<int>(_runs, _runCount).BinarySearch(row);
        run = index >= 0 ? index : ~index - 1;
        _lastRun = run;
        return run;
    }

    /// <summary>A run-encoded column's runs (0 for a column with a value per row), for a merge (<see cref="ServeStoreMerge"/>).</summary>
    internal int RunCount => _runs is null ? 0 : _runCount;

    /// <summary>The run holding a row of a run-encoded column.</summary>
    internal int RunAt(int row) => RunOf(row);

    /// <summary>The first row of a run-encoded column's run.</summary>
    internal int RunStart(int run) => _runs[run];

    /// <summary>A run-encoded column's run: NULL, or its value in the column's 64-bit form.</summary>
    internal (bool IsNull, long Value) Run(int run) => (RunIsNull(run), ((long*)_values)[run]);

    private bool RunIsNull(int run) => _nulls is not null && (_nulls[run >> 3] & (1 << (run & 7))) != 0;

    /// <summary>A run's value as a double: a double's bits, or an integer.</summary>
    private double RunDouble(int run) => _kind == ServeKind.Double ? BitConverter.Int64BitsToDouble(((long*)_values)[run]) : ((long*)_values)[run];

    /// <summary>A number column's value as a double (null for NULL), for the computations; a derived one computed once.</summary>
    public double? Number(int row) => _lookup is not null ? Target(row).Number()
        : _index is not null ? Long(row) : _values is null ? Derived(row) : IsNull(row) ? null : _kind == ServeKind.Double ? Double(row) : Long(row);

    /// <summary>A looked-up column's target value of a row.</summary>
    private Looked Target(int row)
    {
        var (column, target) = _lookup!.At(row);
        return new Looked(column, target);
    }

    public string Name => info.Name;

    /// <summary><c>,"name":</c> (<see cref="SeriesColumn.JsonPrefix"/>), encoded once.</summary>
    public byte[] JsonPrefix { get; } = SeriesColumn.PrefixOf(info.Name);

    public ServeKind Kind => _kind;

    public int Rows => rows;

    public bool IsNull(int row) => _runs is not null ? RunIsNull(RunOf(row))
        : _nulls is not null ? (_nulls[row >> 3] & (1 << (row & 7))) != 0
        : _lookup is not null ? Target(row).IsNull() : _values is null && _index is null && Derived(row) is null;

    public double Double(int row) => _lookup is not null ? Target(row).Double()
        : _index is not null ? Long(row) : _values is null ? Derived(row) ?? double.NaN : _runs is not null ? RunDouble(RunOf(row))
        : _integral ? Long(row) : ((double*)_values)[row];

    public int Int32(int row) => (int)Long(row);

    public long Int64(int row) => Long(row);

    public bool Bool(int row) => Long(row) != 0;

    /// <summary>The value as the store's 64-bit form: integers, day numbers, ticks, dictionary ids, 0/1.</summary>
    public long Long(int row) => _lookup is not null ? Target(row).Long() : _index is not null ? _index.WellCodeAt(row)
        : _runs is not null ? ((long*)_values)[RunOf(row)] : unchecked(_base + (_step * _width switch
    {
        1 => _values[row],
        2 => ((ushort*)_values)[row],
        4 => ((uint*)_values)[row],
        _ => ((long*)_values)[row],
    }));

    public string? String(int row) => _lookup is not null ? Target(row).String() : IsNull(row) ? null : _dictionary[Long(row)];

    public DateOnly Date(int row) => DateOnly.FromDayNumber((int)Long(row));

    public string[] Dictionary => _dictionary;

    /// <summary>A text column's stored id of the text (what <see cref="Long"/> reads), or null when no row holds it.</summary>
    public long? IdOf(string text)
    {
        var index = Array.IndexOf(_dictionary, text);
        return index < 0 ? null : index;
    }

    /// <summary>Writes the value as the SQL path writes it (<see cref="Api.RowsResult"/>), read straight from the mapping.</summary>
    public void WriteJson(JsonText json, int row)
    {
        if (_lookup is not null)
        {
            var (column, target) = _lookup.At(row);
            column.WriteJson(json, target);
            return;
        }

        if (_index is not null)
        {
            json.Long(_kind, Long(row));
            return;
        }

        if (_values is null)
        {
            // Derived: computed once (IsNull and Double would each compute it).
            if (Derived(row) is { } value)
            {
                json.Double(value);
            }
            else
            {
                json.Null();
            }

            return;
        }

        if (IsNull(row))
        {
            json.Null();
            return;
        }

        switch (_kind)
        {
            case ServeKind.Double:
                json.Double(Double(row));
                break;
            case ServeKind.String:
                json.String((_encoded ??= _dictionary.Select(text => JsonEncodedText.Encode(text)).ToArray())[Long(row)]);
                break;
            default:
                json.Long(_kind, Long(row));
                break;
        }
    }

    /// <summary>The values at the given rows as doubles (what <see cref="Number"/> gives), NULLs marked in
    /// <paramref name="nulls"/> (their value 0); a derived column computed from its inputs' values in one loop.</summary>
    public void Numbers(ReadOnlySpan<int> rows, Span<double> values, Span<bool> nulls)
    {
        if (_lookup is not null)
        {
            _lookup.Numbers(rows, values, nulls);
            return;
        }

        if (_index is not null)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                values[i] = _index.WellCodeAt(rows[i]);
                nulls[i] = false;
            }

            return;
        }

        if (_values is null)
        {
            DerivedNumbers(rows, values, nulls);
            return;
        }

        if (_runs is not null)
        {
            // The rows of a series ascend: the run is followed, searched only when a row leaves it.
            var (run, start, end) = (0, int.MaxValue, 0);
            for (var i = 0; i < rows.Length; i++)
            {
                var row = rows[i];
                if (row < start || row >= end)
                {
                    run = RunOf(row);
                    (start, end) = (_runs[run], run + 1 < _runCount ? _runs[run + 1] : int.MaxValue);
                }

                var isNull = RunIsNull(run);
                nulls[i] = isNull;
                values[i] = isNull ? 0 : RunDouble(run);
            }

            return;
        }

        var stored = _kind == ServeKind.Double && !_integral ? (double*)_values : null;
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            var isNull = _nulls is not null && (_nulls[row >> 3] & (1 << (row & 7))) != 0;
            nulls[i] = isNull;
            values[i] = isNull ? 0 : stored is not null ? stored[row] : Long(row);
        }
    }

    /// <summary><see cref="Numbers"/> of a derived column: its inputs' values at the rows, then the operation in one loop
    /// (<see cref="ServeDerived.Evaluate"/>, without its nullable values).</summary>
    private void DerivedNumbers(ReadOnlySpan<int> rows, Span<double> values, Span<bool> nulls)
    {
        var pool = System.Buffers.ArrayPool<double>.Shared;
        var nullPool = System.Buffers.ArrayPool<bool>.Shared;
        _left!.Numbers(rows, values, nulls);
        var right = pool.Rent(rows.Length);
        var rightNulls = nullPool.Rent(rows.Length);
        _right!.Numbers(rows, right.AsSpan(0, rows.Length), rightNulls.AsSpan(0, rows.Length));
        switch (info.Derived!.Op)
        {
            case ServeDerivedOp.LogResidualZ:
                var scale = pool.Rent(rows.Length);
                var scaleNulls = nullPool.Rent(rows.Length);
                _scale!.Numbers(rows, scale.AsSpan(0, rows.Length), scaleNulls.AsSpan(0, rows.Length));
                for (var i = 0; i < rows.Length; i++)
                {
                    if (scaleNulls[i] || !ServeDerived.AboveZero(scale[i]))
                    {
                        (nulls[i], values[i]) = (false, 0);
                    }
                    else if (nulls[i] || rightNulls[i])
                    {
                        (nulls[i], values[i]) = (true, 0);
                    }
                    else
                    {
                        values[i] = ServeDerived.LogResidual(values[i], right[i], scale[i]);
                    }
                }

                pool.Return(scale);
                nullPool.Return(scaleNulls);
                break;
            default:
                var product = info.Derived!.Op == ServeDerivedOp.Product;
                for (var i = 0; i < rows.Length; i++)
                {
                    if (nulls[i] || rightNulls[i] || (!product && right[i] == 0))
                    {
                        nulls[i] = true;
                        values[i] = 0;
                    }
                    else
                    {
                        values[i] = product ? values[i] * right[i] : values[i] / right[i];
                    }
                }

                break;
        }

        pool.Return(right);
        nullPool.Return(rightNulls);
    }

    /// <summary>Whether the rows hold one value (or are all NULL): the same stored bits, or the same well for a
    /// well-index column. A derived column says no (it would be computed twice).</summary>
    public bool SameAt(ReadOnlySpan<int> rows)
    {
        if (rows.Length <= 1)
        {
            return true;
        }

        if (_values is null && _index is null)
        {
            return false;
        }

        var isNull = IsNull(rows[0]);
        var value = Long(rows[0]);
        foreach (var row in rows[1..])
        {
            if (IsNull(row) != isNull || Long(row) != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><see cref="WriteJson"/> of the values at the given rows, one after the other; <c>ends[i]</c> is where
    /// the text of <c>rows[i]</c> ends. One loop per kind of column, without NULLs to test when the column has none.</summary>
    public void WriteValues(JsonText json, ReadOnlySpan<int> rows, Span<int> ends)
    {
        rows = rows[..ends.Length];
        if (_values is null || _nulls is not null || _runs is not null)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                WriteJson(json, rows[i]);
                ends[i] = json.Pending;
            }

            return;
        }

        switch (_kind)
        {
            case ServeKind.Double when !_integral:
                var doubles = (double*)_values;
                for (var i = 0; i < rows.Length; i++)
                {
                    json.Double(doubles[rows[i]]);
                    ends[i] = json.Pending;
                }

                break;
            case ServeKind.Double:
                for (var i = 0; i < rows.Length; i++)
                {
                    json.Double(Long(rows[i]));
                    ends[i] = json.Pending;
                }

                break;
            case ServeKind.String:
                var encoded = _encoded ??= _dictionary.Select(text => JsonEncodedText.Encode(text)).ToArray();
                for (var i = 0; i < rows.Length; i++)
                {
                    json.String(encoded[Long(rows[i])]);
                    ends[i] = json.Pending;
                }

                break;
            default:
                for (var i = 0; i < rows.Length; i++)
                {
                    json.Long(_kind, Long(rows[i]));
                    ends[i] = json.Pending;
                }

                break;
        }
    }

    /// <summary>Keeps the store (and its mapping) alive while the column is in use.</summary>
    public ServeStore Store => store;

    /// <summary>A target column's value at a row.</summary>
    private readonly record struct Looked(ServeColumn Column, int Row)
    {
        public double? Number() => Column.Number(Row);

        public bool IsNull() => Column.IsNull(Row);

        public double Double() => Column.Double(Row);

        public long Long() => Column.Long(Row);

        public string? String() => Column.String(Row);
    }
}
