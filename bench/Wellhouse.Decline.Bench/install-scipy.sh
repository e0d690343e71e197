#!/usr/bin/env bash
# Installs Debian's python3-scipy for /usr/bin/python3 (the SciPy reference of the decline benchmark).
set -euo pipefail
if /usr/bin/python3 -c "import scipy" 2>/dev/null; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "python3-scipy is missing; run as root or: sudo apt-get install -y python3-scipy" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq python3-scipy >/dev/null
