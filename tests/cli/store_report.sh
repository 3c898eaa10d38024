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

# The map of placed events: one circle per distinct place of the period.
# monitor.jsonl places its events in Tripoli, Sirte and Geneva (dedup.jsonl
# adds Tripoli again) when the gazetteer was built; without it no event has
# a place and the map says so.
expect_grep '<h2 id="map">' "$WORK/report.html" "map section"
circles() { grep -o '<circle class="place ' "$1" | wc -l; }
if [ "$("$TRUCE" query --db "$DB" --place Tripoli --format csv | wc -l)" -gt 1 ]; then
    n=$(circles "$WORK/report.html")
    if [ "$n" -eq 3 ]; then ok "map: 3 places"; else not_ok "map: $n places, wanted 3"; fi
    expect_grep '<title>Tripoli (LBY): ' "$WORK/report.html" "map: Tripoli's tooltip"
    expect_grep '<title>Sirte (LBY): ' "$WORK/report.html" "map: Sirte's tooltip"
    expect_grep '<title>Geneva (CHE): ' "$WORK/report.html" "map: Geneva's tooltip"
    # Before the talks in Geneva (2020-03-04) every place is in Libya, and
    # the map zooms to Libya's coast.
    "$TRUCE" report --db "$DB" -o "$WORK/libya.html" --from 2020-02-28 --to 2020-03-03
    expect_status 0 $? "report of Libya only"
    n=$(circles "$WORK/libya.html")
    if [ "$n" -eq 2 ]; then ok "map of Libya: 2 places"; else not_ok "map of Libya: $n places, wanted 2"; fi
    if grep -q 'Country outlines: ' "$WORK/libya.html"; then
        expect_grep '<title>Libya</title>' "$WORK/libya.html" "map shows Libya"
        if grep -Eq '<title>(Switzerland|Brazil|China)</title>' "$WORK/libya.html"; then
            not_ok "map of Libya is not zoomed to Libya"
        else ok "map zoomed to the places"; fi
    else
        expect_grep 'drawn on a graticule' "$WORK/libya.html" "map without outlines"
    fi
else
    echo "# no gazetteer: no places"
    expect_grep 'No event in this period has a place' "$WORK/report.html" "map without places"
fi

CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then echo "skip: no chromium"; exit 77; fi
PROFILE=$(mktemp -d "$WORK/profile-XXXXXX")
timeout 60 "$CHROME" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync \
    --no-first-run --user-data-dir="$PROFILE" --enable-logging=stderr --v=0 \
    --window-size=1000,2800 --screenshot="$WORK/report.png" \
    "file://$WORK/report.html" > "$WORK/chrome.out" 2> "$WORK/chrome.err"
expect_status 0 $? "chromium"
if [ -s "$WORK/report.png" ]; then ok "screenshot"; else not_ok "no screenshot"; fi
if grep -E 'CONSOLE|Uncaught|ERR_' "$WORK/chrome.err" | grep -v 'dbus' > "$WORK/console"; then
    not_ok "console errors:"; sed 's/^/    /' "$WORK/console"
else ok "no console errors"; fi
[ -n "${TRUCE_SCREENSHOT:-}" ] && cp "$WORK/report.png" "$TRUCE_SCREENSHOT"
finish
