{#- SQL that differs between engines. A macro with engine forms is an adapter.dispatch point: duckdb__<name> on DuckDB,
    postgres__<name> or default__<name> (ANSI SQL, PostgreSQL 15) on others; a project or package may add its own
    <adapter>__<name>. Arguments are SQL expressions. -#}

{#- First day of the month; date_trunc has this form in DuckDB, PostgreSQL, Trino and Spark SQL. -#}
{% macro month_start(date_expression) -%}
    cast(date_trunc('month', {{ date_expression }}) as date)
{%- endmacro %}

{#- First day of the year; date_trunc has this form in DuckDB, PostgreSQL, Trino and Spark SQL. -#}
{% macro year_start(date_expression) -%}
    cast(date_trunc('year', {{ date_expression }}) as date)
{%- endmacro %}

{#- Calendar days of the month that contains the date (28-31). -#}
{% macro days_in_month(date_expression) -%}
    {{ return(adapter.dispatch('days_in_month')(date_expression)) }}
{%- endmacro %}

{% macro duckdb__days_in_month(date_expression) -%}
    dayofmonth(last_day({{ date_expression }}))
{%- endmacro %}

{% macro default__days_in_month(date_expression) -%}
    cast(extract(day from (date_trunc('month', {{ date_expression }}) + interval '1 month' - interval '1 day')) as integer)
{%- endmacro %}

{#- Calendar days of a year given as an integer expression (Gregorian leap-year rule). -#}
{% macro days_in_year(year_expression) -%}
    case
        when ({{ year_expression }}) % 4 = 0 and (({{ year_expression }}) % 100 <> 0 or ({{ year_expression }}) % 400 = 0) then 366
        else 365
    end
{%- endmacro %}

{#- Calendar days of a reporting period: 1 for a day, the days of the month for a month (docs/domain.md). -#}
{% macro period_days(period_type_expression, period_expression) -%}
    case when {{ period_type_expression }} = 'month' then {{ days_in_month(period_expression) }} else 1 end
{%- endmacro %}

{#- Days of the period [period_start, period_end) that lie in [covered_from, covered_until): how many of the period's
    days the data cover (0 when none). Dates subtract to whole days in DuckDB, PostgreSQL and Trino. -#}
{% macro covered_days(period_start, period_end, covered_from, covered_until) -%}
    greatest(0, least({{ period_end }}, {{ covered_until }}) - greatest({{ period_start }}, {{ covered_from }}))
{%- endmacro %}

{#- Month boundaries crossed from one date to a later one (2013-01-31 to 2013-02-01 is 1). -#}
{% macro months_between(from_date, to_date) -%}
    {{ return(adapter.dispatch('months_between')(from_date, to_date)) }}
{%- endmacro %}

{% macro duckdb__months_between(from_date, to_date) -%}
    datediff('month', {{ from_date }}, {{ to_date }})
{%- endmacro %}

{% macro default__months_between(from_date, to_date) -%}
    cast((extract(year from {{ to_date }}) - extract(year from {{ from_date }})) * 12
        + extract(month from {{ to_date }}) - extract(month from {{ from_date }}) as integer)
{%- endmacro %}

{#- The day after which a period counts as a future date: the var as_of_date, else the build's current date. -#}
{% macro as_of_date() -%}
    {%- if var('as_of_date', none) -%}
        cast('{{ var("as_of_date") }}' as date)
    {%- else -%}
        current_date
    {%- endif -%}
{%- endmacro %}

{#- The 8-byte floating-point type: DOUBLE in DuckDB, Spark and Trino; DOUBLE PRECISION in PostgreSQL and ANSI SQL. -#}
{% macro float_type() -%}
    {{ return(adapter.dispatch('float_type')()) }}
{%- endmacro %}

{% macro duckdb__float_type() -%}
    double
{%- endmacro %}

{% macro default__float_type() -%}
    double precision
{%- endmacro %}

{#- Whether a double is a number (not NaN, not +-infinity); NULL for NULL. PostgreSQL's isfinite takes only dates and
    timestamps, and its NaN equals NaN. -#}
{% macro is_finite(expression) -%}
    {{ return(adapter.dispatch('is_finite')(expression)) }}
{%- endmacro %}

{% macro duckdb__is_finite(expression) -%}
    isfinite({{ expression }})
{%- endmacro %}

{% macro default__is_finite(expression) -%}
    ({{ expression }} not in ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8))
{%- endmacro %}

{#- Whether a double is NaN; NULL for NULL. -#}
{% macro is_nan(expression) -%}
    {{ return(adapter.dispatch('is_nan')(expression)) }}
{%- endmacro %}

{% macro duckdb__is_nan(expression) -%}
    isnan({{ expression }})
{%- endmacro %}

{% macro default__is_nan(expression) -%}
    ({{ expression }} = 'NaN'::float8)
{%- endmacro %}

{#- The columns of `alias` (an alias of `relation` in the query) but those in the list `except`: DuckDB's
    `select * exclude`; elsewhere the relation's columns at run time, in order (it must exist: it is a ref built
    earlier in the DAG). -#}
{% macro star_except(relation, alias, except) -%}
    {{ return(adapter.dispatch('star_except')(relation, alias, except)) }}
{%- endmacro %}

{% macro duckdb__star_except(relation, alias, except) -%}
    {{ alias }}.* exclude ({{ except | join(', ') }})
{%- endmacro %}

{% macro default__star_except(relation, alias, except) -%}
    {%- if not execute -%}
        {{ return(alias ~ '.*') }}
    {%- endif -%}
    {%- set names = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- if column.name not in except -%}
            {%- do names.append(alias ~ '.' ~ adapter.quote(column.name)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not names -%}
        {{ exceptions.raise_compiler_error("star_except: " ~ relation ~ " has no columns but " ~ except | join(', ') ~ " (does it exist?)") }}
    {%- endif -%}
    {{ names | join(', ') }}
{%- endmacro %}

{#- Per group, the values of `columns` on the row that is greatest by `order_by` (a list compared in order, NULL above
    any value, as DuckDB compares structs), read back with latest_value(alias, column). DuckDB: one arg_max of a struct
    of the columns by a struct of the keys; elsewhere one ordered array_agg per column (NULLs first in descending order
    is PostgreSQL's default). -#}
{% macro latest_values(columns, order_by, alias) -%}
    {{ return(adapter.dispatch('latest_values')(columns, order_by, alias)) }}
{%- endmacro %}

{% macro duckdb__latest_values(columns, order_by, alias) -%}
    arg_max(
            {
            {%- for column in columns %}
                '{{ column }}': {{ column }}{{ ',' if not loop.last }}
            {%- endfor %}
            },
            {
            {%- for key in order_by %}
                '{{ key }}': {{ key }}{{ ',' if not loop.last }}
            {%- endfor %}
            }
        ) as {{ alias }}
{%- endmacro %}

{% macro default__latest_values(columns, order_by, alias) -%}
    {%- for column in columns %}
        (array_agg({{ column }} order by {% for key in order_by %}{{ key }} desc{{ ', ' if not loop.last }}{% endfor %}))[1] as {{ alias }}__{{ column }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{#- A column of latest_values' result. -#}
{% macro latest_value(alias, column) -%}
    {{ return(adapter.dispatch('latest_value')(alias, column)) }}
{%- endmacro %}

{% macro duckdb__latest_value(alias, column) -%}
    {{ alias }}.{{ column }}
{%- endmacro %}

{% macro default__latest_value(alias, column) -%}
    {{ alias }}__{{ column }}
{%- endmacro %}
