#!/usr/bin/env bash
# Full vs incremental refresh through the application (`wellhouse ingest`, `wellhouse refresh`): generate N wells x D
# days (not timed), ingest, full refresh; then a new day for 1 % of the wells (--next-day), ingest, incremental
# refresh; then the day after for every well, ingest, incremental refresh (on the first incremental snapshot); then a
# full refresh of the same raw data (--full-refresh) and the equality check of the last two snapshots (--compare:
# every table and view, EXCEPT ALL both ways). Prints per stage wall time, CPU, maximum RSS, the snapshot's size and
# the load average, and the bytes per table of the full refresh's snapshot (--storage). Usage: bash bench/warehouse/incremental.sh [wells] [days]   (default 10000 1000)
set -euo pipefail
cd "$(dirname "$0")/../.."
wells="${1:-10000}"
days="${2:-1000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/wellhouse-incremental-XXXXXX")"
trap 'rm -rf "$work"' EXIT
dotnet build -c Release src/Wellhouse -v q -nologo >/dev/null
dotnet build -c Release bench/warehouse -v q -nologo >/dev/null
wellhouse=(dotnet src/Wellhouse/bin/Release/net10.0/linux-x64/wellhouse.dll)
bench=(dotnet bench/warehouse/bin/Release/net10.0/linux-x64/Wellhouse.Benchmarks.dll)
data="$work/data"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
"${wellhouse[@]}" generate --wells "$wells" --days "$days" --seed 1 --output "$work/raw"
"${bench[@]}" --next-day "$work/raw" "$work/next/some-wells.parquet" 0.01 1
"${bench[@]}" --next-day "$work/raw" "$work/next/every-well.parquet" 1 2

stage() {
    local name="$1"; shift
    local load; load="$(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; exit 1; }
    read -r wall user sys rss < "$work/time.txt"
    local snapshot=""
    if [[ -f "$data/snapshots/current" ]]; then
        snapshot="$(du -m "$data/snapshots/$(cat "$data/snapshots/current").duckdb" | cut -f1) MiB snapshot, "
    fi
    printf '%-34s %7.1f s wall %7.1f CPU-s  max RSS %5d MiB  %sraw store %d MiB, data dir %d MiB  (load before %s)\n' \
        "$name" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$snapshot" \
        "$(du -sm "$data/raw" 2>/dev/null | cut -f1)" "$(du -sm "$data" | cut -f1)" "$load"
    grep -hE "^published" "$work/out.txt" | sed 's/^/    /' || true
    if [[ "$name" == *refresh* ]]; then
        grep -hE "incremental on" "$(ls -t "$data"/runs/*.log | head -n 1)" | sed 's/^/    /' || true
    fi
}

stage "ingest $(ls "$work/raw"/*.parquet | wc -l) generated files" "${wellhouse[@]}" ingest "$work/raw"/*.parquet --data-dir "$data"
stage "full refresh" "${wellhouse[@]}" refresh --data-dir "$data"
"${bench[@]}" --storage "$data/snapshots/$(cat "$data/snapshots/current").duckdb" "$work/raw"
stage "ingest a day of 1 % of the wells" "${wellhouse[@]}" ingest "$work/next/some-wells.parquet" --format parquet --data-dir "$data"
stage "incremental refresh (1 % of wells)" "${wellhouse[@]}" refresh --data-dir "$data"
stage "ingest a day of every well" "${wellhouse[@]}" ingest "$work/next/every-well.parquet" --format parquet --data-dir "$data"
stage "incremental refresh (every well)" "${wellhouse[@]}" refresh --data-dir "$data"
incremental="$(cat "$data/snapshots/current")"
stage "full refresh of the same raw data" "${wellhouse[@]}" refresh --full-refresh --data-dir "$data"
full="$(cat "$data/snapshots/current")"
echo "equality check: incremental $incremental vs full $full"
"${bench[@]}" --compare "$data/snapshots/$incremental.duckdb" "$data/snapshots/$full.duckdb"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
