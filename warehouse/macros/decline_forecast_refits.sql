{#- The second pre-hook of int_decline_forecast, run after decline_forecast_stale_rows: on the application's
    incremental refresh, writes the table int_decline_forecast_refits (one well_code per row), the wells whose rows this
    build of the model computes: the wells of int_well_status without a row left by the first pre-hook (the model
    forecasts those that are not abandoned; an abandoned well's rows are gone), or every well when the model is built
    whole. Every other well's rows are its parent snapshot's, as they were: the serving store copies them from the
    parent's store (docs/architecture.md, "Snapshots", step 4), and the test assert_forecast_percentiles_ordered, which
    the parent passed (it is of severity error), reads only these wells' rows (docs/warehouse.md, "New rows only").
    Which rows the first pre-hook keeps is its own rule: this reads what it left. Any other build leaves no such table. -#}
{% macro decline_forecast_refits() -%}
{%- set refits = this.incorporate(path={"identifier": this.identifier ~ "_refits"}) -%}
{%- if var('incremental_refresh', false) %}
create or replace table {{ refits }} as
select status.well_code
from {{ ref('int_well_status') }} as status
{%- if is_incremental() %}
where not exists (select 1 from {{ this }} as kept where kept.well_code = status.well_code)
{%- endif %}
{%- else %}
drop table if exists {{ refits }}
{%- endif %}
{%- endmacro %}
