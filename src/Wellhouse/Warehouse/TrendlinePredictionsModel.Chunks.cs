using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Warehouse;

/// <summary>Appending the rows of <c>ml_predictions_raw</c> a data chunk at a time.</summary>
internal sealed partial class TrendlinePredictionsModel
{
    /// <summary>
    /// An appender of <c>ml_predictions_raw</c> rows that fills whole columns of a DuckDB data chunk and appends the
    /// chunk (DuckDB C API: duckdb_appender_create_ext, duckdb_create_data_chunk, duckdb_vector_get_data,
    /// duckdb_append_data_chunk, duckdb_appender_close; https://duckdb.org/docs/stable/clients/c/appender and
    /// .../c/data_chunk). The rows are gathered in typed arrays and copied into the chunk's vectors with one block copy
    /// per column, instead of one typed call per value (DuckDB.NET's row appender): 2.7 -> 2.1 CPU-s for 6 M rows x 6
    /// columns into a file database, the rest being DuckDB's own append and storage work.
    /// Not thread-safe: one per writer thread.
    /// </summary>
    private sealed class ChunkAppender : IDisposable
    {
        /// <summary>The column types of the raw table, in order (the stream ENUM is stored as its UTINYINT index).</summary>
        private static readonly DuckDBType[] Expected =
            [DuckDBType.Integer, DuckDBType.Enum, DuckDBType.Date, DuckDBType.Double, DuckDBType.Double, DuckDBType.Double];

        private static readonly int Capacity = (int)NativeMethods.Helpers.DuckDBVectorSize();

        /// <summary>DuckDB stores a DATE as days since 1970-01-01.</summary>
        private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

        private readonly string table;
        private readonly DuckDB.NET.Native.DuckDBAppender appender;
        private readonly List<DuckDBLogicalType> types = [];
        private readonly DuckDBDataChunk chunk;
        private readonly int[] wells = new int[Capacity];
        private readonly byte[] streams = new byte[Capacity];
        private readonly int[] periods = new int[Capacity];
        private readonly double[] actuals = new double[Capacity];
        private readonly double[] trends = new double[Capacity];
        private readonly double[] sigmas = new double[Capacity];
        private int count;

        public ChunkAppender(DuckDBConnection connection, Relation target)
        {
            table = target.ToString();
            var state = NativeMethods.Appender.DuckDBAppenderCreateExt(
                connection.NativeConnection, target.Database, target.Schema, target.Identifier, out appender);
            try
            {
                Check(state, "open an appender on");
                for (var column = 0; column < Expected.Length; column++)
                {
                    types.Add(NativeMethods.Appender.DuckDBAppenderColumnType(appender, (ulong)column));
                }

                if ((int)NativeMethods.Appender.DuckDBAppenderColumnCount(appender) != Expected.Length
                    || types.Select(NativeMethods.LogicalType.DuckDBGetTypeId).Where((type, column) => type != Expected[column]).Any()
                    || NativeMethods.LogicalType.DuckDBEnumInternalType(types[1]) != DuckDBType.UnsignedTinyInt)
                {
                    throw new InvalidOperationException($"{table} does not have the columns of ml_predictions_raw");
                }

                chunk = NativeMethods.DataChunks.DuckDBCreateDataChunk(
                    types.Select(type => type.DangerousGetHandle()).ToArray(), (ulong)Expected.Length);
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        /// <summary>Appends the rows of one fitted series (<paramref name="stream"/>: its index in the ENUM; <paramref name="sigma"/>: the
        /// series' residual scale, on every row).</summary>
        public void Append(WellSeries series, byte stream, List<double> actual, double[] trend, double sigma)
        {
            for (var i = 0; i < series.Count; i++)
            {
                wells[count] = series.WellCode;
                streams[count] = stream;
                periods[count] = series.Periods[i].DayNumber - UnixEpochDayNumber;
                actuals[count] = actual[i];
                trends[count] = trend[i];
                sigmas[count] = sigma;
                if (++count == Capacity)
                {
                    Flush();
                }
            }
        }

        /// <summary>Appends the last rows and closes the appender, which commits them.</summary>
        public void Close()
        {
            if (count > 0)
            {
                Flush();
            }

            Check(NativeMethods.Appender.DuckDBAppenderClose(appender), "close the appender of");
        }

        public void Dispose()
        {
            chunk?.Dispose();
            types.ForEach(type => type.Dispose());
            appender?.Dispose();
        }

        private void Flush()
        {
            // The vectors' data pointers are fetched after every reset, which may give a vector a new buffer.
            Marshal.Copy(wells, 0, VectorData(0), count);
            Marshal.Copy(streams, 0, VectorData(1), count);
            Marshal.Copy(periods, 0, VectorData(2), count);
            Marshal.Copy(actuals, 0, VectorData(3), count);
            Marshal.Copy(trends, 0, VectorData(4), count);
            Marshal.Copy(sigmas, 0, VectorData(5), count);
            NativeMethods.DataChunks.DuckDBDataChunkSetSize(chunk, (ulong)count);
            Check(NativeMethods.Appender.DuckDBAppendDataChunk(appender, chunk), "append a chunk to");
            NativeMethods.DataChunks.DuckDBDataChunkReset(chunk);
            count = 0;
        }

        private IntPtr VectorData(int column) => VectorNative.GetData(NativeMethods.DataChunks.DuckDBDataChunkGetVector(chunk, column));

        private void Check(DuckDBState state, string action)
        {
            if (state == DuckDBState.Success)
            {
                return;
            }

            using var error = NativeMethods.Appender.DuckDBAppenderErrorData(appender);
            throw new InvalidOperationException($"could not {action} {table}: {error.Message}");
        }
    }

    /// <summary>The one DuckDB C API function the chunk appender calls that DuckDB.NET only exposes as a pointer (which
    /// would need unsafe code): the data buffer of a vector, as an address for Marshal.Copy.</summary>
    private static class VectorNative
    {
        /// <summary>duckdb_vector_get_data (https://duckdb.org/docs/stable/clients/c/vector): the vector's data, valid
        /// until the chunk is reset or destroyed. "duckdb" is the native library DuckDB.NET loads.</summary>
        [DllImport("duckdb", EntryPoint = "duckdb_vector_get_data")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
        public static extern IntPtr GetData(IntPtr vector);
    }
}
