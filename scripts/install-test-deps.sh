#!/usr/bin/env bash
# Debian packages the tests use: Debian's Jinja2 (for /usr/bin/python3) as the reference in differential tests of
# the Jinja engine; Debian's chromium (headless) for the dashboard's browser tests, driven by Microsoft.Playwright
# with ExecutablePath /usr/bin/chromium (no browser is downloaded); strace, which shows that renames into the data
# directory are followed by an fsync of their folder (DurabilityTests); postgresql, whose server binaries
# (/usr/lib/postgresql/*/bin: initdb, pg_ctl) the PostgreSQL adapter's tests run as a private cluster in a temp folder
# (no system service is used; the package's own cluster, if apt starts one, is left alone). Installs only what is missing; needs root (as on
# CI) or does nothing but warn. Then the npm packages of tests/clients (Redocly's OpenAPI linter, openapi-typescript,
# openapi-fetch, TypeScript), pinned by its package-lock.json, with the machine's Node.js (npm ci).
set -uo pipefail
cd "$(dirname "$0")/.."
if [ ! -d tests/clients/node_modules/@redocly/cli ]; then
    echo "install-test-deps: npm ci in tests/clients"
    (cd tests/clients && npm ci --no-audit --no-fund --loglevel=error) \
        || echo "install-test-deps: npm ci in tests/clients failed; the OpenAPI client tests will fail" >&2
fi
missing=()
/usr/bin/python3 -c "import jinja2" >/dev/null 2>&1 || missing+=(python3-jinja2)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v strace >/dev/null 2>&1 || missing+=(strace)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-test-deps: missing ${missing[*]} and not root; the tests that need them will fail" >&2
    exit 0
fi
echo "install-test-deps: installing ${missing[*]}"
(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") >/dev/null 2>&1 \
    || echo "install-test-deps: apt-get install ${missing[*]} failed" >&2
exit 0
