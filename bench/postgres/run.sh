#!/usr/bin/env bash
# The warehouse built on PostgreSQL 15 beside DuckDB, on the same generated wells (issue 17).
# Usage: bash bench/postgres/run.sh [WELLS] [DAYS] [TARGETS]   (default 1000 wells x 1000 days, "postgres prod")
# Starts a private PostgreSQL cluster in a temp folder (initdb + pg_ctl on a free loopback port; as the postgres user
# when run as root), loads the raw rows as text with COPY, builds warehouse/ with --target postgres and with --target
# prod (DuckDB, into a temp file) from the same CSV, and prints for each: wall time, the wellhouse process's CPU time and maximum RSS
# (/usr/bin/time), the PostgreSQL server's CPU time (its processes' utime+stime from /proc, before and after), and the
# slowest nodes. Everything it creates is deleted at the end. Needs Debian's postgresql package
# (scripts/install-test-deps.sh) and a Release build (dotnet build Wellhouse.slnx -c Release).
set -euo pipefail
WELLS=${1:-1000}
DAYS=${2:-1000}
TARGETS=${3:-postgres prod}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WH="$ROOT/src/Wellhouse/bin/Release/net10.0/linux-x64/wellhouse"
BIN=${WELLHOUSE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
[ -x "$WH" ] || { echo "build first: dotnet build Wellhouse.slnx -c Release" >&2; exit 2; }
[ -x "$BIN/initdb" ] || { echo "no PostgreSQL server binaries (bash scripts/install-test-deps.sh)" >&2; exit 2; }

WORK=$(mktemp -d /tmp/wellhouse-pg-bench-XXXXXX)
chmod 755 "$WORK"
AS=()
if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); chown postgres "$WORK"; fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() {
    "${AS[@]}" "$BIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

"${AS[@]}" "$BIN/initdb" -D "$WORK/data" -U wellhouse --auth-local trust --auth-host trust -E UTF8 --locale C --no-sync >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$WORK/data" -l "$WORK/server.log" -w \
    -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=wellhouse PGDATABASE=postgres
psql -qc "create database bench"
export PGDATABASE=bench

"$WH" generate --wells "$WELLS" --days "$DAYS" --seed 1 --format csv --output "$WORK/raw" >/dev/null
CSV=$(ls "$WORK"/raw/well_production_part*.csv)
HEADER=$(head -q -n 1 $CSV | head -1 | sed 's/,/ text, /g')
psql -qc "create schema main; create table main.well_production ($HEADER text)"
case " $TARGETS " in *" postgres "*)
    for f in $CSV; do psql -qc "\\copy main.well_production from '$f' csv header"; done
    ROWS=$(psql -Atc "select count(*) from main.well_production") ;;
*) ROWS="$(cat $CSV | wc -l) - $(echo $CSV | wc -w) headers" ;;
esac

server_cpu() {  # clock ticks of the cluster: its postmaster, the backends that exited (reaped: the postmaster's
    # cutime+cstime) and those still running
    local pid total postmaster
    postmaster=$(head -1 "$WORK/data/postmaster.pid")
    total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat")
    for pid in $(pgrep -P "$postmaster" || true); do
        [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
    done
    echo "$total"
}
TICKS=$(getconf CLK_TCK)

build() {  # $1 target, $2 vars
    local before after
    before=$(server_cpu)
    (cd "$ROOT/warehouse" && WELLHOUSE_SNAPSHOT_PATH="$WORK/prod.duckdb" /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" \
        "$WH" build --target "$1" --vars "$2" > "$WORK/$1.log" 2>&1) || { grep -v -E ' (SKIP|PASS|OK|START) ' "$WORK/$1.log" | tail -40; exit 1; }
    after=$(server_cpu)
    read -r wall user sys rss < "$WORK/time"
    printf '%-9s %s | wall %6.1f s | wellhouse CPU %6.1f s, max RSS %5d MiB | PostgreSQL server CPU %6.1f s\n' \
        "$1" "$(grep -o 'Done\..*' "$WORK/$1.log")" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024)) \
        "$(echo "($after - $before) / $TICKS" | bc -l)"
    grep -E ' OK created' "$WORK/$1.log" | sed -E 's/.* (main\.[a-z_]+) .*\[OK in ([0-9.]+)s\]/\2 \1/' | sort -rn | head -6 | sed 's/^/    /'
}

echo "$WELLS wells x $DAYS days: $ROWS raw rows; load $(cut -d' ' -f1-3 /proc/loadavg)"
case " $TARGETS " in *" postgres "*) build postgres "{raw_location: '', as_of_date: 2026-01-01}" ;; esac
# the generated parts as one glob (a list of CSV paths is not a location)
case " $TARGETS " in *" prod "*) build prod "{raw_location: '$WORK/raw/well_production_part*.csv', as_of_date: 2026-01-01}" ;; esac
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
