#!/usr/bin/env bash
# Load benchmark of the HTTP API (issue 5): wrk on loopback against one well's monthly production, on the generated
# 10,000-well data set; then a refresh + publish under load, counting failed requests and the time until new requests
# see the new snapshot. Bounded in time (DURATION per wrk run; the run under refresh lasts until the publish + 3 s). Usage: bash bench/api/run.sh [wells] [duration]
set -euo pipefail
cd "$(dirname "$0")/../.."
WELLS="${1:-10000}"
DURATION="${2:-20s}"
PORT="${PORT:-5099}"
URL="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

dotnet build src/Wellhouse -c Release -v q -nologo >/dev/null
BIN="src/Wellhouse/bin/Release/net10.0/linux-x64/wellhouse"
export Wellhouse__Api__Key=bench-key Wellhouse__Bootstrap=false Logging__LogLevel__Default=Warning
export Wellhouse__Api__WritesPerMinute=100000

echo "== generate $WELLS wells (monthly, 5 years) into $WORK"
"$BIN" generate --wells "$WELLS" --days 1826 --period month --output "$WORK/gen" --format parquet >/dev/null
for file in "$WORK"/gen/*.parquet; do "$BIN" ingest "$file" --data-dir "$WORK/data"; done
echo "== refresh"
/usr/bin/time -f "refresh wall %es, max RSS %MkB" "$BIN" refresh --data-dir "$WORK/data" | tail -1

"$BIN" serve --data-dir "$WORK/data" --urls "$URL" >"$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -sf "$URL/alive" >/dev/null && break; sleep 0.2; done
WELL=$(curl -s "$URL/api/wells?page_size=1" | sed -E 's/.*"well_code":([0-9]+).*/\1/')
TARGET="$URL/api/wells/$WELL/production?granularity=monthly"
echo "== target $TARGET ($(curl -s "$TARGET" | wc -c) bytes)"
wrk -t2 -c64 -d5s --latency "$TARGET" >/dev/null   # warm-up
echo "== wrk -t2 -c64 -d$DURATION"
wrk -t2 -c64 -d"$DURATION" --latency "$TARGET" | tee "$WORK/wrk.txt"

# The series that the warehouse serves from views (computed per well when read) beside tables, one well each.
for SERIES in "moving-averages?window=3m" "decline?stream=oil" "trendline?stream=oil" "production?granularity=daily" "cumulative"; do
  echo "== wrk -t2 -c64 -d5s /api/wells/$WELL/$SERIES"
  wrk -t2 -c64 -d5s --latency "$URL/api/wells/$WELL/$SERIES" | grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx"
done

echo "== refresh + publish under load"
BEFORE=$(curl -s -D - -o /dev/null "$TARGET" | grep -i x-data-snapshot | tr -d '\r' | cut -d' ' -f2)
# wrk runs until 3 s after the new snapshot is seen (SIGINT makes it stop and print), at most 600 s.
wrk -t2 -c64 -d600s --latency "$TARGET" >"$WORK/wrk-refresh.txt" &
WRK=$!
sleep 2
RUN=$(curl -s -X POST -H "X-Api-Key: bench-key" "$URL/api/runs" | sed -E 's/.*"id":"([^"]+)".*/\1/')
while [ "$(curl -s "$URL/api/runs/$RUN" | sed -E 's/.*"status":"([a-z]+)".*/\1/')" = running ]; do sleep 0.05; done
PUBLISHED=$(date +%s.%N)
while true; do
  NOW=$(curl -s -D - -o /dev/null "$TARGET" | grep -i x-data-snapshot | tr -d '\r' | cut -d' ' -f2)
  [ "$NOW" = "$RUN" ] && break
  [ "$(echo "$(date +%s.%N) - $PUBLISHED > 10" | bc)" = 1 ] && { echo "new snapshot not seen after 10 s"; break; }
done
echo "run $RUN: $(curl -s "$URL/api/runs/$RUN" | sed -E 's/.*"status":"([a-z]+)".*"duration_seconds":([0-9.]+).*/\1 in \2 s/')"
echo "snapshot $BEFORE -> $NOW; seen $(echo "$(date +%s.%N) - $PUBLISHED" | bc) s after the run finished"
sleep 3
kill -INT $WRK
wait $WRK || true
cat "$WORK/wrk-refresh.txt"
grep -E "Non-2xx|Socket errors" "$WORK/wrk-refresh.txt" || echo "failed requests during refresh: 0"
