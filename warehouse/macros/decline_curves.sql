{#- Decline-curve rates in SQL, the same equations and the same floating-point steps as Wellhouse.Decline's models
    (src/Wellhouse.Decline/Models; docs/domain.md cites the sources), so that the view int_declining_curves evaluates the
    fits of int_decline_fits as the C# library would. Arguments are SQL expressions; pass column names or simple
    expressions (each is repeated in the expansion). Time t is in days since t0, rates per producing day. -#}

{#- ln(1 + x), accurate for small x (Goldberg 1991, "What every computer scientist should know about floating-point
    arithmetic"): with u = 1 + x, ln(u) x / (u - 1); x when u rounds to 1. As NumericHelpers.Log1p. -#}
{% macro decline_log1p(x) -%}
    (case when 1 + ({{ x }}) = 1 then ({{ x }}) else ln(1 + ({{ x }})) * ({{ x }}) / ((1 + ({{ x }})) - 1) end)
{%- endmacro %}

{#- ln(1 + x) / x, continuous at x = 0 (value 1); as NumericHelpers.Log1pOverX. -#}
{% macro decline_log1p_over_x(x) -%}
    (case when abs({{ x }}) < 1e-8 then 1 - (({{ x }}) / 2) else {{ decline_log1p(x) }} / ({{ x }}) end)
{%- endmacro %}

{#- e^z - 1, accurate for small z (Kahan: (u - 1) z / ln u with u = e^z); as NumericHelpers.Expm1. -#}
{% macro decline_expm1(z) -%}
    (case
        when abs({{ z }}) > 0.5 then exp({{ z }}) - 1
        when exp({{ z }}) = 1 then ({{ z }})
        when exp({{ z }}) - 1 = -1 then -1
        else (exp({{ z }}) - 1) * ({{ z }}) / ln(exp({{ z }}))
    end)
{%- endmacro %}

{#- Arps (1945): q = qi (1 + b Di t)^(-1/b) computed as qi exp(-Di t log1p(b Di t) / (b Di t)), one formula for
    exponential (b = 0), hyperbolic and harmonic (b = 1); Di nominal per day. As ArpsModel.Rate. -#}
{% macro decline_arps_rate(qi, di_per_day, b, t_days) -%}
    (({{ qi }}) * exp(-(({{ di_per_day }}) * ({{ t_days }})) * {{ decline_log1p_over_x('(' ~ b ~ ') * ((' ~ di_per_day ~ ') * (' ~ t_days ~ '))') }}))
{%- endmacro %}

{#- The modified hyperbolic's switch time (Robertson 1988, SPE-18731): t_sw = (1/Dlim - 1/Di) / b; 0 when
    Di <= Dlim, infinite when b or Dlim is 0. As ModifiedHyperbolicModel.ComputeSwitchTime. -#}
{% macro decline_switch_days(di_per_day, b, dlim_per_day) -%}
    (case
        when ({{ di_per_day }}) <= ({{ dlim_per_day }}) then 0
        when ({{ dlim_per_day }}) <= 0 or ({{ b }}) <= 0 then 'infinity'::{{ float_type() }}
        else ((1 / ({{ dlim_per_day }})) - (1 / ({{ di_per_day }}))) / ({{ b }})
    end)
{%- endmacro %}

{#- Modified hyperbolic rate: Arps until t_sw, then exponential at the Arps decline of t_sw, Di / (1 + b Di t_sw),
    from the Arps rate of t_sw. As ModifiedHyperbolicModel.Rate. -#}
{% macro decline_modified_hyperbolic_rate(qi, di_per_day, b, dlim_per_day, t_days) -%}
    {%- set t_sw = decline_switch_days(di_per_day, b, dlim_per_day) -%}
    (case
        when ({{ t_days }}) <= {{ t_sw }} then {{ decline_arps_rate(qi, di_per_day, b, t_days) }}
        else {{ decline_arps_rate(qi, di_per_day, b, t_sw) }}
            * exp(-(({{ di_per_day }}) / (1 + (({{ b }}) * ({{ di_per_day }}) * {{ t_sw }}))) * (({{ t_days }}) - {{ t_sw }}))
    end)
{%- endmacro %}

{#- Duong (2011, SPE-137748) with Duong's time 1 + t: q = qi exp(-m ln(1 + t) + a/(1-m) expm1((1-m) ln(1 + t))),
    a per day. As DuongModel.Rate. -#}
{% macro decline_duong_rate(qi, a, m, t_days) -%}
    (({{ qi }}) * exp((-({{ m }}) * ln(1 + ({{ t_days }})))
        + (({{ a }}) / (1 - ({{ m }})) * {{ decline_expm1('(1 - (' ~ m ~ ')) * ln(1 + (' ~ t_days ~ '))') }})))
{%- endmacro %}

{#- Stretched exponential (Valko 2009, SPE-119369): q = qi exp(-(t/tau)^n), qi for t <= 0. As
    StretchedExponentialModel.Rate. -#}
{% macro decline_stretched_exponential_rate(qi, tau_days, n, t_days) -%}
    (case when ({{ t_days }}) <= 0 then ({{ qi }}) else ({{ qi }}) * exp(-pow(({{ t_days }}) / ({{ tau_days }}), {{ n }})) end)
{%- endmacro %}

{#- The rate of a fit of int_decline_fits at t days after its t0, by model name (NULL for an unknown model or a NULL
    t), with the curve's parameters in the units of Wellhouse.Decline's models: Di and Dlim nominal per day (the
    columns di_per_day and dlim_per_day), Duong's a per day and m, the stretched exponential's tau in days and n. -#}
{% macro decline_rate(model, qi, di_per_day, b, dlim_per_day, duong_a_per_day, duong_m, tau_days, stretch_n, t_days) -%}
    (case {{ model }}
        when 'exponential' then {{ decline_arps_rate(qi, di_per_day, b, t_days) }}
        when 'hyperbolic' then {{ decline_arps_rate(qi, di_per_day, b, t_days) }}
        when 'harmonic' then {{ decline_arps_rate(qi, di_per_day, b, t_days) }}
        when 'modified_hyperbolic' then {{ decline_modified_hyperbolic_rate(qi, di_per_day, b, dlim_per_day, t_days) }}
        when 'duong' then {{ decline_duong_rate(qi, duong_a_per_day, duong_m, t_days) }}
        when 'stretched_exponential' then {{ decline_stretched_exponential_rate(qi, tau_days, stretch_n, t_days) }}
    end)
{%- endmacro %}
