using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Wellhouse.Serving;

/// <summary>
/// Builds a snapshot's serving store (<see cref="ServeFormat"/>) from its relations: per relation a count and one
/// ordered scan through ADO.NET's <see cref="DbDataReader"/> (so the same code reads DuckDB or another database),
/// each column streamed into its own region of the file. Written under a temporary name, flushed to disk, renamed.
/// A relation the snapshot lacks, or with a column type the store does not hold, is left out and reported: the API
/// then answers that series from SQL as before.
/// </summary>
internal static class ServeStoreBuilder
{
    public static ServeBuildReport Build(DbConnection connection, string snapshotId, string path)
    {
        var watch = Stopwatch.StartNew();
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        var skipped = new List<string>();
        var steps = new ServeBuildSteps();
        var verified = new Dictionary<string, List<ServeViewColumn>>(StringComparer.Ordinal);
        try
        {
            var relations = new List<ServeRelationInfo>();
            long end;
            using (var file = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            using (var scratch = File.OpenHandle(temp + ".scratch", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose))
            {
                var preamble = new byte[16];
                ServeFormat.Magic.CopyTo(preamble);
                BitConverter.TryWriteBytes(preamble.AsSpan(8), ServeFormat.Version);
                RandomAccess.Write(file, preamble, 0);
                end = preamble.Length;
                foreach (var (scanName, scanSql) in ServeRelations.Scans)
                {
                    var (name, sql) = (scanName, scanSql);
                    if (name == ServeCumulative.Relation)
                    {
                        var (columns, problem) = steps.Time($"{name} check", () => ServeCumulative.Check(connection));
                        if (columns is not null)
                        {
                            verified[name] = columns;
                            (name, sql) = (ServeCumulative.Sums, ServeCumulative.SumsSql);
                        }
                        else
                        {
                            skipped.Add($"{name} stored whole: {problem}");
                        }
                    }

                    var (derived, notDerived) = steps.Time($"{name} derived check", () => ServeDerived.Check(connection, name, sql));
                    skipped.AddRange(notDerived);
                    var scan = new RelationScan(connection, file, scratch, name, sql, derived, steps);
                    var outcome = scan.Run(ref end);
                    if (outcome.Info is { } info)
                    {
                        relations.Add(info);
                    }
                    else
                    {
                        skipped.Add($"{name}: {outcome.Problem}");
                    }
                }

                var names = relations.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
                var kinds = relations.ToDictionary(r => r.Name,
                    r => (IReadOnlyDictionary<string, ServeKind>)r.Columns.ToDictionary(c => c.Name, c => c.Kind, StringComparer.Ordinal), StringComparer.Ordinal);
                var (computed, windows, problems) = steps.Time("view check", () => ServeViewCheck.Check(connection, names, kinds));
                skipped.AddRange(problems);
                foreach (var (name, columns) in verified)
                {
                    computed[name] = columns;
                }

                var footer = new ServeFooter
                {
                    FormatVersion = ServeFormat.Version,
                    SnapshotId = snapshotId,
                    Relations = relations,
                    Computed = computed,
                    Windows = windows,
                };
                var json = JsonSerializer.SerializeToUtf8Bytes(footer);
                end = Align(end);
                RandomAccess.Write(file, json, end);
                var trailer = new byte[16];
                BitConverter.TryWriteBytes(trailer, end);
                ServeFormat.Magic.CopyTo(trailer.AsSpan(8));
                RandomAccess.Write(file, trailer, end + json.Length);
                end += json.Length + trailer.Length;
                steps.Time("flush to disk", () => RandomAccess.FlushToDisk(file));
            }

            File.Move(temp, path, overwrite: true);
            Hosting.DurableFile.FsyncFolderOf(path);
            return new ServeBuildReport(path, end, watch.Elapsed, relations.Select(r => r.Name).ToList(), verified.Keys.ToList(), skipped)
            {
                Steps = steps.Lines,
            };
        }
        finally
        {
            File.Delete(temp);
        }
    }

    internal static long Align(long offset) => (offset + 7) & ~7L;

    /// <summary>One relation's scan into the file.</summary>
    private sealed class RelationScan(DbConnection connection, SafeFileHandle file, SafeFileHandle scratch, string name, string relationSql,
        IReadOnlyDictionary<string, ServeDerivation> derived, ServeBuildSteps steps)
    {
        private const string SelectAll = "select * from ";

        /// <summary>The scan without the derived columns (they are computed when read).</summary>
        private readonly string sql = derived.Count == 0 || !relationSql.StartsWith(SelectAll, StringComparison.Ordinal)
            ? relationSql
            : $"select * exclude ({string.Join(", ", derived.Keys.Select(k => $"\"{k}\""))}) from " + relationSql[SelectAll.Length..];

        public (ServeRelationInfo? Info, string? Problem) Run(ref long end)
        {
            var started = steps.Start();
            var result = Scan(ref end);
            steps.Stop(started, $"{name} scan ({result.Info?.Rows ?? 0:N0} rows)");
            return result;
        }

        private (ServeRelationInfo? Info, string? Problem) Scan(ref long end)
        {
            long rows;
            try
            {
                using var count = connection.CreateCommand();
                count.CommandText = $"select count(*) from ({sql})";
                rows = Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (DbException ex)
            {
                return (null, ex.Message.Split('\n')[0]);
            }

            if (rows > int.MaxValue)
            {
                return (null, $"{rows} rows (more than the store's {int.MaxValue} per relation)");
            }

            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var kinds = new ServeKind[reader.FieldCount];
            var wellOrdinal = -1;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (ServeValues.KindOf(reader.GetFieldType(i), reader.GetDataTypeName(i)) is not { } kind)
                {
                    return (null, $"column {reader.GetName(i)} has type {reader.GetDataTypeName(i)}, which the serving store does not hold");
                }

                kinds[i] = kind;
                if (reader.GetName(i) == "well_code")
                {
                    wellOrdinal = i;
                }
            }

            if (wellOrdinal < 0 || kinds[wellOrdinal] is not (ServeKind.Int32 or ServeKind.Int64))
            {
                return (null, "no integer column well_code");
            }

            var writers = new ColumnWriter[kinds.Length];
            long offset = 0;
            for (var i = 0; i < kinds.Length; i++)
            {
                writers[i] = new ColumnWriter(scratch, reader.GetName(i), kinds[i], reader.GetFieldType(i), rows, ref offset);
            }

            var codes = new List<long>();
            var starts = new List<int>();
            long row = 0;
            while (reader.Read())
            {
                if (row == rows)
                {
                    return (null, "the relation changed between its count and its scan");
                }

                var code = reader.IsDBNull(wellOrdinal) ? long.MinValue : Convert.ToInt64(reader.GetValue(wellOrdinal), System.Globalization.CultureInfo.InvariantCulture);
                if (code == long.MinValue || code is < int.MinValue or > int.MaxValue)
                {
                    return (null, $"row {row + 1}: well_code is NULL or out of range");
                }

                if (codes.Count == 0 || codes[^1] != code)
                {
                    if (codes.Count > 0 && codes[^1] > code)
                    {
                        return (null, "rows are not ordered by well_code");
                    }

                    codes.Add(code);
                    starts.Add((int)row);
                }

                for (var i = 0; i < writers.Length; i++)
                {
                    writers[i].Add(reader, i);
                }

                row++;
            }

            if (row != rows)
            {
                return (null, "the relation changed between its count and its scan");
            }

            starts.Add((int)row);
            var finished = end;
            var writing = steps.Start();
            var columns = writers.Select(w => w.Finish(file, ref finished)).ToList();
            steps.Stop(writing, $"{name} write");
            offset = finished;
            if (!ReferenceEquals(sql, relationSql))
            {
                columns = WithDerived(columns);
            }

            var codesOffset = ServeStoreBuilder.Align(offset);
            var codeBytes = codes.Select(c => (int)c).ToArray();
            RandomAccess.Write(file, System.Runtime.InteropServices.MemoryMarshal.AsBytes(codeBytes.AsSpan()), codesOffset);
            var startsOffset = ServeStoreBuilder.Align(codesOffset + (codeBytes.Length * 4L));
            var startBytes = starts.ToArray();
            RandomAccess.Write(file, System.Runtime.InteropServices.MemoryMarshal.AsBytes(startBytes.AsSpan()), startsOffset);
            end = startsOffset + (startBytes.Length * 4L);
            return (new ServeRelationInfo
            {
                Name = name,
                Rows = rows,
                Checksum = ServeValues.Combine(columns.Select(c => c.Checksum)),
                WellCodesOffset = codesOffset,
                WellStartsOffset = startsOffset,
                Wells = codes.Count,
                Columns = columns,
            }, null);
        }

        /// <summary>The stored columns with the derived ones in their places in the relation.</summary>
        private List<ServeColumnInfo> WithDerived(List<ServeColumnInfo> stored)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"select * from ({relationSql}) limit 0";
            using var reader = command.ExecuteReader();
            var byName = stored.ToDictionary(c => c.Name, StringComparer.Ordinal);
            return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).Select(column =>
                derived.TryGetValue(column, out var derivation)
                    ? new ServeColumnInfo
                    {
                        Name = column,
                        Kind = ServeKind.Double,
                        ValuesOffset = -1,
                        NullsOffset = -1,
                        Checksum = ServeValues.Checksum($"{derivation.Op}({derivation.Left}, {derivation.Right})"),
                        Derived = derivation,
                    }
                    : byName[column]).ToList();
        }
    }
}

