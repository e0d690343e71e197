#!/usr/bin/env bash
# Per-well series under load, RANDOM wells (issue 13): Wellhouse (serving store) beside the peer baseline, the seed's
# design (FastAPI + pandas holding the same relations in memory, pre-grouped by well, 2 uvicorn workers), in one run.
#   bash bench/api/series.sh [monthly|daily] [work] [duration]   everything: prepare (once per work folder), then run
#   bash bench/api/series.sh prepare monthly|daily <work>        generate, ingest, refresh (builds the serving store), export for the peer
#   bash bench/api/series.sh run monthly|daily <work> [duration]  (PEER=0: without the peer; BIN=: another wellhouse build;
#   WELLS=: the number of wells, 10,000 unless set, the same at prepare and run)
# monthly: 10,000 wells x 60 months (work folder by default ${TMPDIR:-/tmp}/wellhouse-series-monthly); daily: 10,000
# wells x 1,000 days (10 M rows; heavy: about half an hour of a 2-core machine to prepare). wrk on loopback, 2 threads,
# 64 connections, bench/api/random.lua (each request a random well of 100001-110000, or of the WELLS from 100001). For each series: a cold pass (the
# first requests of that series after the server mapped the published snapshot) and a warm pass (the same again).
# Every line has the server's CPU time per request (utime + stime of the server process(es) from /proc over the pass,
# divided by the requests wrk completed): unlike req/s, it hardly depends on what else the machine runs. Lines of the
# peer sum its two workers. The load average is on every line.
set -euo pipefail
cd "$(dirname "$0")/../.."
case "${1:-monthly}" in
  prepare|run) PHASE="$1"; SET="$2"; WORK="$(realpath -m "$3")"; DURATION="${4:-10s}" ;;
  monthly|daily) PHASE=all; SET="${1:-monthly}"; WORK="$(realpath -m "${2:-${TMPDIR:-/tmp}/wellhouse-series-$SET}")"; DURATION="${3:-10s}" ;;
  *) echo "usage: bash bench/api/series.sh [monthly|daily] [work] [duration] | prepare|run monthly|daily <work> [duration]" >&2; exit 2 ;;
esac
PORT="${PORT:-5311}"; PEER_PORT="${PEER_PORT:-5312}"
BIN="${BIN:-$WORK/bin/wellhouse}"
WELLS="${WELLS:-10000}" # fewer wells (e.g. WELLS=1000): the same per-well series at a fraction of the preparation
FIRST=100001; LAST=$((FIRST + WELLS - 1))
TICK_US=$((1000000 / $(getconf CLK_TCK)))
export Wellhouse__Api__Key=bench-key Wellhouse__Bootstrap=false Logging__LogLevel__Default=Warning

