-- One row per well: the data's as-of date, the well's last producing month and its status then (docs/marts.md, "Well
-- status"). The as-of date of a data source is the day after the last period any of its wells reported (so a snapshot
-- of early 2013 is as of 2013-03-01, whatever the build's date); forecasts start at the first month from it. Status by
-- the whole months from the end of the last month with oil or gas to the as-of date: 0 producing, fewer than the var
-- abandoned_after_months shut_in, more abandoned (no forecast, no remaining reserves). A well that never produced
-- counts from its first period.
-- Rebuilt whole on every refresh (not incremental): the as-of date moves with every well's new periods, so the status
-- of a well without new rows changes too.

with

wells as (
    select * from {{ ref('int_wells') }}
),

monthly as (
    select * from {{ ref('mart_production_monthly') }}
),

as_of as (
    select
        data_source,
        max(reported_until) as data_as_of_date
    from wells
    group by data_source
),

last_production as (
    select
        well_code,
        max(case when oil_volume_kbbl > 0 or gas_volume_mmcf > 0 then month end) as last_production_month
    from monthly
    group by well_code
),

months as (
    select
        wells.well_code,
        wells.data_source,
        as_of.data_as_of_date,
        {{ month_start("as_of.data_as_of_date + interval '1 month' - interval '1 day'") }} as forecast_from_month,
        last_production.last_production_month,
        {{ months_between(
            "coalesce(cast(last_production.last_production_month + interval '1 month' as date), wells.first_period_start)",
            'as_of.data_as_of_date') }} as months_without_production
    from wells
    left join as_of
        on wells.data_source = as_of.data_source
    left join last_production
        on wells.well_code = last_production.well_code
),

final as (
    select
        *,
        case
            when last_production_month is not null and months_without_production <= 0 then 'producing'
            when months_without_production < {{ var('abandoned_after_months') }} then 'shut_in'
            else 'abandoned'
        end as well_status
    from months
)

select * from final
