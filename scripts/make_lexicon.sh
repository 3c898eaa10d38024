#!/usr/bin/env bash
# make_lexicon.sh -- regenerate dict/lexicon.tsv from WordNet 3.0 with
# tools/mklexicon.c (built as tr_mklexicon). Needs the Debian packages
# wordnet-base (the data) and wordnet-dev (libwordnet, wn.h).
#
# Usage: scripts/make_lexicon.sh [BUILD_DIR] [WORDNET_DIR]
#   BUILD_DIR    CMake build directory to build tr_mklexicon in (default: build)
#   WORDNET_DIR  WordNet dict folder (default: $WNSEARCHDIR or /usr/share/wordnet)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
wndir=${2:-${WNSEARCHDIR:-/usr/share/wordnet}}
out="$root/dict/lexicon.tsv"

for f in index.verb index.noun index.adj verb.exc noun.exc adj.exc cntlist.rev; do
    if [ ! -r "$wndir/$f" ]; then
        echo "make_lexicon.sh: $wndir/$f not found (install wordnet-base)" >&2
        exit 1
    fi
done

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build"
fi
cmake --build "$build" --target tr_mklexicon
tool=$(find "$build" -type f -name tr_mklexicon -perm -u+x | head -n 1)
if [ -z "$tool" ]; then
    echo "make_lexicon.sh: tr_mklexicon was not built (is wordnet-dev installed?)" >&2
    exit 1
fi

# Write next to the target and rename, so a failed run leaves the old file.
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
"$tool" "$wndir" > "$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "$out: $(wc -l < "$out") lines, $(wc -c < "$out") bytes"
