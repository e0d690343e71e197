#!/usr/bin/env bash
# Decline hindcast benchmark (issue 15): as-of hindcasts of oil on the North Dakota Bakken wells (read from
# ../shared/data/raw/nd-bakken at run time, converted to the raw contract in a temporary folder, never copied into the
# repository), on the NPD/Sodir fields (tests/fixtures/real-data) and on the Volve sample (data/sample), with `wellhouse decline hindcast` (the population method and
# the library's per-well Arps fit) beside a plain per-well SciPy Arps least-squares fit in the same run.
# Usage: bash bench/decline/run.sh            Output: bench/decline/results-nd.md, results-npd.md, results-volve.md
# WELLHOUSE_SHARED=DIR reads the North Dakota wells from DIR/data/raw/nd-bakken (default ../shared, beside the repository).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash bench/Wellhouse.Decline.Bench/install-scipy.sh
work="$(mktemp -d "${TMPDIR:-/tmp}/wellhouse-decline-hindcast-XXXXXX")"
trap 'rm -rf "$work"' EXIT
dotnet build -c Release src/Wellhouse -v q -nologo >/dev/null
wellhouse=(dotnet src/Wellhouse/bin/Release/net10.0/linux-x64/wellhouse.dll)
echo "machine: $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

nd="${WELLHOUSE_SHARED:-../shared}/data/raw/nd-bakken"
if [ -f "$nd/ND_PRODUCTION_DATA.csv" ]; then
    /usr/bin/python3 bench/decline/nd_to_raw.py "$nd" "$work/nd.csv"
    /usr/bin/time -f "North Dakota hindcast: %e s wall, %U s user" "${wellhouse[@]}" decline hindcast --input "$work/nd.csv" --output "$work/nd-rows.csv"
    /usr/bin/python3 bench/decline/arps_baseline.py "$work/nd.csv" "$work/nd-rows.csv" bench/decline/results-nd.md
else
    echo "skipping North Dakota: $nd is missing (set WELLHOUSE_SHARED to the folder holding data/raw/nd-bakken)"
fi

# NPD/Sodir fields (NLOD, bundled in tests/fixtures/real-data): 89 Norwegian fields as one "well" each, monthly
# 1971-06..2013-02; as-of dates every 6 months from 24 months after the first month while 24 months follow.
/usr/bin/python3 bench/decline/npd_to_raw.py tests/fixtures/real-data/npd-factpages-2013/field_production_monthly.csv "$work/npd.csv"
/usr/bin/time -f "NPD fields hindcast: %e s wall, %U s user" "${wellhouse[@]}" decline hindcast --input "$work/npd.csv" --output "$work/npd-rows.csv"
/usr/bin/python3 bench/decline/arps_baseline.py "$work/npd.csv" "$work/npd-rows.csv" bench/decline/results-npd.md

# Volve: 7 wells with daily rates, 2008-2016; as-of dates every 6 months from 2010-07 while 24 months follow.
"${wellhouse[@]}" decline hindcast --input data/sample/volve_well_production.csv --as-of 2010-07-01,2011-01-01,2011-07-01,2012-01-01,2012-07-01,2013-01-01,2013-07-01,2014-01-01,2014-07-01 --output "$work/volve-rows.csv"
/usr/bin/python3 bench/decline/arps_baseline.py data/sample/volve_well_production.csv "$work/volve-rows.csv" bench/decline/results-volve.md
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
