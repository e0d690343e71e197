{#- Hooks that run outside the node's transaction: before_begin() for a pre-hook that must run first,
    after_commit() for a post-hook that must run last (the engine's hook order, docs/engine-execution.md). -#}
{% macro before_begin(sql) -%}
  {{ return({'sql': sql, 'transaction': false}) }}
{%- endmacro %}

{% macro in_transaction(sql) -%}
  {{ return({'sql': sql, 'transaction': true}) }}
{%- endmacro %}

{% macro after_commit(sql) -%}
  {{ return({'sql': sql, 'transaction': false}) }}
{%- endmacro %}
