{#- What a project's seed or test materialization calls (dbt docs: "seeds", "Create new materializations"), written
    here on the engine's adapter methods; each goes through adapter.dispatch, so a project's duckdb__/default__ version
    is used first. The engine's own seed and test materializations do not use them (Execution/SeedLoader.cs,
    TestExecutor.cs). -#}

{#- The table a seed's rows go into: its columns in file order, each typed by column_types or else by
    adapter.convert_type; created, and the statement returned. -#}
{% macro create_csv_table(model, agate_table) -%}
  {{ return(adapter.dispatch('create_csv_table', 'dbt')(model, agate_table)) }}
{%- endmacro %}

{% macro default__create_csv_table(model, agate_table) -%}
  {%- set column_types = model['config'].get('column_types') or {} -%}
  {%- set quote = model['config'].get('quote_columns') -%}
  {%- set columns = [] -%}
  {%- for name in agate_table.column_names -%}
    {%- set type = column_types.get(name) or adapter.convert_type(agate_table, loop.index0) -%}
    {%- do columns.append((adapter.quote(name) if quote else name) ~ ' ' ~ type) -%}
  {%- endfor -%}
  {%- set sql = 'create table ' ~ this.render() ~ ' (' ~ columns | join(', ') ~ ')' -%}
  {%- call statement('_') -%}{{ sql }}{%- endcall -%}
  {{ return(sql) }}
{%- endmacro %}

{#- An existing seed table made ready for new rows: dropped and created again on a full refresh, else emptied. -#}
{% macro reset_csv_table(model, full_refresh, old_relation, agate_table) -%}
  {{ return(adapter.dispatch('reset_csv_table', 'dbt')(model, full_refresh, old_relation, agate_table)) }}
{%- endmacro %}

{% macro default__reset_csv_table(model, full_refresh, old_relation, agate_table) -%}
  {%- if full_refresh -%}
    {%- do adapter.drop_relation(old_relation) -%}
    {{ return(create_csv_table(model, agate_table)) }}
  {%- endif -%}
  {%- do adapter.truncate_relation(old_relation) -%}
  {{ return('truncate table ' ~ old_relation.render()) }}
{%- endmacro %}

{% macro get_csv_sql(create_or_truncate_sql, insert_sql) -%}
  {{ return(adapter.dispatch('get_csv_sql', 'dbt')(create_or_truncate_sql, insert_sql)) }}
{%- endmacro %}

{% macro default__get_csv_sql(create_or_truncate_sql, insert_sql) -%}
  {{ create_or_truncate_sql }};
  {{ insert_sql }}
{%- endmacro %}

{% macro get_batch_size() -%}
  {{ return(adapter.dispatch('get_batch_size', 'dbt')()) }}
{%- endmacro %}

{% macro default__get_batch_size() -%}
  {{ return(10000) }}
{%- endmacro %}

{% macro get_binding_char() -%}
  {{ return(adapter.dispatch('get_binding_char', 'dbt')()) }}
{%- endmacro %}

{% macro default__get_binding_char() -%}
  {{ return('%s') }}
{%- endmacro %}

{#- The seed's column names for an insert, quoted when quote_columns is set. -#}
{% macro get_seed_column_quoted_csv(model, column_names) -%}
  {%- set quote = model['config'].get('quote_columns') -%}
  {%- set names = [] -%}
  {%- for name in column_names -%}
    {%- do names.append(adapter.quote(name) if quote else name) -%}
  {%- endfor -%}
  {{ return(names | join(', ')) }}
{%- endmacro %}

{#- The seed's rows into its table, returning the (first) insert statement. On DuckDB, as dbt-duckdb's default, one
    COPY reads the CSV file into the table's columns; elsewhere inserts of batch-size rows with the values written
    as SQL literals. -#}
{% macro load_csv_rows(model, agate_table) -%}
  {{ return(adapter.dispatch('load_csv_rows', 'dbt')(model, agate_table)) }}
{%- endmacro %}

{% macro duckdb__load_csv_rows(model, agate_table) -%}
  {%- set delimiter = model['config'].get('delimiter') or ',' -%}
  {%- set sql = "copy " ~ this.render() ~ " from '" ~ adapter.get_seed_file_path(model) | replace("'", "''") ~ "' (format csv, header true, delimiter '" ~ delimiter | replace("'", "''") ~ "')" -%}
  {%- call statement('_') -%}{{ sql }}{%- endcall -%}
  {{ return(sql) }}
{%- endmacro %}

{% macro default__load_csv_rows(model, agate_table) -%}
  {%- set columns = get_seed_column_quoted_csv(model, agate_table.column_names) -%}
  {%- set statements = [] -%}
  {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
    {%- set values = [] -%}
    {%- for row in chunk -%}
      {%- set cells = [] -%}
      {%- for value in row -%}
        {%- if value is none -%}
          {%- do cells.append('null') -%}
        {%- elif value is number and value is not boolean -%}
          {%- do cells.append(value | string) -%}
        {%- else -%}
          {%- do cells.append("'" ~ (value | string | replace("'", "''")) ~ "'") -%}
        {%- endif -%}
      {%- endfor -%}
      {%- do values.append('(' ~ cells | join(', ') ~ ')') -%}
    {%- endfor -%}
    {%- set sql = 'insert into ' ~ this.render() ~ ' (' ~ columns ~ ') values ' ~ values | join(', ') -%}
    {%- call statement('_') -%}{{ sql }}{%- endcall -%}
    {%- do statements.append(sql) -%}
  {%- endfor -%}
  {{ return(statements[0] if statements else '') }}
{%- endmacro %}

{#- A test materialization's pieces: the failing rows with the test's limit, a store_failures relation, and the
    count query whose one row (failures, should_warn, should_error) decides the test's status. -#}
{% macro get_limit_subquery_sql(sql, limit) -%}
  {{ adapter.dispatch('get_limit_subquery_sql', 'dbt')(sql, limit) }}
{%- endmacro %}

{% macro default__get_limit_subquery_sql(sql, limit) -%}
  {{ sql }}
  {% if limit is not none %}limit {{ limit }}{% endif %}
{%- endmacro %}

{% macro get_create_sql(relation, sql) -%}
  {%- if relation.type == 'view' -%}
    {{ get_create_view_as_sql(relation, sql) }}
  {%- else -%}
    {{ get_create_table_as_sql(False, relation, sql) }}
  {%- endif -%}
{%- endmacro %}

{% macro get_test_sql(main_sql, fail_calc, warn_if, error_if, limit) -%}
  {{ adapter.dispatch('get_test_sql', 'dbt')(main_sql, fail_calc, warn_if, error_if, limit) }}
{%- endmacro %}

{% macro default__get_test_sql(main_sql, fail_calc, warn_if, error_if, limit) -%}
  select
    {{ fail_calc }} as failures,
    ({{ fail_calc }}) {{ warn_if }} as should_warn,
    ({{ fail_calc }}) {{ error_if }} as should_error
  from (
    {{ main_sql }}
    {% if limit is not none %}limit {{ limit }}{% endif %}
  ) dbt_internal_test
{%- endmacro %}
