-- The wells an incremental refresh recomputes (docs/warehouse.md, "Incremental refresh"): in a snapshot built on its
-- parent (var incremental_refresh true), the wells the application listed in the source refresh.wells (the wells of
-- the raw batches the parent was not built from, and wells with future-dated rows) and whose rows it deleted from the
-- incremental models; the incremental models append these wells' rows again. A day well (new_from set: its new rows
-- all lie at or after the end of its reported span in the parent) keeps its staged rows, to which its new rows are
-- appended, and its monthly and yearly rows before month_from ("New rows only"). Empty in a full build, which builds
-- every model whole.

{%- if var('incremental_refresh', false) %}

select distinct well_code, new_from, month_from
from {{ source('refresh', 'wells') }}
where well_code is not null

{%- else %}

select cast(null as integer) as well_code, cast(null as date) as new_from, cast(null as date) as month_from
where false

{%- endif %}
