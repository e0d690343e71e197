using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace Wellhouse.Serving;

/// <summary>
/// One relation of an incrementally built store: the parent store's rows of the wells that did not change, copied as
/// stored, merged in well order with the scanned rows of the changed wells (<see cref="ServeStoreReuse"/>). A column
/// keeps the parent's encoding (width, base, dictionary ids) when the new values fit it, so its old rows are copied as
/// bytes; otherwise every value is written again in the narrowest encoding of both. The parent's file is only read.
/// </summary>
internal static unsafe class ServeStoreMerge
{
    private const int ChunkRows = 1 << 16;

    /// <summary>The bytes of merged values after which the parent's pages read so far are dropped from the process.</summary>
    private const long DropEvery = 256L << 20;

    /// <summary>A run of rows: from the parent's relation (<see cref="Old"/>) or from the scan of the changed wells.</summary>
    internal readonly record struct Segment(bool Old, int Start, int Count);

    /// <summary>A day well's rows split at its cutoff (<see cref="ServeStoreReuse.Scope"/>): the parent's key column (and
    /// group column), the cutoffs by well, and the scanned rows' group values (ids of <paramref name="FreshDictionary"/>,
    /// which continues the parent's).</summary>
    internal sealed record DayRows(IReadOnlyDictionary<int, long> Cutoffs, ServeColumn Key, ServeColumn? Group,
        long[]? FreshGroups, IReadOnlyList<string>? FreshDictionary);

    /// <summary>
    /// The merged well index: every well of the parent not in <paramref name="changed"/>, with its rows; every scanned
    /// well (each must be in <paramref name="changed"/>), and of a day well of <paramref name="day"/> its parent's rows
    /// before its cutoff too, placed in the scan's order (per group, the parent's rows then the scanned ones); in
    /// well-code order, consecutive parent rows one segment. Null, with the reason, when a scanned well is not one of the
    /// changed wells.
    /// </summary>
    public static ((List<Segment> Segments, int[] Codes, int[] Starts)? Plan, string? Problem) Plan(ServeRelation old,
        IReadOnlyList<long> codes, IReadOnlyList<int> starts, IReadOnlySet<int> changed, DayRows? day = null)
    {
        var segments = new List<Segment>();
        var mergedCodes = new List<int>();
        var mergedStarts = new List<int>();
        var rows = 0;
        var (i, j) = (0, 0);
        while (i < old.Info.Wells || j < codes.Count)
        {
            var oldCode = i < old.Info.Wells ? old.WellCode(i) : int.MaxValue;
            var newCode = j < codes.Count ? (int)codes[j] : int.MaxValue;
            var code = Math.Min(oldCode, newCode);
            var (inOld, inNew) = (oldCode == code, newCode == code);
            i += inOld ? 1 : 0;
            j += inNew ? 1 : 0;
            if (!changed.Contains(code))
            {
                if (inNew)
                {
                    return (null, $"the scan of the changed wells returned well {code}, which is not one of them");
                }

                var (start, end) = old.Range(code);
                Well(code, [(true, start, end - start)]);
                continue;
            }

            var scanned = inNew ? (Start: starts[j - 1], Count: starts[j] - starts[j - 1]) : (Start: 0, Count: 0);
            if (day is not null && day.Cutoffs.TryGetValue(code, out var cutoff))
            {
                if (DayWell(code, cutoff, inOld, scanned) is { } problem)
                {
                    return (null, problem);
                }
            }
            else if (inNew)
            {
                Well(code, [(false, scanned.Start, scanned.Count)]);
            }
        }

        mergedStarts.Add(rows);
        return ((segments, mergedCodes.ToArray(), mergedStarts.ToArray()), null);

        // A day well: per group (one when the relation has no group column), the parent's rows before the cutoff, then
        // the scanned rows, the groups in the scan's order (ordinal text, as the database sorts VARCHAR).
        string? DayWell(int code, long cutoff, bool inOld, (int Start, int Count) scanned)
        {
            var groups = new List<(string Group, int OldStart, int OldCount, int NewStart, int NewCount)>();
            if (inOld)
            {
                var (start, end) = old.Range(code);
                for (var row = start; row < end;)
                {
                    var group = day.Group is { } column ? column.Long(row) : 0;
                    var groupEnd = day.Group is { } g ? First(row, end, r => g.Long(r) != group) : end;
                    var kept = First(row, groupEnd, r => day.Key.IsNull(r) || day.Key.Long(r) >= cutoff);
                    groups.Add((day.Group?.String(row) ?? string.Empty, row, kept - row, 0, 0));
                    row = groupEnd;
                }
            }

            for (var row = scanned.Start; row < scanned.Start + scanned.Count;)
            {
                var group = day.FreshGroups?[row] ?? 0;
                var groupEnd = row + 1;
                while (groupEnd < scanned.Start + scanned.Count && (day.FreshGroups?[groupEnd] ?? 0) == group)
                {
                    groupEnd++;
                }

                var name = day.FreshGroups is null ? string.Empty : day.FreshDictionary![(int)group];
                var at = groups.FindIndex(g => g.Group == name);
                if (at < 0)
                {
                    groups.Add((name, 0, 0, row, groupEnd - row));
                }
                else
                {
                    groups[at] = groups[at] with { NewStart = row, NewCount = groupEnd - row };
                }

                row = groupEnd;
            }

            var pieces = new List<(bool Old, int Start, int Count)>();
            foreach (var group in groups.OrderBy(g => g.Group, StringComparer.Ordinal))
            {
                pieces.Add((true, group.OldStart, group.OldCount));
                pieces.Add((false, group.NewStart, group.NewCount));
            }

            Well(code, pieces);
            return null;
        }

        // The first row of [from, until) where the predicate holds, it holding from there on (a binary search).
        static int First(int from, int until, Func<int, bool> holds)
        {
            var (low, high) = (from, until);
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                (low, high) = holds(middle) ? (low, middle) : (middle + 1, high);
            }

            return low;
        }

