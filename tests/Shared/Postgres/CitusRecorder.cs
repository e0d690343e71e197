namespace Wellhouse.Testing;

/// <summary>Citus cannot run here: tests of Citus's distribution configs give their database functions of Citus's names
/// and signatures that record each call in <c>public.citus_calls</c> (function, table, column, the table's rows then).</summary>
public static class CitusRecorder
{
    /// <summary>Functions of Citus's names and signatures that record each call; the distributed one fails, as
    /// Citus's does, when the table has no such column.</summary>
    public const string Sql = """
        create table public.citus_calls (n serial, fn text, tbl text, col text, row_count bigint);
        create function public.create_distributed_table(t regclass, col text) returns void language plpgsql as $$
        declare c bigint;
        begin
            if not exists (select 1 from pg_attribute where attrelid = t and attname = col and not attisdropped) then
                raise exception 'column "%" of relation "%" does not exist', col, t;
            end if;
            execute format('select count(*) from %s', t) into c;
            insert into public.citus_calls (fn, tbl, col, row_count) values ('create_distributed_table', t::text, col, c);
        end $$;
        create function public.create_reference_table(t regclass) returns void language plpgsql as $$
        declare c bigint;
        begin
            execute format('select count(*) from %s', t) into c;
            insert into public.citus_calls (fn, tbl, row_count) values ('create_reference_table', t::text, c);
        end $$;
        """;
}
