{#- Wellhouse's built-in not_null test (dbt docs: "not_null"): the rows where the column is null. -#}
{% test not_null(model, column_name) %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} is null
{% endtest %}
