{#- The relation a generic test reads (dbt docs: "where"): the relation itself, or with the test's `where` config
    a subquery filtering it. Returned (not printed), so a test's `model` argument is a relation as in dbt. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where') -%}
    {%- if where -%}
        {%- set filtered -%}(select * from {{ relation }} where {{ where }}) dbt_subquery{%- endset -%}
        {{ return(filtered) }}
    {%- else -%}
        {{ return(relation) }}
    {%- endif -%}
{%- endmacro %}
