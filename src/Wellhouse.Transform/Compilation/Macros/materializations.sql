{#- What a {% materialization %} block calls (dbt docs: "Create new materializations"): hooks, relations and the
    create statements, written here on the engine's adapter methods. A project or package macro of the same name is
    used instead; create_table_as and create_view_as go through adapter.dispatch, so a duckdb__/default__ version
    of them is used first. grants, persist_docs and indexes do nothing here, as in the engine's own materializations
    (docs/engine.md). -#}
{% macro run_hooks(hooks, inside_transaction=True) -%}
  {%- for hook in hooks if hook.transaction == inside_transaction -%}
    {%- set rendered = render(hook.sql) | trim -%}
    {%- if rendered | length > 0 -%}
      {%- call statement(auto_begin=inside_transaction) -%}{{ rendered }}{%- endcall -%}
    {%- endif -%}
  {%- endfor -%}
{%- endmacro %}

{% macro make_temp_relation(base_relation, suffix='__dbt_tmp') -%}
  {{ return(base_relation.incorporate(path={'identifier': base_relation.identifier ~ suffix})) }}
{%- endmacro %}

{% macro make_intermediate_relation(base_relation, suffix='__dbt_tmp') -%}
  {{ return(make_temp_relation(base_relation, suffix)) }}
{%- endmacro %}

{% macro make_backup_relation(base_relation, backup_relation_type, suffix='__dbt_backup') -%}
  {{ return(base_relation.incorporate(path={'identifier': base_relation.identifier ~ suffix}, type=backup_relation_type)) }}
{%- endmacro %}

{% macro load_cached_relation(relation) -%}
  {{ return(load_relation(relation)) }}
{%- endmacro %}

{% macro get_or_create_relation(database, schema, identifier, type) -%}
  {%- set found = adapter.get_relation(database=database, schema=schema, identifier=identifier) -%}
  {%- if found is not none -%}
    {{ return((true, found)) }}
  {%- endif -%}
  {{ return((false, api.Relation.create(database=database, schema=schema, identifier=identifier, type=type))) }}
{%- endmacro %}

{% macro drop_relation(relation) -%}
  {% do adapter.drop_relation(relation) %}
{%- endmacro %}

{% macro drop_relation_if_exists(relation) -%}
  {% if relation is not none %}{% do adapter.drop_relation(relation) %}{% endif %}
{%- endmacro %}

{% macro rename_relation(from_relation, to_relation) -%}
  {% do adapter.rename_relation(from_relation, to_relation) %}
{%- endmacro %}

{% macro truncate_relation(relation) -%}
  {% do adapter.truncate_relation(relation) %}
{%- endmacro %}

{% macro create_schema(relation) -%}
  {% do adapter.create_schema(relation) %}
{%- endmacro %}

{% macro drop_schema(relation) -%}
  {% do adapter.drop_schema(relation) %}
{%- endmacro %}

{% macro get_columns_in_relation(relation) -%}
  {{ return(adapter.get_columns_in_relation(relation)) }}
{%- endmacro %}

{% macro create_table_as(temporary, relation, compiled_code, language='sql') -%}
  {{ adapter.dispatch('create_table_as', 'dbt')(temporary, relation, compiled_code, language) }}
{%- endmacro %}

{#- A temporary table lives in the session's temp catalog, so it is named by its identifier alone. -#}
{% macro default__create_table_as(temporary, relation, compiled_code, language='sql') -%}
  {%- set sql_header = config.get('sql_header') -%}
  {{ sql_header if sql_header is not none }}
  create {% if temporary %}temporary {% endif %}table {{ relation.include(database=not temporary, schema=not temporary) }} as (
    {{ compiled_code }}
  )
{%- endmacro %}

{% macro get_create_table_as_sql(temporary, relation, sql) -%}
  {{ return(create_table_as(temporary, relation, sql)) }}
{%- endmacro %}

{% macro create_view_as(relation, sql) -%}
  {{ adapter.dispatch('create_view_as', 'dbt')(relation, sql) }}
{%- endmacro %}

{% macro default__create_view_as(relation, sql) -%}
  {%- set sql_header = config.get('sql_header') -%}
  {{ sql_header if sql_header is not none }}
  create view {{ relation }} as (
    {{ sql }}
  )
{%- endmacro %}

{% macro get_create_view_as_sql(relation, sql) -%}
  {{ return(create_view_as(relation, sql)) }}
{%- endmacro %}

{% macro should_revoke(existing_relation, full_refresh_mode=True) -%}
  {{ return(false) }}
{%- endmacro %}

{% macro apply_grants(relation, grant_config, should_revoke=False) -%}
{%- endmacro %}

{% macro persist_docs(relation, model, for_relation=true, for_columns=true) -%}
{%- endmacro %}

{% macro create_indexes(relation) -%}
{%- endmacro %}
