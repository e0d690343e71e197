#!/usr/bin/env bash
# A refresh at scale through the command line, as an operator runs it: generate WELLS x DAYS of daily raw data, one
# `wellhouse ingest` of every file, a full `wellhouse refresh`, then one new day for every well ingested and refreshed
# (a refresh whose new batches hold more than half of the wells builds full: docs/architecture.md). Prints wall time,
# CPU-seconds and peak memory of each stage, disk per stage, and the slowest nodes. Needs about 12x the raw Parquet
# in free disk under WORK (100 M rows, 50000 2000: 3.2 GiB raw, about 40 GB).
# SAME_END=1 generates with --same-end: every well reports until the same day, as in a production feed, so that the new
# day follows every well's history in the data's as-of month (without it, a well whose history ended earlier gets a day
# in a past month, which refits its decline curve and trendlines).
# Usage: bash bench/warehouse/refresh-cli.sh [wells] [days] [work dir]   (default 50000 2000, a new folder in $TMPDIR)
set -euo pipefail
cd "$(dirname "$0")/../.."
wells="${1:-50000}"
days="${2:-2000}"
work="${3:-$(mktemp -d "${TMPDIR:-/tmp}/wellhouse-refresh-cli-XXXXXX")}"
dotnet build -c Release src/Wellhouse -v q -nologo >/dev/null
dotnet build -c Release bench/warehouse -v q -nologo >/dev/null
wh=(dotnet src/Wellhouse/bin/Release/net10.0/linux-x64/wellhouse.dll)
bench=(dotnet bench/warehouse/bin/Release/net10.0/linux-x64/Wellhouse.Benchmarks.dll)
echo "commit $(git log --oneline -1 | cut -c1-60); $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
stage() {
  local label=$1; shift
  echo "$label: load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%T)"
  /usr/bin/time -f "$label %e s wall, %U+%S CPU-s, max RSS %M kB" "$@" 2>&1 | tail -3
}
slowest() {
  local log; log=$(ls -t "$work"/data/runs/*.log | head -1)
  grep -E "^mode |incremental on|published snapshot|serving store" "$log" | cut -c1-300 || true
  grep -oE "(OK|PASS)[^\[]*\[[A-Z]+[^\]]* in [0-9.]+s\]" "$log" | awk '{t=$NF; gsub(/s\]/,"",t); if (t+0 >= 5) print t, $0}' | sort -rn | head -12
  grep -E "^    .* scan \(" "$log" | sort -t: -k2 -rn | head -6 || true
  du -sh "$work"/data/raw "$work"/data/snapshots; ls -l "$work"/data/snapshots | grep -E "duckdb|serve" || true
}
stage generate "${wh[@]}" generate --wells "$wells" --days "$days" --seed 1 ${SAME_END:+--same-end} --output "$work/raw"
du -sb "$work/raw" | awk '{printf "raw Parquet %.1f MiB\n", $1/1048576}'
"${bench[@]}" --next-day "$work/raw" "$work/next/all-wells.parquet" 1 1 >/dev/null
stage ingest "${wh[@]}" ingest "$work"/raw/*.parquet --data-dir "$work/data"
stage full-refresh "${wh[@]}" refresh --data-dir "$work/data"
slowest
stage ingest-day "${wh[@]}" ingest "$work/next/all-wells.parquet" --format parquet --data-dir "$work/data"
stage refresh-day "${wh[@]}" refresh --data-dir "$work/data"
slowest
echo "done: load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%T); work dir $work (remove it when done)"
