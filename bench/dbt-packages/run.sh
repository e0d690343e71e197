#!/usr/bin/env bash
# The integration-test projects of five dbt packages, unchanged, on a DuckDB profile: `wellhouse deps`, then
# `wellhouse build` (codegen first runs `run-operation create_source_table`, as its CI does), and the table of
# docs/engine.md ("Packages' own integration tests"): passed / nodes per package, then every node that did not pass
# with the first line of its message.
#
#   bench/dbt-packages/run.sh SRC [WORK]
#
# SRC holds clones of the five repositories (git clone https://github.com/dbt-labs/dbt-utils, calogica/dbt-date,
# calogica/dbt-expectations, dbt-labs/dbt-audit-helper, dbt-labs/dbt-codegen into SRC/dbt-utils, SRC/dbt-date, ...).
# They are copied into WORK (default: a new temp folder) and run there unchanged: with no network, their hub
# dependencies (dbt-labs/dbt_utils, calogica/dbt_date) come from a package hub served on loopback by hub.py from the
# clones' version tags (DBT_PACKAGE_HUB_URL), so `deps` resolves version ranges and honours the integration projects'
# package-lock.yml as dbt would (codegen's and audit-helper's pin dbt_utils 1.1.1). Nothing is written to SRC or to
# this repository. Needs the wellhouse CLI built (dotnet build src/Wellhouse -c Release), git and python3.
#
# With WELLHOUSE_BENCH_TARGET=postgres the projects build on PostgreSQL through their own profiles.yml (its target
# postgres, as the packages' CI runs it): POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER and DBT_ENV_SECRET_POSTGRES_PASS
# name a server whose user may create databases (e.g. a private cluster: initdb, pg_ctl start on a loopback port);
# each package gets a new database wellhouse_<package> (dropped first if it exists) and the schema dbt_<package>.
set -euo pipefail
src=$(cd "${1:?usage: run.sh SRC [WORK]}" && pwd)
work=${2:-$(mktemp -d /tmp/wellhouse-dbt-packages.XXXXXX)}
mkdir -p "$work"
repo=$(cd "$(dirname "$0")/../.." && pwd)
cli=$(ls "$repo"/src/Wellhouse/bin/Release/net*/*/wellhouse.dll 2>/dev/null | head -1)
[[ -n "$cli" ]] || { echo "build the CLI first: dotnet build src/Wellhouse -c Release" >&2; exit 1; }
packages=(dbt-date dbt-expectations dbt-utils dbt-codegen dbt-audit-helper)

for p in "${packages[@]}"; do
  [[ -d "$src/$p/integration_tests" ]] || { echo "missing $src/$p (a clone of the package's repository)" >&2; exit 1; }
  rm -rf "${work:?}/$p" && cp -r "$src/$p" "$work/$p"
done

for p in "${packages[@]}"; do
  mkdir -p "$work/$p/profiles"
  if [[ ${WELLHOUSE_BENCH_TARGET:-duckdb} == postgres ]]; then
    cp "$work/$p/integration_tests/profiles.yml" "$work/$p/profiles/profiles.yml"
    continue
  fi
  cat > "$work/$p/profiles/profiles.yml" <<YML
integration_tests:
  target: duckdb
  outputs:
    duckdb:
      type: duckdb
      path: $work/$p/integration_tests.duckdb
      threads: 1
YML
done

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 "$(dirname "$0")/hub.py" "$port" dbt-labs/dbt_utils="$src/dbt-utils" calogica/dbt_date="$src/dbt-date" > "$work/hub.log" 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/v1/dbt-labs/dbt_utils.json" > /dev/null && break; sleep 0.2; done
export DBT_PACKAGE_HUB_URL="http://127.0.0.1:$port/"

wh() { dotnet "$cli" "$@"; }
target=()
[[ ${WELLHOUSE_BENCH_TARGET:-duckdb} == postgres ]] && target=(--target postgres)
for p in "${packages[@]}"; do
  project="$work/$p/integration_tests"
  echo "== $p ($(git -C "$src/$p" rev-parse --short HEAD 2>/dev/null || echo '?'))" >&2
  rm -f "$work/$p/integration_tests.duckdb"
  if [[ ${WELLHOUSE_BENCH_TARGET:-duckdb} == postgres ]]; then
    database="wellhouse_${p//-/_}"
    PGPASSWORD="${DBT_ENV_SECRET_POSTGRES_PASS:-}" psql -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U "$POSTGRES_USER" -d postgres \
      -c "drop database if exists $database with (force)" -c "create database $database" >&2
    export POSTGRES_DATABASE="$database" POSTGRES_SCHEMA="dbt_${p//-/_}"
  fi
  wh deps --project-dir "$project" --profiles-dir "$work/$p/profiles" > "$work/$p/deps.log" 2>&1 || { echo "deps failed: $work/$p/deps.log" >&2; continue; }
  if [[ $p == dbt-codegen ]]; then
    wh run-operation create_source_table --project-dir "$project" --profiles-dir "$work/$p/profiles" "${target[@]}" > "$work/$p/operation.log" 2>&1 || true
  fi
  wh build --project-dir "$project" --profiles-dir "$work/$p/profiles" "${target[@]}" > "$work/$p/build.log" 2>&1 || true
done

python3 - "$work" "${packages[@]}" <<'PY'
import json, os, sys
work, packages = sys.argv[1], sys.argv[2:]
print("| Project | Passed / nodes | Not passing |")
print("| --- | --- | --- |")
failures = []
for p in packages:
    path = os.path.join(work, p, "integration_tests", "target", "run_results.json")
    if not os.path.exists(path):
        print(f"| {p} | no run_results.json | see {work}/{p}/build.log |")
        continue
    results = json.load(open(path))["results"]
    passed = [r for r in results if r["status"] in ("success", "pass", "warn")]
    others = [r for r in results if r not in passed]
    counts = {}
    for r in others:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    share = f" ({100 * len(passed) / len(results):.1f} %)" if results else ""
    print(f"| {p} | {len(passed)} / {len(results)}{share} | {', '.join(f'{n} {s}' for s, n in sorted(counts.items())) or '-'} |")
    failures += [(p, r) for r in others]
print()
for p, r in failures:
    first = (r.get("message") or "").strip().splitlines()
    print(f"{p}: {r['status']} {r['unique_id']}: {' / '.join(l.strip() for l in first[:3])[:300]}")
PY
echo "work folder: $work (delete it when done)" >&2
