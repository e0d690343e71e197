#!/usr/bin/python3
"""SciPy reference for the decline benchmark: fits the same prepared points with scipy.optimize.curve_fit.

Input CSV (from the C# benchmark): well,t,y,w,lnqi0,d0,b0 with y = ln(producing-day rate), w = uptime weight and the
initial guess repeated on every row. Model: Arps hyperbolic in log space, ln q = ln qi - ln(1 + b D t) / b
(Arps 1945), bounds D in [1e-9, 10] per day, b in [bmin, bmax] (curve_fit then uses the trust-region reflective
method), sigma = 1/sqrt(w). Output CSV: well,lnqi,d,b,ok. Prints the CPU seconds of the fits (time.process_time,
best of three runs; file reading excluded), so that a loaded shared machine disturbs the figure as little as possible.
"""
import sys
import time

import numpy as np
from scipy.optimize import curve_fit


def hyperbolic(t, lnqi, d, b):
    x = b * d * t
    return lnqi - np.log1p(x) / np.maximum(b, 1e-12)


def main():
    source, target, bmin, bmax = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    data = np.loadtxt(source, delimiter=",", skiprows=1)
    wells = np.unique(data[:, 0]).astype(int)
    starts = np.searchsorted(data[:, 0], wells, side="left")
    ends = np.searchsorted(data[:, 0], wells, side="right")
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        results = fit_all(data, wells, starts, ends, bmin, bmax)
        best = min(best, time.process_time() - began)
    with open(target, "w", encoding="utf-8") as out:
        out.write("well,lnqi,d,b,ok\n")
        for r in results:
            out.write(f"{r[0]},{r[1]!r},{r[2]!r},{r[3]!r},{r[4]}\n")
    print(f"{best:.6f}")


def fit_all(data, wells, starts, ends, bmin, bmax):
    results = []
    for well, lo, hi in zip(wells, starts, ends):
        rows = data[lo:hi]
        t, y, w = rows[:, 1], rows[:, 2], rows[:, 3]
        p0 = [rows[0, 4], rows[0, 5], min(max(rows[0, 6], bmin + 1e-6), bmax - 1e-6)]
        try:
            p, _ = curve_fit(hyperbolic, t, y, p0=p0, sigma=1 / np.sqrt(w),
                             bounds=([-np.inf, 1e-9, bmin], [np.inf, 10.0, bmax]), maxfev=2000)
            results.append((well, p[0], p[1], p[2], 1))
        except (RuntimeError, ValueError):
            results.append((well, float("nan"), float("nan"), float("nan"), 0))
    return results


if __name__ == "__main__":
    main()
