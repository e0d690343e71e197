{#- Date arithmetic that differs between SQL engines. Each macro is the project's dispatch point: the DuckDB form is
    used when target.type is duckdb, an ANSI/PostgreSQL form otherwise. Arguments are SQL expressions. -#}

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
    {%- if target.type == 'duckdb' -%}
        dayofmonth(last_day({{ date_expression }}))
    {%- else -%}
        extract(day from (date_trunc('month', {{ date_expression }}) + interval '1 month' - interval '1 day'))
    {%- endif -%}
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
    {%- if target.type == 'duckdb' -%}
        datediff('month', {{ from_date }}, {{ to_date }})
    {%- else -%}
        ((extract(year from {{ to_date }}) - extract(year from {{ from_date }})) * 12
            + extract(month from {{ to_date }}) - extract(month from {{ from_date }}))
    {%- endif -%}
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
    {%- if target.type in ['duckdb', 'spark', 'trino', 'databricks'] -%}
        double
    {%- else -%}
        double precision
    {%- endif -%}
{%- endmacro %}
