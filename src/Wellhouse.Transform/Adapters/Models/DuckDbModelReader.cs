using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;
using Wellhouse.Transform.Execution.Models;

namespace Wellhouse.Transform.Adapters.Models;

/// <summary>A query's rows read on a connection the reader owns. Numbers of another type than the one asked for are
/// converted (a HUGEINT, which DuckDB's sum of integers gives, through <see cref="BigInteger"/>).</summary>
internal sealed class DuckDbModelReader : ModelReader
{
    private readonly DuckDBConnection connection;
    private readonly DuckDBCommand command;
    private readonly DuckDBDataReader reader;
    private readonly Type[] types;

    public DuckDbModelReader(DuckDBConnection connection, string sql)
    {
        this.connection = connection;
        command = connection.CreateCommand();
        command.CommandText = sql;
        // Streamed: DuckDB.NET otherwise materializes the whole result before the first row, outside DuckDB's
        // memory_limit (a C# model's input at 100 M rows is gigabytes). The reader owns its connection, so nothing
        // else runs on it while the stream is open.
        command.UseStreamingMode = true;
        reader = (DuckDBDataReader)command.ExecuteReader();
        types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType).ToArray();
    }

    public override bool Read() => reader.Read();

    public override bool IsNull(int ordinal) => reader.IsDBNull(ordinal);

    public override int GetInt32(int ordinal) => types[ordinal] == typeof(int)
        ? reader.GetInt32(ordinal)
        : reader.GetValue(ordinal) is BigInteger huge ? (int)huge : Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public override double GetDouble(int ordinal) => types[ordinal] == typeof(double)
        ? reader.GetDouble(ordinal)
        : reader.GetValue(ordinal) is BigInteger huge ? (double)huge : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public override string GetString(int ordinal) => reader.GetString(ordinal);

    public override DateOnly GetDate(int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);

    protected override void Dispose(bool disposing)
    {
        reader.Dispose();
        command.Dispose();
        connection.Dispose();
    }
}
