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
/// then answers that series from SQL as before. Given the parent's store of a snapshot built incrementally
/// (<see cref="ServeStoreReuse"/>), a per-well relation scans only the changed wells and copies the others' rows from
/// the parent's store (<see cref="ServeStoreMerge"/>).
/// </summary>
internal static class ServeStoreBuilder
{
    public static ServeBuildReport Build(DbConnection connection, string snapshotId, string path, ServePrevious? previous = null)
    {
        var watch = Stopwatch.StartNew();
        using var memoryCap = ServeSql.CapMemory(connection);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        var skipped = new List<string>();
        var steps = new ServeBuildSteps();
        var verified = new Dictionary<string, List<ServeViewColumn>>(StringComparer.Ordinal);
        var (reuse, reuseNote) = previous is null ? (null, "full build") : steps.Time("reuse check", () => ServeStoreReuse.Open(connection, previous));
        var reused = new List<string>();
        var scannedWhole = new List<string>();
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
                    var (name, sql) = (scanName, ServeSql.Portable(connection, scanSql));
                    if (name == ServeCumulative.Relation)
                    {
                        var (columns, problem) = steps.Time($"{name} check", () => ServeCumulative.Check(connection));
                        if (columns is not null)
                        {
                            verified[name] = columns;
                            continue;
                        }

                        skipped.Add($"{name} stored whole: {problem}");
                    }

                    // The relations written so far, read back for the lookups' checks (ServeLookups).
                    ServeStore Written() => ServeStore.Partial(file, RandomAccess.GetLength(file), relations);
                    (ServeRelationInfo? Info, string? Problem) outcome = (null, null);
                    if (reuse?.Relation(name) is { } old)
                    {
                        outcome = new RelationScan(connection, file, scratch, name, sql, old.Derived(), old.Lookups(), Written, steps).Merge(old, reuse, ref end);
                        if (outcome.Info is not null)
                        {
                            reused.Add(name);
                        }
                        else
                        {
                            scannedWhole.Add($"{name} ({outcome.Problem})");
                        }
                    }

                    if (outcome.Info is null)
                    {
                        var (derived, notDerived) = steps.Time($"{name} derived check", () => ServeDerived.Check(connection, name, sql));
                        skipped.AddRange(notDerived);
                        foreach (var (column, derivation) in ServeDerived.ScanCandidates.GetValueOrDefault(name) ?? new Dictionary<string, ServeDerivation>())
                        {
                            derived[column] = derivation; // checked while scanning
                        }

                        var lookups = ServeLookups.Candidates.GetValueOrDefault(name) ?? new Dictionary<string, ServeLookup>();
                        var scan = new RelationScan(connection, file, scratch, name, sql, derived, lookups, Written, steps) { StoredOrder = reuse is null };
                        outcome = scan.Run(ref end);
                        for (var retry = 0; retry < 2 && outcome.Info is null; retry++)
                        {
                            // A value that is not its target's or its computation: those columns are stored after all.
                            if (scan.LookupProblem is { } problem)
                            {
                                skipped.Add($"{name}.{string.Join(", ", lookups.Keys)} stored: {problem}");
                                lookups = new Dictionary<string, ServeLookup>();
                            }
                            else if (scan.DerivedProblem is { } failed)
                            {
                                skipped.Add($"{name}.{failed.Column} stored: {failed.Problem}");
                                derived.Remove(failed.Column);
                            }
                            else
                            {
                                break;
                            }

                            scan = new RelationScan(connection, file, scratch, name, sql, derived, lookups, Written, steps) { StoredOrder = reuse is null };
                            outcome = scan.Run(ref end);
                        }
                    }

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
            GC.KeepAlive(reuse);
            return new ServeBuildReport(path, end, watch.Elapsed, relations.Select(r => r.Name).ToList(), verified.Keys.ToList(), skipped)
            {
                Steps = steps.Lines,
                Reuse = reuse is null ? reuseNote!
                    : $"{reuseNote}; reused in {string.Join(", ", reused)}" + (scannedWhole.Count > 0 ? $"; scanned whole: {string.Join(", ", scannedWhole)}" : string.Empty),
                Reused = reused,
            };
        }
        finally
        {
            File.Delete(temp);
        }
    }

    internal static long Align(long offset) => (offset + 7) & ~7L;

    /// <summary>Writes <paramref name="bytes"/> at <paramref name="end"/> aligned (a null bitmap, a well index), moves
    /// <paramref name="end"/> past them and returns where they start.</summary>
    internal static long WriteAligned(SafeFileHandle target, ReadOnlySpan<byte> bytes, ref long end)
    {
        var offset = Align(end);
        RandomAccess.Write(target, bytes, offset);
        end = offset + bytes.Length;
        return offset;
    }

    /// <summary>The rows above which a scan reads its relation in ranges of wells (about this many rows each), so that
    /// each range's sort fits under the build's memory cap (<see cref="ServeSql.CapMemory"/>: rows of the widest
    /// scans take about 100 bytes while sorted). Settable for tests.</summary>
    internal static long RangeRows { get; set; } = 4_000_000;

    /// <summary>One relation's scan into the file.</summary>
    private sealed class RelationScan(DbConnection connection, SafeFileHandle file, SafeFileHandle scratch, string name, string relationSql,
        IReadOnlyDictionary<string, ServeDerivation> derived, IReadOnlyDictionary<string, ServeLookup> lookups, Func<ServeStore> written,
        ServeBuildSteps steps)
    {
        private const string SelectAll = "select * from ";

        /// <summary>The derived columns checked in SQL before the scan (<see cref="ServeDerived.Check"/>): the scan leaves
        /// them out. The others are read by the scan and checked row by row (<see cref="ServeDerived.ScanCheck"/>).</summary>
        private readonly Dictionary<string, ServeDerivation> sqlDerived = derived.Where(d => !ServeDerived.CheckedInScan(d.Value.Op))
            .ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);

        /// <summary>The scan without the derived columns checked in SQL (they are computed when read).</summary>
        private readonly string sql = !derived.Any(d => !ServeDerived.CheckedInScan(d.Value.Op)) || !relationSql.StartsWith(SelectAll, StringComparison.Ordinal)
            ? relationSql
            : ServeSql.Portable(connection, $"select * exclude ({string.Join(", ", derived.Where(d => !ServeDerived.CheckedInScan(d.Value.Op)).Select(d => $"\"{d.Key}\""))}) from " + relationSql[SelectAll.Length..]);

        /// <summary>Why a scan in stored order stopped (<see cref="ServeRelations.StoredInOrder"/>): it is read again sorted.</summary>
        private const string NotInStoredOrder = "a row does not follow the one before it in the scan's order";

        /// <summary>How many queries (ranges of wells) the last scan read.</summary>
        private int ranges;

        /// <summary>How the last full scan read its rows, for the step's line: in stored order, or sorted after a stored
        /// order that did not hold.</summary>
        private string? order;

        /// <summary>Whether a full scan of a relation stored in its order (<see cref="ServeRelations.StoredInOrder"/>) may
        /// read it so: a store built without a parent's, i.e. of a snapshot built whole, whose tables were written at
        /// once. A snapshot built incrementally appends a day well's rows after the others' (its store merges them).</summary>
        public bool StoredOrder { get; init; }

        /// <summary>The rows a merge scanned (the changed wells', of a day well those from its cutoff).</summary>
        private long scannedRows;

        /// <summary>Why a looked-up column is not its target's values (the scan then returned no relation), or null.</summary>
        public string? LookupProblem { get; private set; }

        /// <summary>The derivation checked while scanning that does not hold (the scan then returned no relation), or null.</summary>
        public (string Column, string Problem)? DerivedProblem { get; private set; }

        public (ServeRelationInfo? Info, string? Problem) Run(ref long end)
        {
            var started = steps.Start();
            var result = Scan(ref end);
            steps.Stop(started, $"{name} scan ({result.Info?.Rows ?? 0:N0} rows{(ranges > 1 ? $" in {ranges} well ranges" : "")}{order})");
            return result;
        }

        /// <summary>The relation from the parent's rows of the unchanged wells and a scan of the changed wells, or the
        /// reason it cannot be (then it is scanned whole).</summary>
        public (ServeRelationInfo? Info, string? Problem) Merge(ServeRelation old, ServeStoreReuse reuse, ref long end)
        {
            var started = steps.Start();
            var result = MergeScan(old, reuse, ref end);
            steps.Stop(started, $"{name} merge ({result.Info?.Rows ?? 0:N0} rows, {scannedRows:N0} scanned)");
            return result;
        }

        private (ServeRelationInfo? Info, string? Problem) MergeScan(ServeRelation old, ServeStoreReuse reuse, ref long end)
        {
            try
            {
                if (Shape(relationSql) is var shape && !shape.SequenceEqual(old.Info.Columns.Select(c => (c.Name, c.Kind))))
                {
                    return (null, "its columns differ from the parent store's");
                }

                var (scope, tooMany) = reuse.Scope(name);
                if (scope is null)
                {
                    return (null, tooMany);
                }

                var (holding, _) = ServeDerived.Check(connection, name, ServeRelations.Filtered(relationSql, scope.Condition));
                if (sqlDerived.Keys.FirstOrDefault(column => !holding.ContainsKey(column)) is { } broken)
                {
                    return (null, $"{broken} is not {derived[broken].Op} on the changed wells' rows");
                }

                var filtered = ServeRelations.Filtered(sql, scope.Condition);
                var (total, changedRows) = Counts(filtered);
                scannedRows = changedRows;
                var dictionaries = old.Info.Columns.Where(c => c.Dictionary is not null).ToDictionary(c => c.Name, c => (IReadOnlyList<string>)c.Dictionary!, StringComparer.Ordinal);
                var (scanned, problem) = ScanRows(filtered, changedRows, dictionaries);
                if (scanned is null)
                {
                    return (null, problem);
                }

                var byName = scanned.Writers.ToDictionary(w => w.Name, StringComparer.Ordinal);
                ServeStoreMerge.DayRows? day = null;
                if (scope.Rule is { } rule && scope.Cutoffs.Count > 0)
                {
                    var group = rule.Group is { } groupName ? byName[groupName] : null;
                    day = new ServeStoreMerge.DayRows(scope.Cutoffs, old[rule.Key], rule.Group is null ? null : old[rule.Group],
                        group?.Values(), group?.Dictionary);
                }

                var (planned, planProblem) = ServeStoreMerge.Plan(old, scanned.Codes, scanned.Starts, reuse.ChangedFor(name), day);
                if (planned is not { } plan)
                {
                    return (null, planProblem);
                }

                var rows = plan.Starts[^1];
                if (rows != total)
                {
                    return (null, $"{total} rows, but the parent's unchanged wells and the changed wells' rows make {rows}: int_refresh_wells does not name every changed well");
                }

                var columns = new List<ServeColumnInfo>();
                foreach (var column in old.Columns)
                {
                    columns.Add(!column.Info.Stored
                        ? column.Info
                        : ServeStoreMerge.Column(column, byName[column.Name], plan.Segments, rows, file, ref end));
                }

                return (Finish(columns, plan.Codes, plan.Starts, rows, ref end), null);
            }
            catch (DbException ex)
            {
                return (null, ex.Message.Split('\n')[0]);
            }
        }

        /// <summary>The relation's rows in all (by a cheaper count of the same rows where there is one,
        /// <see cref="ServeRelations.RowCounts"/>) and those of <paramref name="filtered"/>: two counts, the filter a where
        /// clause, which reaches the tables under a view and turns a long list of well codes into a join (as the
        /// condition of an aggregate's filter clause, DuckDB compared every row with every code of the list: 35.8 CPU-s
        /// for stg_well_production's 10 M rows and 10,000 day wells).</summary>
        private (long Total, long Filtered) Counts(string filtered)
        {
            using var count = connection.CreateCommand();
            var total = ServeRelations.RowCounts.TryGetValue(name, out var rowCount)
                ? ServeSql.Portable(connection, rowCount)
                : $"select count(*) from ({ServeRelations.Unordered(sql)}) as scan";
            count.CommandText = $"select ({total}), (select count(*) from ({ServeRelations.Unordered(filtered)}) as scan)";
            using var reader = count.ExecuteReader();
            reader.Read();
            return (Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
        }

        private List<(string Name, ServeKind Kind)> Shape(string query)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"select * from ({ServeRelations.Unordered(query)}) as scan limit 0";
            using var reader = command.ExecuteReader();
            return Enumerable.Range(0, reader.FieldCount)
                .Select(i => (reader.GetName(i), ServeValues.KindOf(reader.GetFieldType(i), reader.GetDataTypeName(i)) ?? (ServeKind)(-1))).ToList();
        }

        private (ServeRelationInfo? Info, string? Problem) Scan(ref long end)
        {
            long rows;
            try
            {
                // A relation with a cheaper count of the same rows is counted by it (the scan then checks it read as
                // many rows, else the relation is left out, as when it changes between its count and its scan).
                using var count = connection.CreateCommand();
                count.CommandText = ServeRelations.RowCounts.TryGetValue(name, out var rowCount)
                    ? ServeSql.Portable(connection, rowCount)
                    : $"select count(*) from ({ServeRelations.Unordered(sql)}) as scan";
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

            var (scanned, problem) = (default(Scanned), default(string));
            if (StoredOrder && connection is DuckDB.NET.Data.DuckDBConnection && ServeRelations.StoredInOrder.TryGetValue(name, out var thenBy))
            {
                (scanned, problem) = ScanRows(sql, rows, null, thenBy);
                order = scanned is not null ? " in stored order" : problem == NotInStoredOrder ? " (not in stored order: sorted)" : null;
            }

            if (scanned is null && problem is null or NotInStoredOrder)
            {
                (scanned, problem) = ScanRows(sql, rows, null);
            }

            if (scanned is null)
            {
                return (null, problem);
            }

            var writing = steps.Start();
            var columns = new List<ServeColumnInfo>();
            foreach (var (column, writer) in scanned.Columns)
            {
                // well_code is the well index's (checked while scanning: never NULL, in order, within int).
                columns.Add(writer is not null ? (writer.Name == "well_code" ? WellIndexColumn(writer.Kind) : writer.Finish(file, ref end))
                    : derived.TryGetValue(column, out var derivation) ? DerivedColumn(column, derivation) : LookupColumn(column, lookups[column]));
            }

            steps.Stop(writing, $"{name} write");
            if (!ReferenceEquals(sql, relationSql))
            {
                columns = WithDerived(columns);
            }

            return (Finish(columns, scanned.Codes.Select(c => (int)c).ToArray(), [.. scanned.Starts], (int)rows, ref end), null);
        }

        /// <summary>Reads the rows of <paramref name="query"/> (<paramref name="rows"/> of them) into column writers on the
        /// scratch file, with the well index. A large relation is read in ranges of wells, one ordered query each
        /// (<see cref="Ranges"/>), so that no sort passes the build's memory cap. Given <paramref name="thenBy"/> (the column
        /// after well_code in the scan's order, <see cref="ServeRelations.StoredInOrder"/>), the rows are read in one query
        /// without the order by, in the order DuckDB stored them (insertion order kept on the connection meanwhile), each
        /// checked to come after the one before it; the problem is <see cref="NotInStoredOrder"/> when one does not.</summary>
        private (Scanned? Scanned, string? Problem) ScanRows(string query, long rows, IReadOnlyDictionary<string, IReadOnlyList<string>>? dictionaries,
            string? thenBy = null)
        {
            var queries = thenBy is null ? Ranges(query, rows) : [ServeRelations.Unordered(query)];
            ranges = queries.Count;
            using var insertionOrder = thenBy is null ? null : ServeSql.KeepInsertionOrder(connection);
            using var first = Stream(queries[0]);
            using var reader = first.ExecuteReader();
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

            var thenOrdinal = thenBy is null ? -1 : Enumerable.Range(0, reader.FieldCount).FirstOrDefault(i => reader.GetName(i) == thenBy, -1);
            if (thenBy is not null && (thenOrdinal < 0 || kinds[thenOrdinal] != ServeKind.Date))
            {
                return (null, NotInStoredOrder); // only a date column is checked: read sorted
            }

            // A looked-up column is checked against its target (in the relations written before), a derived one against its
            // computation; neither is written.
            var writers = new ColumnWriter?[kinds.Length];
            var checks = new List<ServeLookups.Check>();
            var derivedChecks = new List<ServeDerived.ScanCheck>();
            ServeStore? targets = null;
            long offset = 0;
            try
            {
                for (var i = 0; i < kinds.Length; i++)
                {
                    if (lookups.TryGetValue(reader.GetName(i), out var lookup))
                    {
                        targets ??= written();
                        var (check, problem) = ServeLookups.Check.For(reader.GetName(i), lookup, targets.Relation(lookup.Relation), reader, i);
                        if (check is null)
                        {
                            LookupProblem = problem;
                            return (null, $"{reader.GetName(i)}: {problem}");
                        }

                        checks.Add(check);
                        continue;
                    }

                    if (derived.TryGetValue(reader.GetName(i), out var derivation) && ServeDerived.CheckedInScan(derivation.Op))
                    {
                        var (check, problem) = ServeDerived.ScanCheck.For(reader.GetName(i), derivation, reader, i);
                        if (check is null)
                        {
                            DerivedProblem = (reader.GetName(i), problem!);
                            return (null, $"{reader.GetName(i)}: {problem}");
                        }

                        derivedChecks.Add(check);
                        continue;
                    }

                    writers[i] = new ColumnWriter(scratch, reader.GetName(i), kinds[i], reader.GetFieldType(i), rows, ref offset,
                        dictionaries?.GetValueOrDefault(reader.GetName(i)));
                }

                var scan = new ScanState();
                for (var i = 0; i < queries.Count; i++)
                {
                    using var next = i == 0 ? null : Stream(queries[i]);
                    using var more = next?.ExecuteReader();
                    if (ReadRows(more ?? reader, rows, wellOrdinal, thenOrdinal, writers, checks, derivedChecks, scan) is { } problem)
                    {
                        return (null, problem);
                    }

                    // The lookups' targets are read in well order: the pages of the wells done are not read again.
                    targets?.DropPages();
                }

                return Complete(reader, rows, writers, checks, derivedChecks, scan);
            }
            finally
            {
                targets?.Unmap();
            }
        }

        /// <summary>A command whose rows DuckDB streams: DuckDB.NET otherwise materializes the whole result before the first
        /// row (at 100 M daily rows, stg_well_production's ~12 GB, past the memory cap: the refresh was killed for memory).</summary>
        private DbCommand Stream(string query)
        {
            var command = connection.CreateCommand();
            command.CommandText = query;
            if (command is DuckDB.NET.Data.DuckDBCommand duckdb)
            {
                duckdb.UseStreamingMode = true;
            }

            return command;
        }

        /// <summary>
        /// The queries that read <paramref name="query"/>'s rows in order: itself, or, for a scan of more than
        /// <see cref="ServeStoreBuilder.RangeRows"/> rows, the same scan over consecutive ranges of well codes (int_wells'
        /// wells cut into groups of about that many rows; the first range open below, the last open above, so every row
        /// is read whatever its well). Each range's order by sorts only its rows: at 100 M daily rows
        /// int_ml_trendlines_output's 291 M rows sorted at once under the 1 GB cap spilled more than 15 GB to disk
        /// before the disk was nearly full. A scan with a where clause of its own (a merge's changed wells) is read whole.
        /// </summary>
        private List<string> Ranges(string query, long rows)
        {
            if (rows <= ServeStoreBuilder.RangeRows || query.Contains(" where ", StringComparison.Ordinal))
            {
                return [query];
            }

            var codes = new List<int>();
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = "select well_code from int_wells order by well_code";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    codes.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            catch (DbException)
            {
                return [query]; // no int_wells (a snapshot of another project): one scan, as before
            }

            var groups = (int)Math.Min(codes.Count, (rows + ServeStoreBuilder.RangeRows - 1) / ServeStoreBuilder.RangeRows);
            if (groups <= 1)
            {
                return [query];
            }

            var queries = new List<string>(groups);
            int? from = null;
            for (var g = 1; g <= groups; g++)
            {
                int? until = g == groups ? null : codes[(int)((long)codes.Count * g / groups)];
                queries.Add(ServeRelations.ForRange(query, from, until));
                from = until;
            }

            return queries;
        }

        /// <summary>Where a scan read over one or several queries stands: its wells, where each starts, the rows read.</summary>
        private sealed class ScanState
        {
            public readonly List<long> Codes = [];
            public readonly List<int> Starts = [];
            public long Row;
        }

        /// <summary>Adds one query's rows to the scan; the problem that stops it, or null. With <paramref name="thenOrdinal"/>
        /// (a date column, not -1) each row's well_code and date must come after the row before's: a row that does not (or
        /// has no date) stops the scan with <see cref="NotInStoredOrder"/>.</summary>
        private static string? ReadRows(DbDataReader reader, long rows, int wellOrdinal, int thenOrdinal, ColumnWriter?[] writers,
            List<ServeLookups.Check> checks, List<ServeDerived.ScanCheck> derivedChecks, ScanState scan)
        {
            var codes = scan.Codes;
            var starts = scan.Starts;
            var row = scan.Row;
            var thenIsDateOnly = thenOrdinal >= 0 && reader.GetFieldType(thenOrdinal) == typeof(DateOnly);
            var wellType = reader.GetFieldType(wellOrdinal); // read typed, as ColumnWriter does: no boxed value per row
            var lastDay = int.MinValue;
            while (reader.Read())
            {
                if (row == rows)
                {
                    return "the relation changed between its count and its scan";
                }

                var code = reader.IsDBNull(wellOrdinal) ? long.MinValue
                    : wellType == typeof(int) ? reader.GetInt32(wellOrdinal)
                    : wellType == typeof(long) ? reader.GetInt64(wellOrdinal)
                    : Convert.ToInt64(reader.GetValue(wellOrdinal), System.Globalization.CultureInfo.InvariantCulture);
                if (code == long.MinValue || code is < int.MinValue or > int.MaxValue)
                {
                    return $"row {row + 1}: well_code is NULL or out of range";
                }

                var newWell = codes.Count == 0 || codes[^1] != code;
                if (newWell)
                {
                    if (codes.Count > 0 && codes[^1] > code)
                    {
                        return thenOrdinal >= 0 ? NotInStoredOrder : "rows are not ordered by well_code";
                    }

                    codes.Add(code);
                    starts.Add((int)row);
                }

                if (thenOrdinal >= 0)
                {
                    if (reader.IsDBNull(thenOrdinal))
                    {
                        return NotInStoredOrder;
                    }

                    var day = thenIsDateOnly ? reader.GetFieldValue<DateOnly>(thenOrdinal).DayNumber
                        : DateOnly.FromDateTime(reader.GetDateTime(thenOrdinal)).DayNumber;
                    if (!newWell && day <= lastDay)
                    {
                        return NotInStoredOrder;
                    }

                    lastDay = day;
                }

                for (var i = 0; i < writers.Length; i++)
                {
                    writers[i]?.Add(reader, i);
                }

                foreach (var check in checks)
                {
                    check.Add(code, reader);
                }

                foreach (var check in derivedChecks)
                {
                    check.Add(reader);
                }

                row++;
            }

            scan.Row = row;
            return null;
        }

        /// <summary>The scan once its queries are read: checked against the count and the lookups' targets.</summary>
        private (Scanned? Scanned, string? Problem) Complete(DbDataReader reader, long rows, ColumnWriter?[] writers,
            List<ServeLookups.Check> checks, List<ServeDerived.ScanCheck> derivedChecks, ScanState scan)
        {
            if (scan.Row != rows)
            {
                return (null, "the relation changed between its count and its scan");
            }

            if (checks.FirstOrDefault(check => check.Problem is not null) is { } failed)
            {
                LookupProblem = failed.Problem;
                return (null, $"a looked-up column differs from its target: {failed.Problem}");
            }

            if (derivedChecks.FirstOrDefault(check => check.Problem is not null) is { } wrong)
            {
                DerivedProblem = (wrong.Column, wrong.Problem!);
                return (null, $"{wrong.Column} differs from its computation: {wrong.Problem}");
            }

            scan.Starts.Add((int)scan.Row);
            var columns = Enumerable.Range(0, writers.Length).Select(i => (reader.GetName(i), writers[i])).ToList();
            return (new Scanned(columns, scan.Codes, scan.Starts), null);
        }

        /// <summary>Writes the well index after the columns and describes the relation.</summary>
        private ServeRelationInfo Finish(List<ServeColumnInfo> columns, int[] codes, int[] starts, int rows, ref long end)
        {
            var codesOffset = WriteAligned(file, System.Runtime.InteropServices.MemoryMarshal.AsBytes(codes.AsSpan()), ref end);
            var startsOffset = WriteAligned(file, System.Runtime.InteropServices.MemoryMarshal.AsBytes(starts.AsSpan()), ref end);
            return new ServeRelationInfo
            {
                Name = name,
                Rows = rows,
                Checksum = ServeValues.Combine(columns.Select(c => c.Checksum)),
                WellCodesOffset = codesOffset,
                WellStartsOffset = startsOffset,
                Wells = codes.Length,
                Columns = columns,
            };
        }

        private static ServeColumnInfo LookupColumn(string column, ServeLookup lookup) => new()
        {
            Name = column,
            Kind = ServeKind.Double,
            ValuesOffset = -1,
            NullsOffset = -1,
            Checksum = ServeValues.Checksum(lookup.Text),
            Lookup = lookup,
        };

        private static ServeColumnInfo DerivedColumn(string column, ServeDerivation derivation) => new()
        {
            Name = column,
            Kind = ServeKind.Double,
            ValuesOffset = -1,
            NullsOffset = -1,
            Checksum = ServeValues.Checksum(derivation.Text),
            Derived = derivation,
        };

        private static ServeColumnInfo WellIndexColumn(ServeKind kind) => new()
        {
            Name = "well_code",
            Kind = kind,
            ValuesOffset = -1,
            NullsOffset = -1,
            Checksum = ServeValues.Checksum("well_index"),
            WellIndex = true,
        };

        /// <summary>The stored columns with the derived ones in their places in the relation.</summary>
        private List<ServeColumnInfo> WithDerived(List<ServeColumnInfo> stored)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"select * from ({relationSql}) as scan limit 0";
            using var reader = command.ExecuteReader();
            var byName = stored.ToDictionary(c => c.Name, StringComparer.Ordinal);
            return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).Select(column =>
                derived.TryGetValue(column, out var derivation) ? DerivedColumn(column, derivation) : byName[column]).ToList();
        }

        /// <summary>A scan's columns in the scan's order (each on the scratch file, or checked against its lookup's target:
        /// no writer) and its well index.</summary>
        private sealed record Scanned(List<(string Name, ColumnWriter? Writer)> Columns, List<long> Codes, List<int> Starts)
        {
            public IEnumerable<ColumnWriter> Writers => Columns.Where(c => c.Writer is not null).Select(c => c.Writer!);
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

    /// <summary>Whether the parent's store was reused, and where, or why not.</summary>
    public string Reuse { get; init; } = "full build";

    /// <summary>The relations merged from the parent's store.</summary>
    public IReadOnlyList<string> Reused { get; init; } = [];

    public override string ToString() =>
        $"serving store {System.IO.Path.GetFileName(Path)}: {Relations.Count} relations, {Bytes / 1048576.0:F1} MiB in {Elapsed.TotalSeconds:F1} s ({Reuse})"
        + (Verified.Count > 0 ? $"; read through stg_well_production (checked at build): {string.Join(", ", Verified)}" : string.Empty)
        + (Skipped.Count > 0 ? $"; served from SQL instead: {string.Join("; ", Skipped)}" : string.Empty);
}
