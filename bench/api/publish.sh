#!/usr/bin/env bash
# Publish under load (issue 13): on a folder prepared by `bash bench/api/series.sh prepare monthly|daily <work>`, the
# server answers random wells' series (wrk, 32 connections) while snapshots are published one after the other
# (`POST /api/snapshots/{id}/publish`, alternating between the two newest finished snapshots); for each publish:
# the time the call took (it returns once the server maps the new snapshot's serving store and serves it), the
# server's "ready in", and a second probe of random wells started right after it (wrk, 32 more connections, 1 s):
# its requests, p99, max latency and failures, i.e. the first second after the publish. At the end: the failed
# requests of the load run (non-2xx, socket errors) over every publish, the server's memory (RSS, of which the mapped
# files and the anonymous memory, from /proc/<pid>/smaps_rollup) and the serving stores' sizes.
#   bash bench/api/publish.sh <work> [publishes] [series]     (BIN=: another build; WELLS=: as at prepare)
# With only one finished snapshot in <work>/data, a second one is built first: a new day for 1 % of the wells
# (Wellhouse.Benchmarks --next-day on <work>/gen), ingested, then `wellhouse refresh` (incremental), timed.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK="$(realpath "$1")"; PUBLISHES="${2:-6}"; SERIES="${3:-/production?granularity=daily}"
BIN="${BIN:-$WORK/bin/wellhouse}"; DATA="$WORK/data"
WELLS="${WELLS:-10000}"; FIRST=100001; LAST=$((FIRST + WELLS - 1))
PORT="${PORT:-5331}"; URL="http://127.0.0.1:$PORT"
export Wellhouse__Api__Key=bench-key Wellhouse__Bootstrap=false Logging__LogLevel__Default=Warning
finished() { ls "$DATA"/snapshots/*.json 2>/dev/null | xargs -n1 basename | sed 's/\.json$//' | sort; }

if [ "$(finished | wc -l)" -lt 2 ]; then
  [ -x "$WORK/export/Wellhouse.Benchmarks" ] || dotnet build bench/warehouse -c Release -v q -nologo -o "$WORK/export" >/dev/null
  "$WORK/export/Wellhouse.Benchmarks" --next-day "$WORK/gen" "$WORK/next/some-wells.parquet" 0.01 1
  "$BIN" ingest "$WORK/next/some-wells.parquet" --data-dir "$DATA" >/dev/null
  echo "second snapshot: $(uptime)"
  nice -n 10 /usr/bin/time -f "refresh wall %es, CPU %U+%Ss, max RSS %MkB" "$BIN" refresh --data-dir "$DATA" | tail -2
  grep -h "serving store" "$(ls -t "$DATA"/runs/*.log | head -1)" | tail -1
fi
read -r A B <<<"$(finished | tail -2 | tr '\n' ' ')"

LOG="$WORK/publish-serve.log"
env "Logging__LogLevel__Wellhouse.Snapshots.SnapshotProvider=Information" "Logging__LogLevel__Wellhouse.Serving=Information" \
  "$BIN" serve --data-dir "$DATA" --urls "$URL" >"$LOG" 2>&1 &
SERVER=$!
LOAD=""
trap 'kill $SERVER 2>/dev/null || true; [ -n "$LOAD" ] && kill $LOAD 2>/dev/null || true' EXIT
until curl -sf "$URL/alive" >/dev/null; do sleep 0.05; done
for _ in $(seq 1 600); do grep -q "checked\|is damaged" "$LOG" && break; sleep 0.1; done
echo "wellhouse: $(git rev-parse --short HEAD 2>/dev/null || echo '?'); serving $(curl -s -D - -o /dev/null "$URL/api/wells/$FIRST" | grep -i x-data-snapshot | tr -d '\r' | cut -d' ' -f2); $(uptime)"
echo "series $SERIES, random wells $FIRST-$LAST; load: wrk 2 threads, 32 connections for the whole run"

wrk -t2 -c32 -d$((PUBLISHES * 8 + 10))s --latency -s bench/api/random.lua "$URL" -- $FIRST $LAST "$SERIES" >"$WORK/publish-load.txt" &
LOAD=$!
sleep 3
echo "| publish | call | ready in | first second: requests | p99 | max | failed | load (1/5/15 min) |"
echo "|---|---|---|---|---|---|---|---|"
# Start with the snapshot that is not served (the first publish swaps).
[ "$(cat "$DATA/snapshots/current")" = "$A" ] && TARGET="$A" || TARGET="$B"
for i in $(seq 1 "$PUBLISHES"); do
  [ "$TARGET" = "$A" ] && TARGET="$B" || TARGET="$A"
  CALL=$(curl -s -o "$WORK/publish-answer.txt" -w "%{http_code} %{time_total}" -X POST -H "X-Api-Key: bench-key" "$URL/api/snapshots/$TARGET/publish")
  wrk -t1 -c32 -d1s --latency -s bench/api/random.lua "$URL" -- $FIRST $LAST "$SERIES" >"$WORK/publish-probe.txt"
  READY=$(grep -o "Serving snapshot $TARGET.*ready in [0-9]* ms" "$LOG" | tail -1 | grep -o "[0-9]* ms" || echo "?")
  FAILED=$(grep -E "Non-2xx|Socket errors" "$WORK/publish-probe.txt" | tr -s ' ' | tr '\n' ';' || true)
  echo "| $i: $TARGET | ${CALL#* }s (HTTP ${CALL%% *}) | $READY | $(grep "requests in" "$WORK/publish-probe.txt" | awk '{print $1}') | $(grep -E "^ +99%" "$WORK/publish-probe.txt" | awk '{print $2}') | $(grep -E "^ +Latency" "$WORK/publish-probe.txt" | awk '{print $4}') | ${FAILED:-0} | $(cut -d' ' -f1-3 /proc/loadavg) |"
  sleep 6 # the background check of the new store's checksums, then load alone
done
wait $LOAD || true
LOAD=""
echo "load run: $(grep "requests in" "$WORK/publish-load.txt"), $(grep Requests/sec "$WORK/publish-load.txt" | tr -s ' '), p99 $(grep -E "^ +99%" "$WORK/publish-load.txt" | awk '{print $2}'), max $(grep -E "^ +Latency" "$WORK/publish-load.txt" | awk '{print $4}'); failed: $(grep -E "Non-2xx|Socket errors" "$WORK/publish-load.txt" | tr -s ' ' | tr '\n' ';' || echo 0)"
echo "checks after publish: $(grep -c "checked" "$LOG"), damaged: $(grep -c "is damaged" "$LOG" || true), errors in the log: $(grep -ci "fail\|error\|exception" "$LOG" || true)"
echo "server memory: $(grep -E "^(Rss|Anonymous)" /proc/$SERVER/smaps_rollup | tr -s ' ' | tr '\n' ' ')(Rss - Anonymous: mapped files)"
echo "serving stores: $(for id in "$A" "$B"; do du -b "$DATA/snapshots/$id.serve" | awk -v id="$id" '{printf "%s %.1f MiB; ", id, $1/1048576}'; done)"
