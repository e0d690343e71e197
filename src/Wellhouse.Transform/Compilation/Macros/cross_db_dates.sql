{#- dbt's date macros (dbt docs: "Cross-database macros", date and time functions; "date_spine"), written for
    DuckDB. Each goes through adapter.dispatch, so a project's duckdb__/default__ macro of the same name is used
    instead. Dateparts: year, quarter, month, week, day, hour, minute, second, millisecond, microsecond. -#}
{% macro _wellhouse_interval(datepart, count) -%}
    {%- set part = datepart | lower | trim -%}
    {%- if part in ('year', 'years') -%} to_years(cast({{ count }} as integer))
    {%- elif part in ('quarter', 'quarters') -%} to_months(3 * cast({{ count }} as integer))
    {%- elif part in ('month', 'months') -%} to_months(cast({{ count }} as integer))
    {%- elif part in ('week', 'weeks') -%} to_days(7 * cast({{ count }} as integer))
    {%- elif part in ('day', 'days') -%} to_days(cast({{ count }} as integer))
    {%- elif part in ('hour', 'hours') -%} to_hours(cast({{ count }} as bigint))
    {%- elif part in ('minute', 'minutes') -%} to_minutes(cast({{ count }} as bigint))
    {%- elif part in ('second', 'seconds') -%} to_seconds(cast({{ count }} as bigint))
    {%- elif part in ('millisecond', 'milliseconds') -%} to_milliseconds(cast({{ count }} as bigint))
    {%- elif part in ('microsecond', 'microseconds') -%} to_microseconds(cast({{ count }} as bigint))
    {%- else -%} {{ exceptions.raise_compiler_error("unsupported datepart '" ~ datepart ~ "' (year, quarter, month, week, day, hour, minute, second, millisecond, microsecond)") }}
    {%- endif -%}
{%- endmacro %}

{#- dateadd: the date or timestamp plus interval dateparts (a date gives a timestamp, as in DuckDB). -#}
{% macro dateadd(datepart, interval, from_date_or_timestamp) %}{{ return(adapter.dispatch('dateadd', 'dbt')(datepart, interval, from_date_or_timestamp)) }}{% endmacro %}
{% macro duckdb__dateadd(datepart, interval, from_date_or_timestamp) -%}
    ({{ from_date_or_timestamp }} + {{ _wellhouse_interval(datepart, interval) }})
{%- endmacro %}

{#- datediff: the number of datepart boundaries from first_date to second_date; weeks start on Sunday. -#}
{% macro datediff(first_date, second_date, datepart) %}{{ return(adapter.dispatch('datediff', 'dbt')(first_date, second_date, datepart)) }}{% endmacro %}
{% macro duckdb__datediff(first_date, second_date, datepart) -%}
    {%- if datepart | lower | trim in ('week', 'weeks') -%}
        (date_diff('day', date_trunc('week', cast({{ first_date }} as date) + 1), date_trunc('week', cast({{ second_date }} as date) + 1)) // 7)
    {%- else -%}
        date_diff('{{ datepart | trim }}', cast({{ first_date }} as timestamp), cast({{ second_date }} as timestamp))
    {%- endif -%}
{%- endmacro %}

{% macro date_trunc(datepart, date) %}{{ return(adapter.dispatch('date_trunc', 'dbt')(datepart, date)) }}{% endmacro %}
{% macro default__date_trunc(datepart, date) %}date_trunc('{{ datepart }}', {{ date }}){% endmacro %}

{#- last_day: the last day (a date) of the datepart period holding the date. -#}
{% macro last_day(date, datepart) %}{{ return(adapter.dispatch('last_day', 'dbt')(date, datepart)) }}{% endmacro %}
{% macro default_last_day(date, datepart) -%}
    cast(date_trunc('{{ datepart }}', {{ date }}) + {{ _wellhouse_interval(datepart, 1) }} - to_days(1) as date)
{%- endmacro %}
{% macro default__last_day(date, datepart) %}{{ return(default_last_day(date, datepart)) }}{% endmacro %}

{% macro date(year, month, day) %}{{ return(adapter.dispatch('date', 'dbt')(year, month, day)) }}{% endmacro %}
{% macro default__date(year, month, day) %}make_date({{ year }}, {{ month }}, {{ day }}){% endmacro %}

{#- get_powers_of_two: the smallest p with 2^p >= upper_bound (at least 1). -#}
{% macro get_powers_of_two(upper_bound) %}{{ return(adapter.dispatch('get_powers_of_two', 'dbt')(upper_bound)) }}{% endmacro %}
{% macro default__get_powers_of_two(upper_bound) -%}
    {%- if upper_bound <= 0 -%}{{ exceptions.raise_compiler_error("upper bound must be positive") }}{%- endif -%}
    {%- set ns = namespace(p=1) -%}
    {%- for _ in range(64) if 2 ** ns.p < upper_bound -%}{%- set ns.p = ns.p + 1 -%}{%- endfor -%}
    {{ return(ns.p) }}
{%- endmacro %}

{#- generate_series: a select of generated_number = 1 .. upper_bound. -#}
{% macro generate_series(upper_bound) %}{{ return(adapter.dispatch('generate_series', 'dbt')(upper_bound)) }}{% endmacro %}
{% macro duckdb__generate_series(upper_bound) -%}
    select unnest(range(1, cast({{ upper_bound }} as bigint) + 1)) as generated_number
{%- endmacro %}

{#- get_intervals_between: datediff(start_date, end_date) evaluated by the database while compiling (1 while
    parsing, when nothing runs). -#}
{% macro get_intervals_between(start_date, end_date, datepart) %}{{ return(adapter.dispatch('get_intervals_between', 'dbt')(start_date, end_date, datepart)) }}{% endmacro %}
{% macro default__get_intervals_between(start_date, end_date, datepart) -%}
    {%- set result = run_query('select ' ~ datediff(start_date, end_date, datepart)) if execute else none -%}
    {%- if result is not none and result.rows | length > 0 and result.rows[0][0] is not none -%}
        {{ return(result.rows[0][0] | int) }}
    {%- else -%}
        {{ return(1) }}
    {%- endif -%}
{%- endmacro %}

{#- date_spine: one row per datepart from start_date (included) up to end_date (excluded): the start plus
    0 .. datediff(start_date, end_date) - 1 dateparts, in a column date_<datepart>. -#}
{% macro date_spine(datepart, start_date, end_date) %}{{ return(adapter.dispatch('date_spine', 'dbt')(datepart, start_date, end_date)) }}{% endmacro %}
{% macro default__date_spine(datepart, start_date, end_date) -%}
    select * from (
        select {{ dateadd(datepart, 'spine_step', start_date) }} as date_{{ datepart }}
        from (select unnest(range(0, cast({{ datediff(start_date, end_date, datepart) }} as bigint))) as spine_step) as spine_steps
    ) as spine
    where date_{{ datepart }} <= {{ end_date }}
{%- endmacro %}
