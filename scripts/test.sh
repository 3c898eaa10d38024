#!/usr/bin/env bash
# One command: set up (as root on a fresh Debian 12), build, and run the
# whole test suite: unit, golden, CLI and fuzz-corpus tests in a normal
# build, the same under ASan+UBSan, and a bounded libFuzzer run of every
# fuzz target. .ci/run calls exactly this.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
bash "$top/scripts/setup.sh"

echo "== build (warnings are errors)"
cmake -S "$top" -B "$top/build" -DTRUCE_WERROR=ON >/dev/null
cmake --build "$top/build" -j"$jobs" >/dev/null
echo "== tests"
ctest --test-dir "$top/build" --output-on-failure -j"$jobs"

echo "== build with ASan+UBSan"
cmake -S "$top" -B "$top/build-asan" -DTRUCE_WERROR=ON \
      -DCMAKE_BUILD_TYPE=Debug -DTRUCE_SANITIZE=address,undefined >/dev/null
cmake --build "$top/build-asan" -j"$jobs" >/dev/null
echo "== tests under ASan+UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$top/build-asan" --output-on-failure -j"$jobs"

echo "== bounded fuzzing (libFuzzer, clang)"
bash "$top/scripts/fuzz.sh" "${TRUCE_FUZZ_SECONDS:-30}"
