{#- Where the raw contract is read from: the files at raw_location (a Parquet or CSV file or glob, read in place, or a
    list of Parquet files, as the application passes the exact batches of a refresh), else the relation of the source
    raw.well_production (for a target that attaches the application's database).
    The environment variable WELLHOUSE_RAW_LOCATION overrides the var, so the application can point the build at its
    raw store. Reading files in place is DuckDB's replacement scan; other adapters need a table (the dispatch point). -#}
{% macro raw_well_production(source_relation) -%}
    {%- set location = env_var('WELLHOUSE_RAW_LOCATION', '') or var('raw_location', '') -%}
    {%- if location and target.type == 'duckdb' and location is not string -%}
        read_parquet([
            {%- for file in location -%}
            '{{ file | replace("'", "''") }}'{% if not loop.last %}, {% endif %}
            {%- endfor -%}
        ], union_by_name = true)
    {%- elif location and target.type == 'duckdb' -%}
        '{{ location | replace("'", "''") }}'
    {%- elif location -%}
        {{ exceptions.raise_compiler_error("raw_location is a file path; the " ~ target.type ~ " adapter needs a table: set raw_location to '' and point the source raw.well_production at it") }}
    {%- else -%}
        {{ source_relation }}
    {%- endif -%}
{%- endmacro %}
