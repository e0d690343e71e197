using Npgsql;
using NpgsqlTypes;
using Wellhouse.Transform.Execution.Models;

namespace Wellhouse.Transform.Adapters.Postgres;

/// <summary>A query's rows through Npgsql's binary COPY out (<c>copy (query) to stdout (format binary)</c>), on a
/// connection the reader owns. COPY gives a row's values in order, so each row is read whole into typed slots; the
/// column types come from the server's description of the query.</summary>
internal sealed class PostgresCopyReader : ModelReader
{
    private readonly IDisposable owner;
    private readonly NpgsqlBinaryExporter exporter;
    private readonly Kind[] kinds;
    private readonly bool[] nulls;
    private readonly long[] longs;
    private readonly double[] doubles;
    private readonly DateOnly[] dates;
    private readonly string?[] strings;

    public PostgresCopyReader(NpgsqlConnection connection, IDisposable owner, IReadOnlyList<ColumnSchema> columns, string sql)
    {
        this.owner = owner;
        kinds = columns.Select(column => KindOf(column, sql)).ToArray();
        nulls = new bool[kinds.Length];
        longs = new long[kinds.Length];
        doubles = new double[kinds.Length];
        dates = new DateOnly[kinds.Length];
        strings = new string?[kinds.Length];
        exporter = connection.BeginBinaryExport($"copy ({sql}) to stdout (format binary)");
    }

    private enum Kind
    {
        Int16,
        Int32,
        Int64,
        Boolean,
        Single,
        Double,
        Numeric,
        Date,
        Text,
    }

    public override bool Read()
    {
        if (exporter.StartRow() < 0)
        {
            return false;
        }

        for (var c = 0; c < kinds.Length; c++)
        {
            nulls[c] = exporter.IsNull;
            if (nulls[c])
            {
                exporter.Skip();
                continue;
            }

            switch (kinds[c])
            {
                case Kind.Int16: longs[c] = exporter.Read<short>(NpgsqlDbType.Smallint); break;
                case Kind.Int32: longs[c] = exporter.Read<int>(NpgsqlDbType.Integer); break;
                case Kind.Int64: longs[c] = exporter.Read<long>(NpgsqlDbType.Bigint); break;
                case Kind.Boolean: longs[c] = exporter.Read<bool>(NpgsqlDbType.Boolean) ? 1 : 0; break;
                case Kind.Single: doubles[c] = exporter.Read<float>(NpgsqlDbType.Real); break;
                case Kind.Double: doubles[c] = exporter.Read<double>(NpgsqlDbType.Double); break;
                case Kind.Numeric: doubles[c] = (double)exporter.Read<decimal>(NpgsqlDbType.Numeric); break;
                case Kind.Date: dates[c] = exporter.Read<DateOnly>(NpgsqlDbType.Date); break;
                default: strings[c] = exporter.Read<string>(NpgsqlDbType.Text); break;
            }
        }

        return true;
    }

    public override bool IsNull(int ordinal) => nulls[ordinal];

    public override int GetInt32(int ordinal) => kinds[ordinal] switch
    {
        Kind.Single or Kind.Double or Kind.Numeric => checked((int)doubles[ordinal]),
        Kind.Int16 or Kind.Int32 or Kind.Int64 or Kind.Boolean => checked((int)longs[ordinal]),
        _ => throw WrongType(ordinal, "an integer"),
    };

    public override double GetDouble(int ordinal) => kinds[ordinal] switch
    {
        Kind.Single or Kind.Double or Kind.Numeric => doubles[ordinal],
        Kind.Int16 or Kind.Int32 or Kind.Int64 or Kind.Boolean => longs[ordinal],
        _ => throw WrongType(ordinal, "a number"),
    };

    public override string GetString(int ordinal) => kinds[ordinal] == Kind.Text ? strings[ordinal]! : throw WrongType(ordinal, "text");

    public override DateOnly GetDate(int ordinal) => kinds[ordinal] == Kind.Date ? dates[ordinal] : throw WrongType(ordinal, "a date");

    protected override void Dispose(bool disposing)
    {
        try
        {
            exporter.Dispose();
        }
        finally
        {
            owner.Dispose();
        }
    }

    private static Kind KindOf(ColumnSchema column, string sql) => column.DataType switch
    {
        "smallint" => Kind.Int16,
        "integer" => Kind.Int32,
        "bigint" => Kind.Int64,
        "boolean" => Kind.Boolean,
        "real" => Kind.Single,
        "double precision" => Kind.Double,
        "date" => Kind.Date,
        "text" or "character varying" or "character" or "name" => Kind.Text,
        _ when column.DataType.StartsWith("numeric", StringComparison.Ordinal) => Kind.Numeric,
        _ when column.DataType.StartsWith("character", StringComparison.Ordinal) => Kind.Text,
        _ => throw new InvalidOperationException($"column {column.Name} is {column.DataType}, which a C# model cannot read on PostgreSQL (query: {sql.Trim()})"),
    };

    private InvalidOperationException WrongType(int ordinal, string wanted) => new($"column {ordinal + 1} is {kinds[ordinal]}, not {wanted}");
}
