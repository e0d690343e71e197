#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need first (Debian packages), so that a fresh
# machine with only the .NET SDK can run it. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
dotnet test Wellhouse.slnx -c Release "$@"
