{#- dbt's should_full_refresh() and should_store_failures() (dbt docs: "full_refresh", "store_failures"): the
    node's config when it sets one, else the run's flag (--full-refresh, --store-failures). -#}
{% macro should_full_refresh() -%}
    {%- set configured = config.get('full_refresh') -%}
    {{ return(flags.FULL_REFRESH if configured is none else configured) }}
{%- endmacro %}

{% macro should_store_failures() -%}
    {%- set configured = config.get('store_failures') -%}
    {{ return(flags.STORE_FAILURES if configured is none else configured) }}
{%- endmacro %}
