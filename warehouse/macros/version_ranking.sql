{#- The rule that compares rows (superseded_duplicate): rank the versions of each well and period (the latest
    updated_at wins, then created_at, then source_data) over the typed rows of `typed` (a relation or a CTE name),
    and give each row its reject_reason (the row's own rule first). stg_well_production_checked applies it to every
    raw row; an incremental stg_well_production_accepted or stg_well_production_rejects applies it to the refreshed
    wells' rows only, so a refresh of a few wells does not sort every well's history (docs/warehouse.md,
    "Incremental refresh"). -#}
{% macro version_ranked(typed) -%}
    select
        ranked.*,
        coalesce(
            row_reject_reason,
            case when version_rank > 1 then 'superseded_duplicate' end
        ) as reject_reason
    from (
        select
            {{ typed }}.*,
            row_number() over (
                partition by well_code, production_period
                order by updated_at desc, created_at desc, source_data desc
            ) as version_rank
        from {{ typed }}
    ) as ranked
{%- endmacro %}

{#- The same rows and reject reasons as version_ranked(typed), with the window only over the well-periods reported
    more than once (found by a hash aggregate of the keys): a well-period with one row has version 1, so its reason is
    its own rule. A full build of stg_well_production_accepted and stg_well_production_rejects uses it: ranking every
    raw row sorted all of them by well and period with their columns, once for each of the two tables (at 100 M
    rows 133 s and 74 s of the build; docs/warehouse.md, "Scale"), where a raw store rarely holds two versions. Rows
    without a well or a period are never counted as repeated: their own rule (null_well_code, null_production_period)
    is their reason whatever their rank. `typed` should be a relation (a CTE read three times may be materialized). -#}
{% macro version_checked(typed) -%}
    with repeated as (
        select well_code, production_period
        from {{ typed }}
        where well_code is not null and production_period is not null
        group by well_code, production_period
        having count(*) > 1
    ),

    single as (
        select
            once.*,
            cast(1 as bigint) as version_rank,
            once.row_reject_reason as reject_reason
        from {{ typed }} as once
        left join repeated
            on once.well_code = repeated.well_code
            and once.production_period = repeated.production_period
        where repeated.well_code is null
    ),

    versions as (
        select typed_versions.*
        from {{ typed }} as typed_versions
        inner join repeated
            on typed_versions.well_code = repeated.well_code
            and typed_versions.production_period = repeated.production_period
    ),

    ranked as (
        {{ version_ranked('versions') }}
    )

    select * from single
    union all
    select * from ranked
{%- endmacro %}
