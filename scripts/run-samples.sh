#!/usr/bin/env bash
# One command: set up a fresh Debian 12 machine (as root), build truce, and
# code the bundled sample articles, printing their events as a table. Each
# article is coded with its date from samples/dates.tsv, so date-bounded
# actor codes (the GNA, then the GNU) come out right.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bash "$top/scripts/setup.sh"
cmake -S "$top" -B "$top/build" >/dev/null
cmake --build "$top/build" -j"$(nproc)" --target truce >/dev/null
first=1
while IFS=$'\t' read -r name date; do
    case "$name" in ''|'#'*) continue ;; esac
    if [ $first -eq 1 ]; then
        "$top/build/truce" code --date "$date" --format table \
            "$top/samples/$name.txt"
        first=0
    else
        "$top/build/truce" code --date "$date" --format table \
            "$top/samples/$name.txt" | tail -n +2
    fi
done < "$top/samples/dates.tsv"
