#!/usr/bin/env bash
# Server CPU per request of two wellhouse builds on the same data, in alternating wrk passes (random wells), so that both
# see the same machine load: on a shared machine req/s is noise, CPU per request much less so.
#   bash bench/api/cpu-ab.sh <build A> <build B> <data dir> "<series> ..." [rounds] [duration]
# e.g. bash bench/api/cpu-ab.sh /tmp/old/wellhouse /tmp/new/wellhouse /tmp/wellhouse-series-monthly/data \
#        "/production?granularity=monthly /decline?stream=oil" 3 5s     (WELLS=: wells from 100001, default 10,000)
set -euo pipefail
cd "$(dirname "$0")/../.."
A="$1"; B="$2"; DATA="$3"; SERIES="$4"; ROUNDS="${5:-3}"; DURATION="${6:-5s}"
FIRST=100001; LAST=$((FIRST + ${WELLS:-10000} - 1))
PORT_A="${PORT:-5321}"; PORT_B=$((PORT_A + 1))
export Wellhouse__Api__Key=bench-key Wellhouse__Bootstrap=false Logging__LogLevel__Default=Warning
"$A" serve --data-dir "$DATA" --urls "http://127.0.0.1:$PORT_A" >/dev/null 2>&1 & SERVER_A=$!
"$B" serve --data-dir "$DATA" --urls "http://127.0.0.1:$PORT_B" >/dev/null 2>&1 & SERVER_B=$!
trap 'kill $SERVER_A $SERVER_B 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT_A/alive" >/dev/null && curl -sf "http://127.0.0.1:$PORT_B/alive" >/dev/null; do sleep 0.1; done
TICK_US=$((1000000 / $(getconf CLK_TCK)))
OUT=$(mktemp)
pass() { # port pid series duration -> "CPU-us/req req/s"
  local before after requests
  before=$(awk '{print $14 + $15}' "/proc/$2/stat")
  wrk -t2 -c64 -d"$4" -s bench/api/random.lua "http://127.0.0.1:$1" -- $FIRST $LAST "$3" >"$OUT"
  after=$(awk '{print $14 + $15}' "/proc/$2/stat")
  requests=$(grep "requests in" "$OUT" | awk '{print $1}')
  [ "${requests:-0}" -gt 0 ] || { echo "no request completed"; return; }
  echo "$(( (after - before) * TICK_US / requests )) µs $(grep Requests/sec "$OUT" | awk '{printf "%.0f", $2}') req/s"
}
echo "| series | A: CPU per request, req/s | B: CPU per request, req/s | load |"
echo "|---|---|---|---|"
for series in $SERIES; do
  pass $PORT_A $SERVER_A "$series" 4s >/dev/null # each build's code warm, the series' pages mapped
  pass $PORT_B $SERVER_B "$series" 4s >/dev/null
  for _ in $(seq 1 "$ROUNDS"); do
    echo "| $series | $(pass $PORT_A $SERVER_A "$series" "$DURATION") | $(pass $PORT_B $SERVER_B "$series" "$DURATION") | $(cut -d' ' -f1-3 /proc/loadavg) |"
  done
done
rm -f "$OUT"
