{{ config(severity='warn') }}

-- docs/domain.md: cumulative production never decreases; a negative correction in the raw data makes it dip. A well's
-- cumulatives (int_production_cumsum: running sums of the period volumes and producing days, a missing volume counting
-- as zero) fall below the previous period's exactly in the periods whose volume or producing days are negative (in a
-- well's first period the cumulative starts below zero). So the test reports those periods, each well and period once,
-- from the stored rows: checking the running sums themselves evaluated two windows over every well's history
-- (2.5 s of a 1 M-row refresh, the largest test), and needed a tolerance for their order of addition. A volume is the
-- rate x the period's calendar days (at least 1), so it is negative exactly where the rate is: the filter reads the
-- stored rates, which the table's statistics skip where no rate is negative, not the volumes computed on every row
-- (0.71 s of the every-well day at 10 M rows; data_rule_negative_rate, on the rates, took 0.00 s).

with

production as (
    select * from {{ ref('stg_well_production') }}
),

final as (
    select
        well_code,
        production_period,
        oil_volume_kbbl,
        gas_volume_mmcf,
        water_volume_kbbl,
        days_on_production
    from production
    where oil_rate_kbd < 0
        or gas_rate_mmcfd < 0
        or water_rate_kbd < 0
        or days_on_production < 0
)

select * from final