prepare() {
  mkdir -p "$WORK"
  dotnet build src/Wellhouse -c Release -v q -nologo -o "$WORK/bin" >/dev/null
  dotnet build bench/warehouse -c Release -v q -nologo -o "$WORK/export" >/dev/null
  if [ "$SET" = monthly ]; then GEN="--wells $WELLS --days 1826 --period month"; else GEN="--wells $WELLS --days 1000 --period day"; fi
  nice -n 10 "$BIN" generate $GEN --output "$WORK/gen" --format parquet
  for file in "$WORK"/gen/*.parquet; do "$BIN" ingest "$file" --data-dir "$WORK/data" >/dev/null; done
  echo "refresh: $(uptime)"
  /usr/bin/time -f "refresh wall %es, max RSS %MkB" "$BIN" refresh --data-dir "$WORK/data" | tail -1
  grep -h "serving store" "$WORK"/data/runs/*.log | tail -1
  SNAP="$WORK/data/snapshots/$(cat "$WORK/data/snapshots/current").duckdb"
  if [ "$SET" = monthly ]; then RELS=""; else RELS="mart_production_daily mart_well_summary"; fi
  "$WORK/export/Wellhouse.Benchmarks" --export "$SNAP" "$WORK/peer" $RELS
}

if [ "$PHASE" = prepare ] || { [ "$PHASE" = all ] && [ ! -f "$WORK/data/snapshots/current" ]; }; then
  prepare
  [ "$PHASE" = prepare ] && exit 0
elif [ "$PHASE" = all ]; then
  dotnet build src/Wellhouse -c Release -v q -nologo -o "$WORK/bin" >/dev/null # the code as it is now, on the prepared data
fi

URL="http://127.0.0.1:$PORT"; PEER_URL="http://127.0.0.1:$PEER_PORT"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
if [ "$SET" = monthly ]; then
  SERIES=("/production?granularity=monthly" "/production?granularity=yearly" "/cumulative" "/moving-averages?window=3m"
    "/decline?stream=oil" "/forecast?stream=oil" "/trendline?stream=oil" "/revenue" "")
else
  SERIES=("/production?granularity=daily" "/production?granularity=monthly" "/production?granularity=yearly" "/cumulative"
    "/moving-averages?window=30d" "/decline?stream=oil" "/forecast?stream=oil" "/trendline?stream=oil" "/revenue" "")
fi

cpu_ticks() { # utime + stime of the given processes, in clock ticks
  local total=0 pid
  for pid in "$@"; do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}

line() { # impl series pass wrk-output-file cpu-ticks
  local rps p50 p99 max non2xx requests cpu
  rps=$(grep "Requests/sec" "$4" | awk '{print $2}'); p50=$(grep -E "^ +50%" "$4" | awk '{print $2}')
  p99=$(grep -E "^ +99%" "$4" | awk '{print $2}'); max=$(grep -E "^ +Latency" "$4" | awk '{print $4}')
  non2xx=$(grep -E "Non-2xx|Socket errors" "$4" | tr -s ' ' | tr '\n' ';' || true)
  requests=$(grep -E "requests in" "$4" | awk '{print $1}')
  cpu=$(awk -v t="$5" -v r="$requests" -v us="$TICK_US" 'BEGIN { if (r > 0) printf "%.0f", t * us / r; else print "-" }')
  echo "| $1 | ${2:-(summary)} | $3 | $rps | $cpu | $p50 | $p99 | $max | ${non2xx:-0 failed} | $(uptime | sed -E 's/.*load average: //') |"
}

pass() { # impl url series pass pids...
  local impl="$1" url="$2" series="$3" label="$4" before
  shift 4
  before=$(cpu_ticks "$@")
  wrk -t2 -c64 -d"$DURATION" --latency -s bench/api/random.lua "$url" -- $FIRST $LAST "$series" >"$WORK/wrk.txt"
  line "$impl" "$series" "$label" "$WORK/wrk.txt" $(($(cpu_ticks "$@") - before))
}

echo "wellhouse: $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(uptime)"
# The server maps the published snapshot's store before it answers; the first second of requests right after it is up
# shows the first-request latencies.
START=$(date +%s.%N)
env "Logging__LogLevel__Wellhouse.Snapshots.SnapshotProvider=Information" "$BIN" serve --data-dir "$WORK/data" --urls "$URL" >"$WORK/serve.log" 2>&1 &
PIDS+=($!); SERVER=$!
until curl -sf "$URL/alive" >/dev/null; do sleep 0.05; done
echo "wellhouse serve: up in $(echo "$(date +%s.%N) - $START" | bc) s; $(grep -o 'Serving snapshot.*' "$WORK/serve.log" | head -1)"
HEAD="| impl | series | pass | req/s | CPU-µs/req | p50 | p99 | max | failed | load (1/5/15 min) |
|---|---|---|---|---|---|---|---|---|---|"
echo "$HEAD"
BEFORE=$(cpu_ticks $SERVER)
wrk -t2 -c64 -d1s --latency -s bench/api/random.lua "$URL" -- $FIRST $LAST "${SERIES[0]}" >"$WORK/first-second.txt"
line wellhouse "${SERIES[0]}" "first second after start" "$WORK/first-second.txt" $(($(cpu_ticks $SERVER) - BEFORE))
# The server checks the store's checksums in the background after serving it (reading every page once); its CPU would
# be counted in the first passes' CPU per request, so they start once it is done.
for _ in $(seq 1 600); do grep -q "Serving store .* checked\|is damaged" "$WORK/serve.log" && break; sleep 0.1; done
echo "store checked: $(grep -o 'Serving store .* checked.*' "$WORK/serve.log" | sed 's/.* checked/checked/')"
for series in "${SERIES[@]}"; do
  for label in cold warm; do
    pass wellhouse "$URL" "$series" "$label" $SERVER
  done
done
echo "wellhouse RSS after the runs: $(ps -o rss= -p $SERVER) kB; serving store $(du -b "$WORK"/data/snapshots/*.serve | awk '{s+=$1} END {printf "%.1f", s/1048576}') MiB"
kill $SERVER; wait $SERVER 2>/dev/null || true
[ "${PEER:-1}" = 0 ] && exit 0 # PEER=0: Wellhouse only (the peer needs minutes to load)

START=$(date +%s.%N)
(cd bench/api && PEER_DATA="$WORK/peer" exec /usr/bin/python3 -m uvicorn peer:app --workers 2 --port "$PEER_PORT" --log-level warning) &
PIDS+=($!); PEERPID=$!
until curl -sf "$PEER_URL/alive" >/dev/null; do sleep 0.5; done
sleep 5 # both workers loaded (each loads the data itself)
echo "peer: up in $(echo "$(date +%s.%N) - $START" | bc) s"
WORKERS=$(ps -o pid= --ppid $PEERPID | tr '\n' ' ')
echo "$HEAD"
for series in "${SERIES[@]}"; do
  if [ "$SET" = daily ] && [[ "$series" != "/production?granularity=daily" ]]; then continue; fi
  for label in cold warm; do
    # shellcheck disable=SC2086 # the workers' ids, one argument each
    pass "FastAPI+pandas" "$PEER_URL" "$series" "$label" $PEERPID $WORKERS
  done
done
echo "peer RSS (uvicorn + 2 workers): $(ps -o rss= --ppid $PEERPID | awk '{s+=$1} END {print s}') kB + $(ps -o rss= -p $PEERPID) kB"
