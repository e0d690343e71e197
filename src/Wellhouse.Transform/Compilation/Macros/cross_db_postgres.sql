{#- dbt's cross-database macros in PostgreSQL's SQL (dbt docs: "Cross-database macros"), where the default__ ones
    are DuckDB's own SQL. Dispatch finds these on a postgres target (postgres__ before default__); a project's
    postgres__/default__ macro of the same name is still used first. Written from dbt's documented behaviour. -#}

{#- split_part: PostgreSQL's own (a negative part counts from the end; a part beyond the last is ''). -#}
{% macro postgres__split_part(string_text, delimiter_text, part_number) %}split_part({{ string_text }}, {{ delimiter_text }}, {{ part_number }}){% endmacro %}

{#- any_value: PostgreSQL 15 has none; any value of the group is its minimum. -#}
{% macro postgres__any_value(expression) %}min({{ expression }}){% endmacro %}

{% macro postgres__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if limit_num -%}
        array_to_string((array_agg({{ measure }}{% if order_by_clause %} {{ order_by_clause }}{% endif %}))[1:{{ limit_num }}], {{ delimiter_text }})
    {%- else -%}
        string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %})
    {%- endif -%}
{%- endmacro %}

{% macro postgres__array_construct(inputs, data_type) -%}
    {%- if inputs | length > 0 -%}array[{{ inputs | join(', ') }}]{%- else -%}cast(array[] as {{ data_type }}[]){%- endif -%}
{%- endmacro %}

{% macro postgres__array_append(array, new_element) %}array_append({{ array }}, {{ new_element }}){% endmacro %}

{% macro postgres__array_concat(array_1, array_2) %}array_cat({{ array_1 }}, {{ array_2 }}){% endmacro %}

{#- An interval of count dateparts (count may be a column or an expression). -#}
{% macro _wellhouse_pg_interval(datepart, count) -%}
    {%- set part = datepart | lower | trim -%}
    {%- if part in ('year', 'years') -%} make_interval(years => cast({{ count }} as integer))
    {%- elif part in ('quarter', 'quarters') -%} make_interval(months => 3 * cast({{ count }} as integer))
    {%- elif part in ('month', 'months') -%} make_interval(months => cast({{ count }} as integer))
    {%- elif part in ('week', 'weeks') -%} make_interval(weeks => cast({{ count }} as integer))
    {%- elif part in ('day', 'days') -%} make_interval(days => cast({{ count }} as integer))
    {%- elif part in ('hour', 'hours') -%} make_interval(hours => cast({{ count }} as integer))
    {%- elif part in ('minute', 'minutes') -%} make_interval(mins => cast({{ count }} as integer))
    {%- elif part in ('second', 'seconds') -%} make_interval(secs => cast({{ count }} as double precision))
    {%- elif part in ('millisecond', 'milliseconds') -%} make_interval(secs => cast({{ count }} as double precision) / 1000)
    {%- elif part in ('microsecond', 'microseconds') -%} make_interval(secs => cast({{ count }} as double precision) / 1000000)
    {%- else -%} {{ exceptions.raise_compiler_error("unsupported datepart '" ~ datepart ~ "' (year, quarter, month, week, day, hour, minute, second, millisecond, microsecond)") }}
    {%- endif -%}
{%- endmacro %}

{#- dateadd: a date plus an interval is a timestamp, as on DuckDB. -#}
{% macro postgres__dateadd(datepart, interval, from_date_or_timestamp) -%}
    ({{ from_date_or_timestamp }} + {{ _wellhouse_pg_interval(datepart, interval) }})
{%- endmacro %}

{#- datediff: datepart boundaries crossed from first_date to second_date (weeks start on Sunday), a bigint. -#}
{% macro postgres__datediff(first_date, second_date, datepart) -%}
    {%- set part = datepart | lower | trim -%}
    {%- set part = part[:-1] if part.endswith('s') else part -%}
    {%- set a = 'cast(' ~ first_date ~ ' as timestamp)' -%}
    {%- set b = 'cast(' ~ second_date ~ ' as timestamp)' -%}
    {%- if part == 'year' -%}
        cast(extract(year from {{ b }}) - extract(year from {{ a }}) as bigint)
    {%- elif part == 'quarter' -%}
        cast(4 * (extract(year from {{ b }}) - extract(year from {{ a }})) + extract(quarter from {{ b }}) - extract(quarter from {{ a }}) as bigint)
    {%- elif part == 'month' -%}
        cast(12 * (extract(year from {{ b }}) - extract(year from {{ a }})) + extract(month from {{ b }}) - extract(month from {{ a }}) as bigint)
    {%- elif part == 'week' -%}
        cast(((cast({{ b }} as date) - cast(extract(dow from {{ b }}) as integer)) - (cast({{ a }} as date) - cast(extract(dow from {{ a }}) as integer))) / 7 as bigint)
    {%- elif part == 'day' -%}
        cast(cast({{ b }} as date) - cast({{ a }} as date) as bigint)
    {%- elif part in ('hour', 'minute', 'second') -%}
        cast((extract(epoch from date_trunc('{{ part }}', {{ b }})) - extract(epoch from date_trunc('{{ part }}', {{ a }}))) / {{ {'hour': 3600, 'minute': 60, 'second': 1}[part] }} as bigint)
    {%- elif part in ('millisecond', 'microsecond') -%}
        cast(round((extract(epoch from date_trunc('{{ part }}s', {{ b }})) - extract(epoch from date_trunc('{{ part }}s', {{ a }}))) * {{ {'millisecond': 1000, 'microsecond': 1000000}[part] }}) as bigint)
    {%- else -%}
        {{ exceptions.raise_compiler_error("unsupported datepart '" ~ datepart ~ "' (year, quarter, month, week, day, hour, minute, second, millisecond, microsecond)") }}
    {%- endif -%}
{%- endmacro %}

{% macro postgres__last_day(date, datepart) -%}
    cast(date_trunc('{{ datepart }}', {{ date }}) + {{ _wellhouse_pg_interval(datepart, 1) }} - interval '1 day' as date)
{%- endmacro %}

{% macro postgres__date(year, month, day) %}make_date({{ year }}, {{ month }}, {{ day }}){% endmacro %}

{% macro postgres__generate_series(upper_bound) -%}
    select generated_number from generate_series(1, cast({{ upper_bound }} as bigint)) as gs(generated_number)
{%- endmacro %}

{% macro postgres__date_spine(datepart, start_date, end_date) -%}
    select * from (
        select {{ dateadd(datepart, 'spine_step', start_date) }} as date_{{ datepart }}
        from generate_series(0, cast({{ datediff(start_date, end_date, datepart) }} as bigint) - 1) as spine_steps(spine_step)
    ) as spine
    where date_{{ datepart }} <= {{ end_date }}
{%- endmacro %}

{#- safe_cast: PostgreSQL has no cast that returns null on failure; a plain cast, as dbt's default. -#}
{% macro postgres__safe_cast(field, type) %}cast({{ field }} as {{ type }}){% endmacro %}
