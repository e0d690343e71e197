#!/usr/bin/env bash
# The incremental day alone, repeatable: generate N wells x D days, ingest and full refresh once into WORK/base
# (kept), then for each run copy WORK/base to WORK/data, ingest a new day for 1 % of the wells (--next-day ... 0.01 1)
# and refresh. Prints the full refresh's and the incremental refresh's wall time, CPU, maximum RSS and the load average,
# then the run log's lines of the incremental one (mode, the copy, int_population_forecast's steps, the serving store)
# and its nodes of 0.3 s or more. With COMPARE=1 it then builds a full refresh of the same raw data and compares the
# two snapshots (--compare: every table and view, EXCEPT ALL both ways).
# FRACTION=1 gives the new day to every well (a production feed's day: day wells, which the application builds
# incrementally however many there are); COMPARE=1 also compares the serving store built on the parent's with one built
# from scratch of the same snapshot (--serve-compare, every value). SAME_END=1 generates with
# --same-end (every well reports until the same day, as in a production feed; the base is then another one: use
# another work folder).
# Usage: bash bench/warehouse/incremental-day.sh [wells] [days] [work folder]   (default 10000 1000, a new temp folder)
# Run it niced on a shared machine: nice -n 10 bash bench/warehouse/incremental-day.sh 10000 1000 /tmp/day
set -euo pipefail
cd "$(dirname "$0")/../.."
wells="${1:-10000}"
days="${2:-1000}"
work="${3:-$(mktemp -d "${TMPDIR:-/tmp}/wellhouse-day-XXXXXX")}"
mkdir -p "$work"
dotnet build -c Release src/Wellhouse -v q -nologo >/dev/null
dotnet build -c Release bench/warehouse -v q -nologo >/dev/null
wellhouse=(dotnet src/Wellhouse/bin/Release/net10.0/linux-x64/wellhouse.dll)
bench=(dotnet bench/warehouse/bin/Release/net10.0/linux-x64/Wellhouse.Benchmarks.dll)
echo "commit $(git log --oneline -1 | cut -c1-70)$(git diff --quiet HEAD -- src warehouse || echo ' (with uncommitted changes)')"

timed() {
    local name="$1"; shift
    local load; load="$(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; exit 1; }
    read -r wall user sys rss < "$work/time.txt"
    printf '%-28s %7.1f s wall %7.1f CPU-s  max RSS %5d MiB  (load before %s, after %s)\n' \
        "$name" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$load" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

if [[ ! -f "$work/base/snapshots/current" ]]; then
    rm -rf "$work/raw" "$work/base"
    "${wellhouse[@]}" generate --wells "$wells" --days "$days" --seed 1 ${SAME_END:+--same-end} --output "$work/raw"
    "${wellhouse[@]}" ingest "$work/raw"/*.parquet --data-dir "$work/base" >/dev/null
    timed "full refresh" "${wellhouse[@]}" refresh --data-dir "$work/base"
fi

fraction="${FRACTION:-0.01}"
day="$work/next/day-$fraction.parquet"
[[ -f "$day" ]] || "${bench[@]}" --next-day "$work/raw" "$day" "$fraction" 1
rm -rf "$work/data"
cp -a "$work/base" "$work/data"
"${wellhouse[@]}" ingest "$day" --format parquet --data-dir "$work/data" >/dev/null
timed "incremental refresh ($fraction)" "${wellhouse[@]}" refresh --data-dir "$work/data"
log="$(ls -t "$work/data"/runs/*.log | head -n 1)"
grep -E "^mode |incremental on|int_population_forecast:|serving store|^    " "$log" | cut -c1-400
grep -oE "(OK|PASS)[^\[]*\[[A-Z]+[^]]* in [0-9.]+s\]" "$log" \
    | awk '{t=$NF; gsub(/s\]/,"",t); if (t+0 >= 0.3) print t, $0}' | sort -rn | head -n 12
if [[ "${COMPARE:-0}" == 1 ]]; then
    incremental="$(cat "$work/data/snapshots/current")"
    # The serving store built on the parent's against one built from scratch of the same snapshot: every value.
    "${bench[@]}" --serve "$work/data/snapshots/$incremental.duckdb" "$work/data/scratch.serve" > "$work/out.txt"
    "${bench[@]}" --serve-compare "$work/data/snapshots/$incremental.serve" "$incremental" "$work/data/scratch.serve" scratch
    rm -f "$work/data/scratch.serve"
    timed "full refresh, same data" "${wellhouse[@]}" refresh --full-refresh --data-dir "$work/data"
    "${bench[@]}" --compare "$work/data/snapshots/$incremental.duckdb" "$work/data/snapshots/$(cat "$work/data/snapshots/current").duckdb"
fi
