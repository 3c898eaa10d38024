#!/usr/bin/env bash
# Build the fuzz targets with clang's libFuzzer plus ASan+UBSan and run each
# for SECONDS (default 30) from its corpus. A crash fails the run and leaves
# the input in build-fuzz/; add it to fuzz/corpus/NAME/ once fixed.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-30}
if ! command -v clang-14 >/dev/null 2>&1; then
    echo "fuzz: clang-14 not installed; skipped"
    exit 0
fi
CC=clang-14 cmake -S "$top" -B "$top/build-fuzz" -DTRUCE_FUZZ=ON \
    -DTRUCE_SANITIZE=address,undefined -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$top/build-fuzz" -j"$(nproc)" --target all >/dev/null
status=0
for src in "$top"/fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    corpus="$top/fuzz/corpus/${name#fuzz_}"
    work="$top/build-fuzz/corpus-${name#fuzz_}"
    mkdir -p "$work"
    echo "fuzz: $name for ${secs}s"
    if ! (cd "$top/build-fuzz" && TRUCE_DICT_DIR="$top/dict" \
          "./fuzz/$name" -max_total_time="$secs" -rss_limit_mb=2048 \
          -print_final_stats=0 "$work" "$corpus" >"$work.log" 2>&1); then
        echo "fuzz: $name FAILED; see $work.log"
        tail -40 "$work.log"
        status=1
    fi
done
exit $status
