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
# They are copied into WORK (default: a new temp folder) and changed there only: with no network, a package's hub
# dependency (dbt-labs/dbt_utils, calogica/dbt_date) becomes a `local:` entry naming the copy of that repository, and
# the integration projects' package-lock.yml (which pins the hub's versions) is removed. Nothing is written to SRC or
# to this repository. Needs the wellhouse CLI built: dotnet build src/Wellhouse -c Release.
set -euo pipefail
src=$(cd "${1:?usage: run.sh SRC [WORK]}" && pwd)
work=${2:-$(mktemp -d /tmp/wellhouse-dbt-packages.XXXXXX)}
repo=$(cd "$(dirname "$0")/../.." && pwd)
cli=$(ls "$repo"/src/Wellhouse/bin/Release/net*/*/wellhouse.dll 2>/dev/null | head -1)
[[ -n "$cli" ]] || { echo "build the CLI first: dotnet build src/Wellhouse -c Release" >&2; exit 1; }
packages=(dbt-date dbt-expectations dbt-utils dbt-codegen dbt-audit-helper)

for p in "${packages[@]}"; do
  [[ -d "$src/$p/integration_tests" ]] || { echo "missing $src/$p (a clone of the package's repository)" >&2; exit 1; }
  rm -rf "${work:?}/$p" && cp -r "$src/$p" "$work/$p"
done

# Hub dependencies of the packages themselves -> the local copies; the integration projects' locks pin hub versions.
for p in "${packages[@]}"; do
  for f in "$work/$p/packages.yml" "$work/$p/integration_tests/packages.yml"; do
    [[ -f "$f" ]] || continue
    python3 - "$f" "$work" <<'PY'
import sys, yaml
path, work = sys.argv[1], sys.argv[2]
local = {"dbt-labs/dbt_utils": "dbt-utils", "calogica/dbt_date": "dbt-date"}
data = yaml.safe_load(open(path)) or {}
entries = data.get("packages") or []
data["packages"] = [{"local": f"{work}/{local[e['package']]}"} if isinstance(e, dict) and e.get("package") in local else e for e in entries]
yaml.safe_dump(data, open(path, "w"), sort_keys=False)
PY
  done
  rm -f "$work/$p/integration_tests/package-lock.yml"
  mkdir -p "$work/$p/profiles"
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

wh() { dotnet "$cli" "$@"; }
for p in "${packages[@]}"; do
  project="$work/$p/integration_tests"
  echo "== $p ($(git -C "$src/$p" rev-parse --short HEAD 2>/dev/null || echo '?'))" >&2
  rm -f "$work/$p/integration_tests.duckdb"
  wh deps --project-dir "$project" --profiles-dir "$work/$p/profiles" > "$work/$p/deps.log" 2>&1 || { echo "deps failed: $work/$p/deps.log" >&2; continue; }
  if [[ $p == dbt-codegen ]]; then
    wh run-operation create_source_table --project-dir "$project" --profiles-dir "$work/$p/profiles" > "$work/$p/operation.log" 2>&1 || true
  fi
  wh build --project-dir "$project" --profiles-dir "$work/$p/profiles" > "$work/$p/build.log" 2>&1 || true
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
