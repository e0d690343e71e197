{#- Fails for every row where the column is below zero (NULL passes). Volumes and rates are never negative except as
    corrections, which the project reports with severity warn. -#}
{% test not_negative(model, column_name) %}

select {{ column_name }}
from {{ model }}
where {{ column_name }} < 0

{% endtest %}
