"""The peer of the decline hindcast: a plain per-well Arps fit with SciPy, on the same wells, as-of dates and horizons
as `wellhouse decline hindcast --output ROWS.csv`, and the summary of both side by side.

Per well and as-of date: the monthly calendar-day oil rates before the as-of date (a month without a report is 0),
from the peak month on, zero months left out; scipy.optimize.curve_fit of the Arps hyperbolic in log space
(ln q = ln qi - ln(1 + b Di t)/b, b in [0, 2], Di in [1e-6, 10] per month, TRF), the forecast volume of each month =
the curve's rate at mid-month x the month's days. Fewer than 3 points from the peak on: the last producing month's
rate held flat.

usage: arps_baseline.py RAW.csv HINDCAST_ROWS.csv OUT_SUMMARY.md
"""
import calendar
import csv
import math
import sys
from collections import defaultdict

import numpy as np
from scipy.optimize import curve_fit


def month_index(text):
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def days(m):
    return calendar.monthrange(m // 12, m % 12 + 1)[1]


def log_arps(t, log_qi, di, b):
    if b < 1e-6:
        return log_qi - di * t
    return log_qi - np.log1p(b * di * t) / b


def fit_well(volumes, first, anchor):
    """Monthly calendar volumes -> per-month forecast volumes after the anchor (through 24+ months)."""
    months = list(range(first, anchor))
    rates = [volumes.get(m, 0.0) / days(m) for m in months]
    if not any(r > 0 for r in rates):
        return None
    peak = max(range(len(rates)), key=lambda i: rates[i])
    t = np.array([i - peak + 0.5 for i in range(peak, len(rates)) if rates[i] > 0])
    y = np.log(np.array([rates[i] for i in range(peak, len(rates)) if rates[i] > 0]))
    last = [r for r in rates if r > 0][-1]
    if len(t) < 3:
        return lambda m: last * days(m)
    try:
        p, _ = curve_fit(log_arps, t, y, p0=[y[0], 0.1, 0.5], bounds=([-50, 1e-6, 0], [50, 10, 2]), method="trf", maxfev=2000)
    except (RuntimeError, ValueError):
        return lambda m: last * days(m)
    origin = first + peak
    return lambda m: math.exp(log_arps(m - origin + 0.5, *p)) * days(m)


def quantile(values, q):
    v = sorted(values)
    h = (len(v) - 1) * q
    lo = math.floor(h)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (h - lo) * (v[hi] - v[lo])


def main(raw_path, rows_path, out_path):
    volumes = defaultdict(dict)
    with open(raw_path, newline="") as f:
        for r in csv.DictReader(f):
            m = month_index(r["production_period"])
            rate = float(r["oil_production_kbd"] or 0)
            period = days(m) if r["data_source"].endswith("monthly") else 1
            volumes[r["well_code"]][m] = volumes[r["well_code"]].get(m, 0.0) + rate * period
    rows = list(csv.DictReader(open(rows_path, newline="")))
    figures = defaultdict(list)
    fits = {}
    for r in rows:
        key = (r["as_of"], r["well_code"])
        h = int(r["horizon"])
        actual = float(r["actual"])
        figures[(r["model"], r["cohort"], h)].append((float(r["p50"]), actual, float(r["p90"]) <= actual <= float(r["p10"])))
        figures[(r["model"], "all", h)].append(figures[(r["model"], r["cohort"], h)][-1])
        if r["model"] != "population":
            continue
        if key not in fits:
            well = volumes[r["well_code"]]
            fits[key] = fit_well(well, min(well), month_index(r["as_of"]))
        forecast = fits[key]
        anchor = month_index(r["as_of"])
        p50 = sum(forecast(m) for m in range(anchor, anchor + h)) if forecast else 0.0
        figures[("scipy-arps", r["cohort"], h)].append((p50, actual, None))
        figures[("scipy-arps", "all", h)].append((p50, actual, None))
    lines = ["| model | cohort (months of history) | horizon | forecasts | median APE | median bias | P10-P90 coverage |",
             "|---|---|---|---|---|---|---|"]
    order = {"population": 0, "per-well-arps": 1, "scipy-arps": 2}
    cohort_order = lambda c: 10**6 if c == "all" else int(c.rstrip("+").split("-")[0].lstrip("<"))
    for (model, cohort, h), values in sorted(figures.items(), key=lambda kv: (kv[0][2], cohort_order(kv[0][1]), order.get(kv[0][0], 9))):
        ape = quantile([abs(p - a) / a for p, a, _ in values], 0.5)
        bias = quantile([(p - a) / a for p, a, _ in values], 0.5)
        covered = [c for _, _, c in values if c is not None]
        coverage = f"{100 * sum(covered) / len(covered):.1f} %" if covered else "-"
        lines.append(f"| {model} | {cohort} | {h} | {len(values)} | {100 * ape:.1f} % | {100 * bias:+.1f} % | {coverage} |")
    open(out_path, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main(*sys.argv[1:4])
