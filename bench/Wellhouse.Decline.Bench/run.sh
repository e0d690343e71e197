#!/usr/bin/env bash
# Runs the decline benchmark: installs Debian's python3-scipy (the reference) if needed, then the C# benchmark,
# which times Wellhouse.Decline and SciPy's curve_fit on the same wells in the same run.
# Usage: bash bench/Wellhouse.Decline.Bench/run.sh [--wells N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/install-scipy.sh"
dotnet run -c Release --project "$here/Wellhouse.Decline.Bench.csproj" -- "$@"
