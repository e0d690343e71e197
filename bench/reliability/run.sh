#!/usr/bin/env bash
# Reliability probes (issue 16): bad uploads, injection and traversal, publish under load, kill -9 during writes,
# read-only and full data directory. Builds wellhouse into <work>/bin, generates 200 wells x 60 months, then runs
# bench/reliability/probe.py against a real `wellhouse serve` on loopback and prints one table row per probe.
#   bash bench/reliability/run.sh [work folder] [--quick]
# Needs wrk and /usr/bin/python3 (Debian); the fault probes need root (they mount a read-only bind and a small tmpfs).
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK="$(realpath -m "${1:-/tmp/wellhouse-probes}")"; shift || true
mkdir -p "$WORK"
dotnet build src/Wellhouse -c Release -v q -nologo -o "$WORK/bin" >/dev/null
exec /usr/bin/python3 bench/reliability/probe.py "$WORK/bin/wellhouse" "$WORK" "$@"
