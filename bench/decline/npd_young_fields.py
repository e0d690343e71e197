"""NPD fields of 6-12 months: forecasts learned only from the fields' history before each as-of date, against holding
the current level flat, on the 73 forecasts of `wellhouse decline hindcast` (bench/decline/results-npd.md, cohort 6-12,
24 months). A replica in Python of the population method's state at a date (AnchorState: level = geometric mean of the
last 3 producing months' producing-day rates, uptime of the last 12 months, the months since the highest rate), of its
as-of dates (every 6 months from 1978-06 while 24 months follow) and of its past anchors (quarter starts whose 24
months of outcome lie before the as-of date). Prints the median APE of the 24-month volume per method (docs/decline.md,
"NPD/Sodir fields": what was tried for these fields and why it was not adopted).

usage: npd_young_fields.py FIELD_PRODUCTION_MONTHLY.csv
"""
import calendar
import csv
import functools
import itertools
import math
import statistics
import sys
from collections import defaultdict

import numpy as np

HORIZON = 24


def month_index(year, month):
    return year * 12 + month - 1


def days(m):
    return calendar.monthrange(m // 12, m % 12 + 1)[1]


def load(path):
    volumes = defaultdict(dict)
    for r in csv.DictReader(open(path, encoding="utf-8-sig")):
        m = month_index(int(r["prfYear"]), int(r["prfMonth"]))
        field = volumes[r["prfInformationCarrier"]]
        field[m] = field.get(m, 0.0) + float(r["prfPrdOilNetMillSm3"]) * 6289.811  # kbbl
    return {k: (min(v), max(v), {m: max(x, 0.0) for m, x in v.items()}) for k, v in volumes.items()}


def volume(field, m):
    return field[2].get(m, 0.0)


def state(field, anchor):
    """The field's state at an anchor from the months before it, or None (no production, or abandoned: 12 silent months)."""
    producing = [m for m in range(field[0], min(anchor, field[1] + 1)) if volume(field, m) > 0]
    if not producing or anchor - 1 - producing[-1] >= 12:
        return None
    rates = [volume(field, m) / days(m) for m in producing]
    level = math.exp(sum(math.log(r) for r in rates[-3:]) / len(rates[-3:]))
    start = max(producing[0], anchor - 12)
    uptime = sum(days(m) for m in range(start, anchor) if volume(field, m) > 0) / sum(days(m) for m in range(start, anchor))
    peak = max(range(len(rates)), key=lambda i: (rates[i], i))
    return dict(age=anchor - producing[0], level=level, uptime=max(uptime, 0.05), rates=rates,
                features=dict(peak_level=math.log(rates[peak] / level), since_peak=len(rates) - 1 - peak,
                              last_level=math.log(rates[-1] / level), log_level=math.log(level)))


def sample(name, field, anchor):
    s = state(field, anchor)
    if s is None or s["age"] < 1:
        return None
    flat = s["level"] * s["uptime"] * sum(days(anchor + h) for h in range(HORIZON))
    actual = sum(volume(field, anchor + h) for h in range(HORIZON))
    return dict(name=name, anchor=anchor, state=s, flat=flat, actual=actual, y=math.log(max(actual, 0.01 * flat) / flat))


def median_regression(x, y, iterations=50):
    weights = np.ones(len(y))
    beta = np.zeros(x.shape[1])
    for _ in range(iterations):
        w = np.sqrt(weights)[:, None]
        beta = np.linalg.lstsq(x * w, y * w[:, 0], rcond=None)[0]
        weights = 1 / np.maximum(np.abs(y - x @ beta), 1e-3)
    return beta


def main(path):
    fields = load(path)
    end = max(f[1] for f in fields.values())
    dates = list(range(month_index(1978, 6), end - HORIZON + 2, 6))
    tests = [t for t in (sample(k, f, a) for a in dates for k, f in fields.items() if f[0] < a)
             if t and 6 <= t["state"]["age"] <= 12 and t["actual"] > 0]
    anchors = [t for t in (sample(k, f, a) for k, f in fields.items() for a in range(-(-(f[0] + 1) // 3) * 3, end + 1, 3)) if t]

    def past(t, low=6, high=12):
        """Anchors of fields aged low..high months whose 24 months of outcome lie before the test's as-of date."""
        return [b for b in anchors if b["anchor"] + HORIZON <= t["anchor"] and low <= b["state"]["age"] <= high]

    def ape(predict):
        return 100 * statistics.median(abs(t["flat"] * math.exp(predict(t)) / t["actual"] - 1) for t in tests)

    def type_curve(t):
        ys = [b["y"] for b in past(t)]
        return statistics.median(ys) if len(ys) >= 30 else 0.0

    def regression(names, low, high):
        def predict(t):
            train = past(t, low, high)
            if len(train) < 30:
                return 0.0
            x = np.array([[1.0] + [b["state"]["features"][n] for n in names] for b in train])
            beta = median_regression(x, np.array([b["y"] for b in train]))
            return float(np.array([1.0] + [t["state"]["features"][n] for n in names]) @ beta)
        return predict

    def neighbours(names, k, low, high):
        def predict(t):
            train = past(t, low, high)
            if len(train) < k:
                return 0.0
            x = np.array([[b["state"]["features"][n] for n in names] for b in train])
            q = np.array([t["state"]["features"][n] for n in names])
            distance = (((x - q) / (x.std(0) + 1e-9)) ** 2).sum(1)
            return float(np.median([train[i]["y"] for i in np.argsort(distance)[:k]]))
        return predict

    @functools.lru_cache(maxsize=None)
    def plateau(name, before, fraction):
        """(start, end or None while on plateau, peak) of a field's plateau on its 3-month running median rate before
        a date: from the first month at fraction x the peak so far until 3 months in a row below it."""
        f = fields[name]
        rates = [volume(f, m) / days(m) for m in range(f[0], min(before, f[1] + 1))]
        smooth = [statistics.median(rates[max(0, i - 1):i + 2]) for i in range(len(rates))]
        if not smooth or max(smooth) <= 0:
            return None
        peak = max(smooth)
        start = next(i for i, r in enumerate(smooth) if r >= fraction * peak)
        stop = next((i for i in range(start, len(smooth) - 2) if all(r < fraction * peak for r in smooth[i:i + 3])), None)
        return start, stop, peak, smooth

    def plateau_model(fraction, by_size):
        """Remaining plateau = the Kaplan-Meier median of the past fields' plateau lengths beyond the months the field has
        been on plateau (fields still on plateau censored; the by_size past fields nearest in peak rate, or all), then
        the past fields' median exponential decline over the 24 months after their plateau."""
        def predict(t):
            lengths, declines = [], []
            for name, f in fields.items():
                if name == t["name"] or f[0] >= t["anchor"] - HORIZON or not (p := plateau(name, t["anchor"], fraction)):
                    continue
                start, stop, peak, smooth = p
                lengths.append((len(smooth) - start if stop is None else stop - start, stop is None, math.log(peak)))
                after = [(i, math.log(smooth[i])) for i in range(stop, min(stop + 24, len(smooth))) if smooth[i] > 0] if stop else []
                if len(after) >= 6:
                    declines.append(-np.polyfit([i for i, _ in after], [v for _, v in after], 1)[0])
            if len(lengths) < 5 or len(declines) < 3:
                return 0.0
            start, stop, peak, smooth = plateau(t["name"], t["anchor"], fraction)
            if by_size:
                lengths = sorted(lengths, key=lambda x: abs(x[2] - math.log(peak)))[:by_size]
            remaining = 0
            if stop is None and t["state"]["level"] >= fraction * peak:
                elapsed = len(smooth) - start
                at_risk = sorted((length, censored) for length, censored, _ in lengths if length >= elapsed)
                survival, remaining = 1.0, 10 ** 6
                for j, (length, censored) in enumerate(at_risk):
                    if not censored:
                        survival *= 1 - 1 / (len(at_risk) - j)
                        if survival <= 0.5:
                            remaining = length - elapsed
                            break
            decline = float(np.median(declines))
            a = t["anchor"]
            forecast = sum((1 if h < remaining else math.exp(-decline * (h - remaining + 0.5))) * days(a + h) for h in range(HORIZON))
            return math.log(forecast / sum(days(a + h) for h in range(HORIZON)))
        return predict

    print(f"{len(tests)} forecasts of fields aged 6-12 months at 24 months, as-of dates 1978-06..{(dates[-1]) // 12}-{dates[-1] % 12 + 1:02d}")
    print("| method (learned from the fields' history before each as-of date) | median APE |")
    print("|---|---|")
    last_month = {id(t): math.log(t["state"]["rates"][-1] / (t["state"]["level"] * t["state"]["uptime"])) for t in tests}
    print(f"| the level (3 months' geometric mean) x uptime held flat | {ape(lambda t: 0.0):.1f} % |")
    print(f"| the last month held flat (what SciPy's fit does on fields at their peak) | {ape(lambda t: last_month[id(t)]):.1f} % |")
    print(f"| type curve: the median outcome of past 6-12-month anchors (the population method before calibration) | {ape(type_curve):.1f} % |")
    for fraction, by_size in [(0.7, None), (0.8, None), (0.9, None), (0.8, 10), (0.8, 20)]:
        size = f", plateau lengths of the {by_size} past fields nearest in peak rate" if by_size else ""
        print(f"| plateau model: plateau = {fraction:.0%} of the peak so far{size} | {ape(plateau_model(fraction, by_size)):.1f} % |")
    for names, low, high in [(["peak_level"], 6, 12), (["peak_level", "since_peak"], 6, 12),
                             (["peak_level", "since_peak", "last_level"], 6, 12), (["peak_level", "log_level"], 6, 12),
                             (["peak_level"], 3, 18), (["peak_level", "since_peak", "last_level"], 3, 18)]:
        print(f"| median regression on {', '.join(names)}, past anchors aged {low}-{high} | {ape(regression(names, low, high)):.1f} % |")
    for names, k, low, high in [(["peak_level", "since_peak"], 15, 1, 36), (["peak_level", "since_peak"], 15, 6, 12),
                                (["peak_level", "log_level", "last_level"], 15, 6, 12)]:
        print(f"| median of the {k} nearest past anchors aged {low}-{high} in {', '.join(names)} | {ape(neighbours(names, k, low, high)):.1f} % |")
    # Upper bound, with look-ahead: the median regression fitted on these forecasts' own outcomes.
    best = min(
        (100 * float(np.median(np.abs(np.exp(y - x @ median_regression(x, y)) - 1))), names)
        for r in (1, 2, 3) for names in itertools.combinations(["peak_level", "since_peak", "last_level", "log_level"], r)
        for x, y in [(np.array([[1.0] + [t["state"]["features"][n] for n in names] for t in tests]), np.array([t["y"] for t in tests]))])
    print(f"| (look-ahead, not a forecast) median regression fitted on these outcomes, best of the feature sets: {', '.join(best[1])} | {best[0]:.1f} % |")


if __name__ == "__main__":
    main(sys.argv[1])