        void Well(int code, IReadOnlyList<(bool Old, int Start, int Count)> pieces)
        {
            var count = pieces.Sum(p => p.Count);
            if (count == 0)
            {
                return;
            }

            mergedCodes.Add(code);
            mergedStarts.Add(rows);
            rows += count;
            foreach (var (fromOld, start, pieceCount) in pieces.Where(p => p.Count > 0))
            {
                if (segments.Count > 0 && segments[^1] is var last && last.Old == fromOld && last.Start + last.Count == start)
                {
                    segments[^1] = last with { Count = last.Count + pieceCount };
                }
                else
                {
                    segments.Add(new Segment(fromOld, start, pieceCount));
                }
            }
        }
    }

    /// <summary>Writes one stored column of the merged relation at <paramref name="end"/> (aligned) and moves it past.</summary>
    public static ServeColumnInfo Column(ServeColumn old, ColumnWriter fresh, IReadOnlyList<Segment> segments, int rows,
        SafeFileHandle target, ref long end)
    {
        if (old.RunCount > 0)
        {
            return RunColumn(old, fresh, segments, target, ref end);
        }

        var oldInfo = old.Info;
        var freshValues = fresh.Values();
        var encoding = Encoding.Of(old, fresh, segments);
        var hash = new XxHash3();
        var valuesOffset = ServeStoreBuilder.Align(end);
        long written = 0;
        var buffer = new byte[ChunkRows * 8];
        var keep = encoding == Encoding.Of(oldInfo);
        var pending = new byte[1 << 20];
        var pendingBytes = 0;
        long copied = 0;
        foreach (var segment in segments)
        {
            if (segment.Old && keep)
            {
                // Copied as stored: the parent's bytes are this encoding's.
                for (long done = 0; done < segment.Count;)
                {
                    var count = (int)Math.Min(segment.Count - done, 1 << 26);
                    var bytes = new ReadOnlySpan<byte>(old.Store.Pointer(oldInfo.ValuesOffset + ((segment.Start + done) * encoding.Width)), count * encoding.Width);
                    Write(bytes);
                    done += count;
                }

                continue;
            }

            for (var done = 0; done < segment.Count;)
            {
                var count = Math.Min(segment.Count - done, ChunkRows);
                for (var k = 0; k < count; k++)
                {
                    var row = segment.Start + done + k;
                    var value = segment.Old
                        ? (old.IsNull(row) ? (long?)null : encoding.Raw ? BitConverter.DoubleToInt64Bits(old.Double(row)) : old.Long(row))
                        : fresh.IsNull(row) ? null : encoding.FromScan(fresh.Kind, freshValues[row]);
                    ColumnWriter.Write(buffer.AsSpan(k * encoding.Width, encoding.Width), encoding.Width,
                        value is { } v ? (encoding.Raw ? v : ColumnWriter.Steps(v, encoding.Base, encoding.Step)) : 0);
                }

                Write(buffer.AsSpan(0, count * encoding.Width));
                done += count;
            }
        }

        Flush();
        old.Store.DropPages();
        end = valuesOffset + written;
        long nullsOffset = -1;
        if (oldInfo.NullsOffset >= 0 || fresh.HasNull)
        {
            var nulls = new byte[(rows + 7L) / 8];
            var row = 0;
            foreach (var segment in segments)
            {
                if (segment.Old && oldInfo.NullsOffset < 0)
                {
                    row += segment.Count;
                    continue;
                }

                for (var k = 0; k < segment.Count; k++, row++)
                {
                    if (segment.Old ? oldInfo.NullsOffset >= 0 && old.IsNull(segment.Start + k) : fresh.IsNull(segment.Start + k))
                    {
                        nulls[row >> 3] |= (byte)(1 << (row & 7));
                    }
                }
            }

            nullsOffset = ServeStoreBuilder.WriteAligned(target, nulls, ref end);
            hash.Append(nulls);
        }

        return new ServeColumnInfo
        {
            Name = oldInfo.Name,
            Kind = oldInfo.Kind,
            ValuesOffset = valuesOffset,
            NullsOffset = nullsOffset,
            Width = encoding.Width,
            Base = encoding.Raw ? 0 : encoding.Base,
            Step = encoding.Raw ? 1 : encoding.Step,
            Integral = oldInfo.Kind == ServeKind.Double && !encoding.Raw,
            Checksum = Convert.ToHexStringLower(hash.GetCurrentHash()),
            Dictionary = oldInfo.Kind == ServeKind.String ? fresh.Dictionary : null,
        };

        // Written through a buffer: a day for every well alternates the parent's rows and a few scanned ones per well
        // and stream, segments of a few hundred bytes.
        void Write(ReadOnlySpan<byte> bytes)
        {
            hash.Append(bytes);
            // The parent's rows are read once, in order: their pages need not stay in the process (DropPages).
            if ((copied += bytes.Length) >= DropEvery)
            {
                old.Store.DropPages();
                copied = 0;
            }

            if (pendingBytes + bytes.Length > pending.Length)
            {
                Flush();
            }

            if (bytes.Length >= pending.Length)
            {
                RandomAccess.Write(target, bytes, valuesOffset + written);
                written += bytes.Length;
                return;
            }

            bytes.CopyTo(pending.AsSpan(pendingBytes));
            pendingBytes += bytes.Length;
        }

        void Flush()
        {
            RandomAccess.Write(target, pending.AsSpan(0, pendingBytes), valuesOffset + written);
            written += pendingBytes;
            pendingBytes = 0;
        }
    }

    /// <summary>A column the parent stored run-encoded, merged run-encoded (<see cref="RunWriter"/>): the parent's runs
    /// over its segments and the scanned rows' values, counted in one walk and written in a second. It stays run-encoded
    /// however many runs the scanned rows add (at most half the wells changed, <see cref="ServeStoreReuse"/>; the next full
    /// build chooses its encoding again).</summary>
    private static ServeColumnInfo RunColumn(ServeColumn old, ColumnWriter fresh, IReadOnlyList<Segment> segments,
        SafeFileHandle target, ref long end)
    {
        var freshValues = fresh.Values();
        long runs = 0;
        var hasNull = false;
        var (started, lastNull, lastValue) = (false, false, 0L);
        Walk((_, isNull, value, _) =>
        {
            value = isNull ? 0 : value;
            if (!started || isNull != lastNull || value != lastValue)
            {
                runs++;
                hasNull |= isNull;
                (started, lastNull, lastValue) = (true, isNull, value);
            }
        });
        var writer = new RunWriter(target, end, runs, hasNull);
        Walk(writer.Add);
        return writer.Finish(old.Name, old.Kind, old.Kind == ServeKind.String ? fresh.Dictionary : null, out end);

        // Every row of the merged column in order, as (row, NULL, value, rows of that value).
        void Walk(Action<int, bool, long, int> add)
        {
            var row = 0;
            foreach (var segment in segments)
            {
                if (!segment.Old)
                {
                    for (var k = 0; k < segment.Count; k++)
                    {
                        var scanned = segment.Start + k;
                        add(row++, fresh.IsNull(scanned), freshValues[scanned], 1);
                    }

                    continue;
                }

                var (at, until) = (segment.Start, segment.Start + segment.Count);
                for (var run = segment.Count > 0 ? old.RunAt(at) : 0; at < until; run++)
                {
                    var runEnd = run + 1 < old.RunCount ? old.RunStart(run + 1) : int.MaxValue;
                    var count = Math.Min(until, runEnd) - at;
                    var (isNull, value) = old.Run(run);
                    add(row, isNull, value, count);
                    row += count;
                    at += count;
                }
            }
        }
    }

    /// <summary>How a merged column's values are stored: a double's 8 bytes (<see cref="Raw"/>), or (value - base) / step
    /// in <see cref="Width"/> bytes (integers, day numbers, ticks, dictionary ids, whole-number doubles).</summary>
    private readonly record struct Encoding(bool Raw, int Width, long Base, long Step)
    {
        public static Encoding Of(ServeColumnInfo info) =>
            info.Kind == ServeKind.Double && !info.Integral ? new Encoding(true, 8, 0, 1) : new Encoding(false, info.Width, info.Base, info.Step);

        /// <summary>The parent's encoding when the scanned values fit it, else the narrowest holding both.</summary>
        public static Encoding Of(ServeColumn old, ColumnWriter fresh, IReadOnlyList<Segment> segments)
        {
            var kept = Of(old.Info);
            if (kept.Raw)
            {
                return kept;
            }

            var freshIntegral = fresh.Integral;
            if (old.Kind == ServeKind.Double && !freshIntegral)
            {
                return new Encoding(true, 8, 0, 1);
            }

            var (min, max) = (fresh.Min, fresh.Max);
            var step = (ulong)kept.Step;
            if (min > max || kept.Width == 8 || (min >= kept.Base && ColumnWriter.Distance(max, kept.Base) / step <= Capacity(kept.Width)
                && ColumnWriter.Distance(min, kept.Base) % step == 0 && fresh.Spacing % step == 0))
            {
                return kept;
            }

            // Every scanned value is min + k x spacing; the parent's add their distances to min.
            var anchor = min;
            var spacing = fresh.Spacing;

            // The parent's values that stay, with the scanned ones.
            foreach (var segment in segments.Where(s => s.Old))
            {
                for (var row = segment.Start; row < segment.Start + segment.Count; row++)
                {
                    if (!old.IsNull(row))
                    {
                        var value = old.Long(row);
                        (min, max) = (Math.Min(min, value), Math.Max(max, value));
                        spacing = ColumnWriter.Gcd(spacing, ColumnWriter.Distance(value, anchor));
                    }
                }
            }

            var (width, first, unit) = ColumnWriter.Narrowest(min, max, spacing);
            return old.Kind == ServeKind.Double && width == 8 ? new Encoding(true, 8, 0, 1) : new Encoding(false, width, first, unit);
        }

        /// <summary>A scanned value (full width, a double's bits) in this encoding's 64-bit form.</summary>
        public long FromScan(ServeKind kind, long value) =>
            kind == ServeKind.Double && !Raw ? (long)BitConverter.Int64BitsToDouble(value) : value;

        private static ulong Capacity(int width) => width switch
        {
            1 => byte.MaxValue,
            2 => ushort.MaxValue,
            4 => uint.MaxValue,
            _ => ulong.MaxValue,
        };
    }
}
