#!/usr/bin/env bash
# Per-well series under load, RANDOM wells (issue 13): Wellhouse (serving store) beside the peer baseline, the seed's
# design (FastAPI + pandas holding the same relations in memory, pre-grouped by well, 2 uvicorn workers), in one run.
#   bash bench/api/series.sh prepare monthly|daily <work>   generate, ingest, refresh (builds the serving store), export for the peer
#   bash bench/api/series.sh run monthly|daily <work> [duration]   (PEER=0: without the peer; BIN=: another wellhouse build)
# monthly: 10,000 wells x 60 months; daily: 10,000 wells x 1,000 days (10 M rows). wrk on loopback, 2 threads, 64
# connections, bench/api/random.lua. For each series: a cold pass (the first requests of that series after the
# server mapped the published snapshot: nothing cached) and a warm pass (the same again), each line with `uptime`.
set -euo pipefail
cd "$(dirname "$0")/../.."
PHASE="$1"; SET="$2"; WORK="$(realpath -m "$3")"; DURATION="${4:-10s}"
PORT="${PORT:-5311}"; PEER_PORT="${PEER_PORT:-5312}"
BIN="${BIN:-$WORK/bin/wellhouse}"
FIRST=100001; LAST=110000
export Wellhouse__Api__Key=bench-key Wellhouse__Bootstrap=false Logging__LogLevel__Default=Warning

if [ "$PHASE" = prepare ]; then
  mkdir -p "$WORK"
  dotnet build src/Wellhouse -c Release -v q -nologo -o "$WORK/bin" >/dev/null
  dotnet build bench/warehouse -c Release -v q -nologo -o "$WORK/export" >/dev/null
  if [ "$SET" = monthly ]; then GEN="--wells 10000 --days 1826 --period month"; else GEN="--wells 10000 --days 1000 --period day"; fi
  nice -n 10 "$BIN" generate $GEN --output "$WORK/gen" --format parquet
  for file in "$WORK"/gen/*.parquet; do "$BIN" ingest "$file" --data-dir "$WORK/data" >/dev/null; done
  echo "refresh: $(uptime)"
  /usr/bin/time -f "refresh wall %es, max RSS %MkB" "$BIN" refresh --data-dir "$WORK/data" | tail -1
  grep -h "serving store" "$WORK"/data/runs/*.log | tail -1
  SNAP="$WORK/data/snapshots/$(cat "$WORK/data/snapshots/current").duckdb"
  if [ "$SET" = monthly ]; then RELS=""; else RELS="mart_production_daily mart_well_summary"; fi
  "$WORK/export/Wellhouse.Benchmarks" --export "$SNAP" "$WORK/peer" $RELS
  exit 0
fi

URL="http://127.0.0.1:$PORT"; PEER="http://127.0.0.1:$PEER_PORT"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
if [ "$SET" = monthly ]; then
  SERIES=("/production?granularity=monthly" "/production?granularity=yearly" "/cumulative" "/moving-averages?window=3m"
    "/decline?stream=oil" "/forecast?stream=oil" "/trendline?stream=oil" "/revenue" "")
else
  SERIES=("/production?granularity=daily" "/production?granularity=monthly" "/production?granularity=yearly" "/cumulative"
    "/moving-averages?window=30d" "/decline?stream=oil" "/forecast?stream=oil" "/trendline?stream=oil" "/revenue" "")
fi

line() { # impl series pass wrk-output-file
  local rps p50 p99 max non2xx
  rps=$(grep "Requests/sec" "$4" | awk '{print $2}'); p50=$(grep -E "^ +50%" "$4" | awk '{print $2}')
  p99=$(grep -E "^ +99%" "$4" | awk '{print $2}'); max=$(grep -E "^ +Latency" "$4" | awk '{print $4}')
  non2xx=$(grep -E "Non-2xx|Socket errors" "$4" | tr -s ' ' | tr '\n' ';' || true)
  echo "| $1 | ${2:-(summary)} | $3 | $rps | $p50 | $p99 | $max | ${non2xx:-0 failed} | $(uptime | sed -E 's/.*load average: //') |"
}

# The server maps the published snapshot's store (checking every column) before it answers; the first second of
# requests right after it is up shows the first-request latencies.
START=$(date +%s.%N)
env "Logging__LogLevel__Wellhouse.Snapshots.SnapshotProvider=Information" "$BIN" serve --data-dir "$WORK/data" --urls "$URL" >"$WORK/serve.log" 2>&1 &
PIDS+=($!); SERVER=$!
until curl -sf "$URL/alive" >/dev/null; do sleep 0.05; done
echo "wellhouse serve: up in $(echo "$(date +%s.%N) - $START" | bc) s; $(grep -o 'Serving snapshot.*' "$WORK/serve.log" | head -1)"
wrk -t2 -c64 -d1s --latency -s bench/api/random.lua "$URL" -- $FIRST $LAST "${SERIES[0]}" >"$WORK/first-second.txt"
echo "| impl | series | pass | req/s | p50 | p99 | max | failed | load (1/5/15 min) |"
echo "|---|---|---|---|---|---|---|---|---|"
line wellhouse "${SERIES[0]}" "first second after start" "$WORK/first-second.txt"
for series in "${SERIES[@]}"; do
  for pass in cold warm; do
    wrk -t2 -c64 -d"$DURATION" --latency -s bench/api/random.lua "$URL" -- $FIRST $LAST "$series" >"$WORK/wrk.txt"
    line wellhouse "$series" "$pass" "$WORK/wrk.txt"
  done
done
echo "wellhouse RSS after the runs: $(ps -o rss= -p $SERVER) kB; serving store $(du -b "$WORK"/data/snapshots/*.serve | awk '{s+=$1} END {print s/1048576}') MiB"
kill $SERVER; wait $SERVER 2>/dev/null || true
[ "${PEER:-1}" = 0 ] && exit 0 # PEER=0: Wellhouse only (the peer needs minutes to load)

START=$(date +%s.%N)
(cd bench/api && PEER_DATA="$WORK/peer" exec /usr/bin/python3 -m uvicorn peer:app --workers 2 --port "$PEER_PORT" --log-level warning) &
PIDS+=($!); PEERPID=$!
until curl -sf "$PEER/alive" >/dev/null; do sleep 0.5; done
sleep 5 # both workers loaded (each loads the data itself)
echo "peer: up in $(echo "$(date +%s.%N) - $START" | bc) s"
for series in "${SERIES[@]}"; do
  if [ "$SET" = daily ] && [[ "$series" != "/production?granularity=daily" ]]; then continue; fi
  for pass in cold warm; do
    wrk -t2 -c64 -d"$DURATION" --latency -s bench/api/random.lua "$PEER" -- $FIRST $LAST "$series" >"$WORK/wrk.txt"
    line "FastAPI+pandas" "$series" "$pass" "$WORK/wrk.txt"
  done
done
echo "peer RSS (uvicorn + 2 workers): $(ps -o rss= --ppid $PEERPID | awk '{s+=$1} END {print s}') kB + $(ps -o rss= -p $PEERPID) kB"
