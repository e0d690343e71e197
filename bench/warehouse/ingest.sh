#!/usr/bin/env bash
# Ingest speed (issue 14: >= 2 M rows/s from Parquet): generate N wells x D days (not timed), then one `wellhouse ingest`
# process for all the generated Parquet files (each a batch). Prints wall time, CPU (user + system), maximum RSS, rows
# per second of wall and per CPU-second, and the load average before and after.
# Usage: bash bench/warehouse/ingest.sh [wells] [days]   (default 10000 1000: 10 M rows in 10 files)
set -euo pipefail
cd "$(dirname "$0")/../.."
wells="${1:-10000}"
days="${2:-1000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/wellhouse-ingest-XXXXXX")"
trap 'rm -rf "$work"' EXIT
dotnet build -c Release src/Wellhouse -v q -nologo >/dev/null
wellhouse=(dotnet src/Wellhouse/bin/Release/net10.0/linux-x64/wellhouse.dll)
"${wellhouse[@]}" generate --wells "$wells" --days "$days" --seed 1 --output "$work/raw" >/dev/null
rows=$((wells * days))
echo "machine: $(nproc) cores; $rows rows in $(ls "$work/raw"/*.parquet | wc -l) Parquet files, $(du -sm "$work/raw" | cut -f1) MiB; load before $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "${wellhouse[@]}" ingest "$work/raw"/*.parquet --data-dir "$work/data" > "$work/out.txt"
read -r wall user sys rss < "$work/time.txt"
cpu="$(echo "$user + $sys" | bc)"
printf 'ingest: %.1f s wall, %.1f CPU-s, max RSS %d MiB; %.0f rows/s wall, %.0f rows per CPU-s; raw store %d MiB; load after %s\n' \
    "$wall" "$cpu" "$((rss / 1024))" "$(echo "$rows / $wall" | bc -l)" "$(echo "$rows / $cpu" | bc -l)" \
    "$(du -sm "$work/data/raw" | cut -f1)" "$(cut -d' ' -f1-3 /proc/loadavg)"
