{#- Fails for every combination of the columns that occurs more than once: the grain of a model with a compound key.
    combination: the list of column names (quote a reserved name, e.g. '"window"'). -#}
{% test unique_combination(model, combination) %}

select
    {{ combination | join(', ') }},
    count(*) as occurrences
from {{ model }}
group by {{ combination | join(', ') }}
having count(*) > 1

{% endtest %}
