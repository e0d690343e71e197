{#- The pre-hook of int_decline_forecast (docs/warehouse.md, "New rows only"): on the application's incremental
    refresh, deletes the rows that may differ from a full build's, for the model to compute again; nothing otherwise
    (the model is built whole). Its rows read int_decline_fits, int_population_forecast and int_well_status alone:
    - every row when a well's months before its data source's as-of month changed (a well recomputed whole, or a day
      well whose new rows reach before the as-of month): int_decline_fits fits it again and int_population_forecast
      computes every well again, every well being another's prior (the rule of PopulationRefresh.ChangedWells in
      Wellhouse.Warehouse);
    - else, the rows of the wells now abandoned (none are kept for them), and of the wells whose first month is not
      their data source's first forecast month (it moves from a month's first day to the next day, and the population
      forecast with it); the model then forecasts every well that is not abandoned and has no row. -#}
{% macro decline_forecast_stale_rows() -%}
{%- if is_incremental() %}
delete from {{ this }}
where exists (
        select 1
        from {{ ref('int_refresh_wells') }} as refresh
        left join {{ ref('int_well_status') }} as status
            on refresh.well_code = status.well_code
        where refresh.new_from is null
            or status.well_code is null
            or refresh.new_from < {{ month_start('status.data_as_of_date') }}
    )
    or well_code in (
        select well_code from {{ ref('int_well_status') }} where well_status = 'abandoned'
    )
    or well_code in (
        select kept.well_code
        from {{ this }} as kept
        inner join {{ ref('int_well_status') }} as status
            on kept.well_code = status.well_code
        group by kept.well_code, status.forecast_from_month
        having min(kept.month) <> status.forecast_from_month
    )
{%- endif %}
{%- endmacro %}
