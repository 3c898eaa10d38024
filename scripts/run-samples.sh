#!/usr/bin/env bash
# One command: set up a fresh Debian 12 machine (as root), build truce, and
# code the bundled sample articles, printing the events as a table.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bash "$top/scripts/setup.sh"
cmake -S "$top" -B "$top/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$top/build" -j"$(nproc)" >/dev/null
"$top/build/truce" code --format table "$top/samples"
