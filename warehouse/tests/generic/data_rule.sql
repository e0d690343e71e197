{#- A data rule of the raw contract (docs/domain.md): returns the raw rows that break the rule named by `rule`, so the
    test's failure count is the number of such rows. By default the rows of the model whose reject_reason is the rule
    (the model stg_well_production_rejects keeps every rejected raw row with the first rule it breaks); for a rule
    whose rows are kept in the warehouse (negative rates are corrections), `breaking` is the SQL condition that
    selects them instead. Data problems warn, never fail: the build still publishes and the count is reported.
    Applied in models/staging/_staging__models.yml with `name: data_rule_<rule>` so the output names the rule. -#}
{% test data_rule(model, rule, breaking=none) %}

{{ config(severity='warn') }}

select
    '{{ rule }}' as rule,
    rule_rows.*
from {{ model }} as rule_rows
where {% if breaking %}({{ breaking }}){% else %}rule_rows.reject_reason = '{{ rule }}'{% endif %}

{% endtest %}
