#!/usr/bin/env bash
# truce report: a self-contained HTML page that renders in headless
# Chromium with no console errors; nothing is fetched from the network.
. "$(dirname "$0")/lib.bash"
DIR="$SRC/samples/ceasefires"
DB="$WORK/r.db"
"$TRUCE" ingest --db "$DB" "$DIR/monitor.jsonl" "$DIR/dedup.jsonl" > /dev/null 2>&1
expect_status 0 $? "ingest"
INI=(--ceasefire "$DIR/libya-2020.ini")
"$TRUCE" monitor "$DIR/libya-2020.ini" --db "$DB" 2>&1 | grep -q "without libinih" && INI=()
"$TRUCE" report --db "$DB" -o "$WORK/report.html" "${INI[@]}" --from 2020-02-28 --to 2020-03-10
expect_status 0 $? "report"
expect_grep "<svg" "$WORK/report.html" "inline SVG"
expect_grep "Haftar" "$WORK/report.html" "event table sentences"
if grep -Eq '(src|href)="https?:' "$WORK/report.html"; then not_ok "report fetches from the network"
else ok "self-contained"; fi
"$TRUCE" report --db "$WORK/none.db" -o "$WORK/x.html" > /dev/null 2>&1
expect_status 3 $? "missing store"

CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then echo "skip: no chromium"; exit 77; fi
PROFILE=$(mktemp -d "$WORK/profile-XXXXXX")
timeout 60 "$CHROME" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync \
    --no-first-run --user-data-dir="$PROFILE" --enable-logging=stderr --v=0 \
    --window-size=1000,1400 --screenshot="$WORK/report.png" \
    "file://$WORK/report.html" > "$WORK/chrome.out" 2> "$WORK/chrome.err"
expect_status 0 $? "chromium"
if [ -s "$WORK/report.png" ]; then ok "screenshot"; else not_ok "no screenshot"; fi
if grep -E 'CONSOLE|Uncaught|ERR_' "$WORK/chrome.err" | grep -v 'dbus' > "$WORK/console"; then
    not_ok "console errors:"; sed 's/^/    /' "$WORK/console"
else ok "no console errors"; fi
[ -n "${TRUCE_SCREENSHOT:-}" ] && cp "$WORK/report.png" "$TRUCE_SCREENSHOT"
finish
