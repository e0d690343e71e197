namespace Wellhouse.Transform.Adapters;

/// <summary>Seed column types as dbt's adapters name them for each inferred kind: dbt-duckdb's (INTEGER, DOUBLE,
/// BOOLEAN, DATE, TIMESTAMP, VARCHAR) and dbt-postgres's (integer, float8, boolean, date, timestamp without time zone,
/// text).</summary>
internal static class SeedColumnTypes
{
    public static string Name(string adapterType, SeedColumnKind kind) => adapterType == "postgres"
        ? kind switch
        {
            SeedColumnKind.Integer => "integer",
            SeedColumnKind.Number => "float8",
            SeedColumnKind.Boolean => "boolean",
            SeedColumnKind.Date => "date",
            SeedColumnKind.DateTime => "timestamp without time zone",
            _ => "text",
        }
        : kind switch
        {
            SeedColumnKind.Integer => "INTEGER",
            SeedColumnKind.Number => "DOUBLE",
            SeedColumnKind.Boolean => "BOOLEAN",
            SeedColumnKind.Date => "DATE",
            SeedColumnKind.DateTime => "TIMESTAMP",
            _ => "VARCHAR",
        };
}
