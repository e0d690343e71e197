#!/usr/bin/env bash
# Issue 14's second shape through the command line, as an operator runs it: WELLS wells x MONTHS months of monthly raw
# data (`wellhouse generate --period month --same-end`: every well reports until October 2026, as in a monthly feed;
# histories average MONTHS months, from MONTHS - 6 to MONTHS + 5), one `wellhouse ingest` of every file and a full
# `wellhouse refresh`; then the next month (November 2026) for every well (`Wellhouse.Benchmarks --next-month`),
# ingested and refreshed incrementally (every well a day well whose fits read one more month: docs/warehouse.md, "New
# rows only"); then a late correction of 1 % of the wells (a month a year
# back sent again with other values, `--late-correction`), ingested and refreshed incrementally. Prints per stage the
# wall time, CPU-seconds and peak memory, the load average before and after, disk (raw Parquet, raw store, each
# snapshot's .duckdb and .serve), the run log's mode and store lines and its slowest nodes. The refreshes keep
# KEEP snapshots (default 1: at 100,000 wells a snapshot and its store take about 10 GB). The data ends in a fixed month,
# so the rows are the same on any date after it (a later period is rejected as future_period). Each stage leaves
# WORK/done-<stage>: run again on the same work folder, the script goes on from the first stage not done.
# Usage: bash bench/warehouse/refresh-monthly.sh [wells] [months] [work dir]   (default 1000000 120, a new folder in
# $TMPDIR). Run it niced on a shared machine: nice -n 15 bash bench/warehouse/refresh-monthly.sh 10000 120 WORK
set -euo pipefail
cd "$(dirname "$0")/../.."
wells="${1:-1000000}"
months="${2:-120}"
work="${3:-$(mktemp -d "${TMPDIR:-/tmp}/wellhouse-refresh-monthly-XXXXXX")}"
mkdir -p "$work"
export Wellhouse__Refresh__KeepSnapshots="${KEEP:-1}"
# Wells start over one year from `start` and report until the month before `end`.
end=2026-11-01
start=$(date -u -d "$end - $((months + 5)) months" +%F)
days=$(( ($(date -u -d "$end" +%s) - $(date -u -d "$start" +%s)) / 86400 - 364 ))
dotnet build -c Release src/Wellhouse -v q -nologo >/dev/null
dotnet build -c Release bench/warehouse -v q -nologo >/dev/null
wh=(dotnet src/Wellhouse/bin/Release/net10.0/linux-x64/wellhouse.dll)
bench=(dotnet bench/warehouse/bin/Release/net10.0/linux-x64/Wellhouse.Benchmarks.dll)
echo "commit $(git log --oneline -1 | cut -c1-60); $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
# Runs a stage unless it is done (returns 1 then), with its wall time, CPU-seconds, peak memory and the load average.
stage() {
  local label=$1; shift
  [[ -f "$work/done-$label" ]] && { echo "$label: done before"; return 1; }
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" > "$work/out.txt" 2>&1 || { tail -20 "$work/out.txt"; exit 1; }
  read -r wall user sys rss < "$work/time.txt"
  printf '%-18s %8.1f s wall %8.1f CPU-s  max RSS %6d MiB  (load before %s, after %s; %s)\n' "$label" "$wall" \
    "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$load" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(date -u +%T)"
  grep -E "^wrote|^published" "$work/out.txt" | cut -c1-200 || true
  touch "$work/done-$label"
}
disk() {
  du -sm "$work/raw" "$work/data/raw" 2>/dev/null | awk '{printf "  %6d MiB %s\n", $1, $2}'
  ls -l --block-size=M "$work"/data/snapshots/*.duckdb "$work"/data/snapshots/*.serve 2>/dev/null | awk '{printf "  %6s %s\n", $5, $NF}' || true
}
slowest() {
  local log; log=$(ls -t "$work"/data/runs/*.log | head -1)
  grep -E "^mode |incremental on|published snapshot|serving store|^int_population_forecast:" "$log" | cut -c1-400 || true
  grep -oE "(OK|PASS)[^\[]*\[[A-Z]+[^\]]* in [0-9.]+s\]" "$log" | awk '{t=$NF; gsub(/s\]/,"",t); if (t+0 >= 1) print t, $0}' | sort -rn | head -15
  grep -E "^    .* scan \(" "$log" | sort -t: -k2 -rn | head -6 || true
  disk
}
stage generate "${wh[@]}" generate --wells "$wells" --days "$days" --period month --same-end --start "$start" --seed 1 --output "$work/raw" || true
stage ingest "${wh[@]}" ingest "$work"/raw/*.parquet --data-dir "$work/data" && disk
stage full-refresh "${wh[@]}" refresh --data-dir "$work/data" && slowest
stage next-month "${bench[@]}" --next-month "$work/raw" "$work/next/month.parquet" 1 1 || true
stage ingest-month "${wh[@]}" ingest "$work/next/month.parquet" --format parquet --data-dir "$work/data" || true
stage refresh-month "${wh[@]}" refresh --data-dir "$work/data" && slowest
stage correction "${bench[@]}" --late-correction "$work/raw" "$work/next/correction.parquet" 0.01 12 || true
stage ingest-correction "${wh[@]}" ingest "$work/next/correction.parquet" --format parquet --data-dir "$work/data" || true
stage refresh-correction "${wh[@]}" refresh --data-dir "$work/data" && slowest
echo "done: $(date -u +%T); work dir $work (remove it when done)"
