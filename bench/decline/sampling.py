#!/usr/bin/env python3
"""Does learning from a sample of the wells change the population forecast's quality? Pairs the population rows of a
sampled hindcast (`wellhouse decline hindcast --sample-wells N --output S.csv`) with the same (as-of, well, horizon)
rows of a hindcast that learned from every well (`--sample-wells 0 --output FULL.csv`) and prints median APE, median
bias and P10-P90 coverage of both on exactly those forecasts, per cohort and horizon.
Usage: python3 bench/decline/sampling.py FULL.csv SAMPLED.csv [SAMPLED2.csv ...]"""
import csv
import statistics
import sys


def load(path):
    return {(r["as_of"], r["well_code"], r["horizon"]): r
            for r in csv.DictReader(open(path, newline="")) if r["model"] == "population"}


def figures(rows):
    errors = [(float(r["p50"]) - float(r["actual"])) / float(r["actual"]) for r in rows]
    covered = sum(float(r["p90"]) <= float(r["actual"]) <= float(r["p10"]) for r in rows)
    return statistics.median(abs(e) for e in errors), statistics.median(errors), covered / len(rows)


full = load(sys.argv[1])
for path in sys.argv[2:]:
    sampled = load(path)
    print(f"{path}: {len(sampled)} forecasts, each paired with the run that learned from every well")
    print("cohort  horizon      n  APE all  APE sample  bias all  bias sample  coverage all  coverage sample")
    for cohort in ["1-5", "6-12", "13-24", "25+", "all"]:
        for horizon in sorted({k[2] for k in sampled}, key=int):
            keys = [k for k, r in sampled.items()
                    if k[2] == horizon and (cohort == "all" or r["cohort"] == cohort) and k in full]
            if keys:
                a = figures([full[k] for k in keys])
                b = figures([sampled[k] for k in keys])
                print(f"{cohort:7} {horizon:>7} {len(keys):6} {a[0]:8.1%} {b[0]:11.1%} {a[1]:9.1%} {b[1]:12.1%}"
                      f" {a[2]:13.1%} {b[2]:16.1%}")
