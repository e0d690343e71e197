using System.IO.Hashing;

namespace Wellhouse.Serving;

/// <summary>Type mapping and checksums of the serving store.</summary>
internal static class ServeValues
{
    /// <summary>The store's kind for a reader column, or null for a type it does not hold (the relation is then left out).
    /// Floats and decimals are left out on purpose: the API writes them differently from doubles. Timestamps without a
    /// time zone only (DuckDB's TIMESTAMP, PostgreSQL's <c>timestamp without time zone</c>).</summary>
    public static ServeKind? KindOf(Type type, string typeName)
    {
        if (type == typeof(int) || type == typeof(short) || type == typeof(sbyte) || type == typeof(byte) || type == typeof(ushort))
        {
            return ServeKind.Int32;
        }

        if (type == typeof(long) || type == typeof(uint))
        {
            return ServeKind.Int64;
        }

        if (type == typeof(double))
        {
            return ServeKind.Double;
        }

        if (type == typeof(bool))
        {
            return ServeKind.Bool;
        }

        if (type == typeof(string))
        {
            return ServeKind.String;
        }

        if (type == typeof(DateOnly) || (type == typeof(DateTime) && typeName.Equals("Date", StringComparison.OrdinalIgnoreCase)))
        {
            return ServeKind.Date;
        }

        if (type == typeof(DateTime) && typeName.StartsWith("Timestamp", StringComparison.OrdinalIgnoreCase)
            && !typeName.Contains("Tz", StringComparison.OrdinalIgnoreCase) && !typeName.Contains("with time zone", StringComparison.OrdinalIgnoreCase))
        {
            return ServeKind.Timestamp;
        }

        return null;
    }

    /// <summary>XxHash3 of a text (UTF-8), as hex.</summary>
    public static string Checksum(string text) => Convert.ToHexStringLower(XxHash3.Hash(System.Text.Encoding.UTF8.GetBytes(text)));

    public static string Combine(IEnumerable<string> checksums)
    {
        var hash = new XxHash3();
        foreach (var checksum in checksums)
        {
            hash.Append(Convert.FromHexString(checksum));
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }
}
