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
