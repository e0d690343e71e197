{#- Where the raw contract is read from, in this order:
    1. a target that attaches the application's DuckDB database (profiles.yml target `attach`, or any target with
       --vars '{raw_attached_database: <alias>}'): the table <alias>.<source schema>.<source identifier>, i.e.
       app.main.well_production, read through the read-only attachment (raw_location is then ignored);
    2. the files at raw_location (a Parquet or CSV file or glob, read in place, or a list of Parquet files, as the
       application passes the exact batches of a refresh); the environment variable WELLHOUSE_RAW_LOCATION overrides
       the var, so the application can point the build at its raw store;
    3. else the relation of the source raw.well_production in the target's own database.
    Reading files in place is DuckDB's replacement scan; other adapters need a table (the dispatch point raw_files). -#}
{% macro raw_well_production(source_relation) -%}
    {%- set attached = var('raw_attached_database', 'app' if target.name == 'attach' else '') -%}
    {%- set location = env_var('WELLHOUSE_RAW_LOCATION', '') or var('raw_location', '') -%}
    {%- if attached -%}
        {{ adapter.quote(attached) }}.{{ adapter.quote(source_relation.schema) }}.{{ adapter.quote(source_relation.identifier) }}
    {%- elif location -%}
        {{ raw_files(location) }}
    {%- else -%}
        {{ source_relation }}
    {%- endif -%}
{%- endmacro %}

{#- The raw files at `location` (a path or glob, or a list of Parquet files) as a relation: DuckDB reads them in place
    (a list through read_parquet); other engines cannot, which is an error naming what to do. -#}
{% macro raw_files(location) -%}
    {{ return(adapter.dispatch('raw_files')(location)) }}
{%- endmacro %}

{% macro duckdb__raw_files(location) -%}
    {%- if location is not string -%}
        read_parquet([
            {%- for file in location -%}
            '{{ file | replace("'", "''") }}'{% if not loop.last %}, {% endif %}
            {%- endfor -%}
        ], union_by_name = true)
    {%- else -%}
        '{{ location | replace("'", "''") }}'
    {%- endif -%}
{%- endmacro %}

{% macro default__raw_files(location) -%}
    {{ exceptions.raise_compiler_error("raw_location is a file path; the " ~ target.type ~ " adapter needs a table: set raw_location to '' and point the source raw.well_production at it") }}
{%- endmacro %}
