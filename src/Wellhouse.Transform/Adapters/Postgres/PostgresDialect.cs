using System.Text;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Adapters.Postgres;

/// <summary>
/// PostgreSQL's create statements. Identifiers are at most 63 bytes (NAMEDATALEN - 1; PostgreSQL would cut a longer one
/// silently), so names the engine derives (<c>__dbt_tmp</c>, seed stages) shorten the model's name to fit, as
/// dbt-postgres's temporary relations do; a model whose own name is too long is an error (see
/// <see cref="CheckName"/>). Temporary tables live in the session's <c>pg_temp</c> schema.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    /// <summary>PostgreSQL's longest identifier in bytes.</summary>
    public const int MaxIdentifierBytes = 63;

    public static PostgresDialect Instance { get; } = new();

    /// <summary>Tables (also partitioned and foreign ones) and views (also materialized ones) of every schema but the
    /// system's and temporary ones, with their columns (1-based <c>attnum</c> as the index, as dbt-postgres's catalog),
    /// comments and owner (the role owning the relation, as dbt-postgres's <c>table_owner</c>), from pg_catalog.</summary>
    public override string CatalogQuery => """
        select current_database(), n.nspname, c.relname,
               case when c.relkind in ('v', 'm') then 'VIEW' else 'BASE TABLE' end,
               pg_catalog.obj_description(c.oid, 'pg_class'),
               a.attname, a.attnum, pg_catalog.format_type(a.atttypid, a.atttypmod), pg_catalog.col_description(c.oid, a.attnum),
               pg_catalog.pg_get_userbyid(c.relowner)
        from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where c.relkind in ('r', 'p', 'f', 'v', 'm')
          and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp\_%'
        order by n.nspname, c.relname, a.attnum
        """;

    /// <summary>A view is replaced in place when its columns allow it (so views over it survive); see
    /// <see cref="PostgresSession.CreateView"/> for the fallback.</summary>
    public override string ViewStatement(Relation relation, string sql) => $"create or replace view {relation} as (\n{sql}\n)";

    public override string TableStatement(Relation relation, string sql) => $"create table {relation} as (\n{sql}\n)";

    public override Relation TempRelation(Relation target) => TempTable(target.Identifier, "__dbt_tmp");

    /// <summary>Drops a temporary table of that name left by an earlier failure on this connection, then creates it
    /// (the drop is on line 1, so the compiled SQL still starts on line 2).</summary>
    public override string CreateTemp(Relation temp, string sql) =>
        $"drop table if exists {temp}; create temp table {Relation.Quote(temp.Identifier)} as (\n{sql}\n)";

    /// <summary>PostgreSQL converts only with an assignment cast unless told how: <c>using "c"::type</c>.</summary>
    public override string AlterColumnType(Relation target, ColumnSchema column) =>
        $"alter table {target} alter column {Relation.Quote(column.Name)} type {column.DataType} using {Relation.Quote(column.Name)}::{column.DataType}";

    public override Relation TempTable(string name, string suffix) => new(null, "pg_temp", Fit(name, suffix));

    public override Relation Staged(Relation relation, string suffix) => relation with { Identifier = Fit(relation.Identifier, suffix) };

    /// <summary>dbt-postgres's check: a relation it creates must have a name PostgreSQL keeps whole.</summary>
    public static string? CheckName(Relation relation) =>
        Encoding.UTF8.GetByteCount(relation.Identifier) > MaxIdentifierBytes
            ? $"Relation name '{relation.Identifier}' is longer than {MaxIdentifierBytes} characters (PostgreSQL's limit for identifiers); give the model a shorter name or alias"
            : null;

    /// <summary><paramref name="name"/> + <paramref name="suffix"/>, with the name cut so the whole fits 63 bytes.</summary>
    internal static string Fit(string name, string suffix)
    {
        var room = MaxIdentifierBytes - Encoding.UTF8.GetByteCount(suffix);
        var cut = name;
        while (Encoding.UTF8.GetByteCount(cut) > room)
        {
            cut = cut[..^1];
        }

        return cut + suffix;
    }
}
