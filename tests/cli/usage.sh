#!/usr/bin/env bash
# Exit statuses of the command line: 2 for usage errors, 3 when truce
# cannot start, 0 for help and version; output formats.
. "$(dirname "$0")/lib.bash"

"$TRUCE" > /dev/null 2>&1; expect_status 2 $? "no command"
"$TRUCE" frobnicate > /dev/null 2>&1; expect_status 2 $? "unknown command"
"$TRUCE" code --format xml /dev/null > /dev/null 2>&1; expect_status 2 $? "bad --format"
"$TRUCE" code --date 2020-2-3 /dev/null > /dev/null 2>&1; expect_status 2 $? "bad --date"
"$TRUCE" code --date > /dev/null 2>&1; expect_status 2 $? "--date without value"
"$TRUCE" code --dict-dir /nonexistent/dict /dev/null > /dev/null 2> "$WORK/err"
expect_status 3 $? "missing dictionaries"
expect_grep "cannot load the dictionaries" "$WORK/err" "missing dictionaries"
"$TRUCE" --help > /dev/null; expect_status 0 $? "help"
"$TRUCE" version > "$WORK/out"; expect_status 0 $? "version"
expect_grep "truce 0" "$WORK/out" "version"

printf '%s\n' "$GOOD_TEXT" > "$WORK/good.txt"
"$TRUCE" code --format table "$WORK/good.txt" > "$WORK/out"
expect_status 0 $? "table"
expect_grep "^doc	sent	code" "$WORK/out" "table header"
"$TRUCE" code --format csv "$WORK/good.txt" > "$WORK/out"
expect_status 0 $? "csv"
expect_grep '^doc,sent,code' "$WORK/out" "csv header"
"$TRUCE" code --date 2020-02-20 < "$WORK/good.txt" > "$WORK/out"
expect_status 0 $? "stdin text"
expect_events_min 1 "$WORK/out" "stdin text"

"$TRUCE" dict stats > "$WORK/out"; expect_status 0 $? "dict stats"
expect_grep "verb patterns" "$WORK/out" "dict stats"
"$TRUCE" dict check > "$WORK/out"; expect_status 0 $? "shipped dictionaries are clean"
expect_grep "^0 unreadable line" "$WORK/out" "shipped dictionaries are clean"

finish