/// <summary>The wall and CPU time (the whole process's, DuckDB's threads included) of a build's steps, for the run log.</summary>
internal sealed class ServeBuildSteps
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines => _lines;

    public (long Wall, TimeSpan Cpu) Start() => (Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime);

    public void Stop((long Wall, TimeSpan Cpu) started, string step) =>
        _lines.Add(FormattableString.Invariant(
            $"{step}: {Stopwatch.GetElapsedTime(started.Wall).TotalSeconds:F2} s, {(Process.GetCurrentProcess().TotalProcessorTime - started.Cpu).TotalSeconds:F2} CPU-s"));

    public T Time<T>(string step, Func<T> action)
    {
        var started = Start();
        var result = action();
        Stop(started, step);
        return result;
    }

    public void Time(string step, Action action) => Time(step, () =>
    {
        action();
        return 0;
    });
}

/// <summary>What a build of the serving store wrote and what it left out (with the reason).</summary>
internal sealed record ServeBuildReport(string Path, long Bytes, TimeSpan Elapsed, IReadOnlyList<string> Relations,
    IReadOnlyList<string> Verified, IReadOnlyList<string> Skipped)
{
    /// <summary>Each step's wall and CPU time.</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    public override string ToString() =>
        $"serving store {System.IO.Path.GetFileName(Path)}: {Relations.Count} relations, {Bytes / 1048576.0:F1} MiB in {Elapsed.TotalSeconds:F1} s"
        + (Verified.Count > 0 ? $"; read through stg_well_production (checked at build): {string.Join(", ", Verified)}" : string.Empty)
        + (Skipped.Count > 0 ? $"; served from SQL instead: {string.Join("; ", Skipped)}" : string.Empty);
}
