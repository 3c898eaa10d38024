#!/usr/bin/env bash
# truce monitor: the counts on a sample ceasefire match a hand count
# (samples/ceasefires/monitor.expected); bad ceasefire files are reported.
. "$(dirname "$0")/lib.bash"
DIR="$SRC/samples/ceasefires"
DB="$WORK/m.db"
# The hand count assumes places (two attacks near two cities are two real
# events); without the gazetteer (no npm data at build time) it cannot hold.
if [ ! -f "${TRUCE_GEO_TABLE:-}" ]; then
    echo "skip: no gazetteer at '${TRUCE_GEO_TABLE:-}' (npm data absent)"; exit 77; fi
"$TRUCE" ingest --db "$DB" "$DIR/monitor.jsonl" > /dev/null 2>&1
expect_status 0 $? "ingest"
"$TRUCE" monitor "$DIR/libya-2020.ini" --db "$DB" > "$WORK/out" 2> "$WORK/err"
st=$?
if grep -q "built without libinih" "$WORK/err"; then
    echo "skip: truce built without libinih"; exit 77; fi
expect_status 0 $st "monitor"
grep -v '^#' "$DIR/monitor.expected" > "$WORK/want"
if diff "$WORK/want" "$WORK/out" > "$WORK/diff"; then ok "monitor matches the hand count"
else not_ok "monitor differs:"; sed 's/^/    /' "$WORK/diff"; fi
"$TRUCE" monitor "$DIR/libya-2020.ini" --db "$DB" --format csv > "$WORK/out"
expect_grep '^2020-03-05,LNA,2,0,0,0,1,0,27.0,JUMP' "$WORK/out" "csv"

printf '[ceasefire]\nname = x\nstart = 2020-13-01\n' > "$WORK/bad.ini"
"$TRUCE" monitor "$WORK/bad.ini" --db "$DB" > /dev/null 2> "$WORK/err"
expect_status 1 $? "bad start date"
expect_grep "bad.ini: error: line 3" "$WORK/err" "bad line reported"
printf '[ceasefire]\nstart = 2020-01-01\n[party A]\nactors = X*\n' > "$WORK/one.ini"
"$TRUCE" monitor "$WORK/one.ini" --db "$DB" > /dev/null 2> "$WORK/err"
expect_status 1 $? "one party"
expect_grep "two \[party NAME\]" "$WORK/err" "one party reported"
"$TRUCE" monitor "$WORK/none.ini" --db "$DB" > /dev/null 2>&1
expect_status 1 $? "missing file"
"$TRUCE" monitor > /dev/null 2>&1; expect_status 2 $? "no file"
finish
