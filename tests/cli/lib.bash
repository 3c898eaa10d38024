# Shared helpers for the CLI tests (sourced, not run by ctest: no .sh test
# should be named lib). Each test runs `truce` and checks exit status,
# messages on stderr and events on stdout.
set -u
TRUCE=${TRUCE_BIN:?TRUCE_BIN not set}
SRC=${TRUCE_SOURCE_DIR:?TRUCE_SOURCE_DIR not set}
WORK=$(mktemp -d /tmp/truce-cli-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
FAILS=0
PASSES=0

GOOD_TEXT="TRIPOLI, Feb 20 (Truce Wire) - Turkish troops shelled the positions of Libyan rebels near Sirte on Monday, officials said."

ok() { PASSES=$((PASSES + 1)); echo "ok - $1"; }
not_ok() { FAILS=$((FAILS + 1)); echo "not ok - $1"; }

# expect_status WANT GOT NAME
expect_status() {
    if [ "$2" -eq "$1" ]; then ok "$3: exit $2"; else not_ok "$3: exit $2, wanted $1"; fi
}

# expect_grep PATTERN FILE NAME
expect_grep() {
    if grep -q -- "$1" "$2"; then ok "$3: says '$1'"; else
        not_ok "$3: no '$1' in:"; sed 's/^/    /' "$2" | head -20; fi
}

# expect_events_min N FILE NAME: at least N JSON lines with a "code" key
expect_events_min() {
    local n
    n=$(grep -c '"code"' "$2" || true)
    if [ "$n" -ge "$1" ]; then ok "$3: $n event(s)"; else not_ok "$3: $n event(s), wanted >= $1"; fi
}

finish() {
    echo "$PASSES passed, $FAILS failed"
    [ "$FAILS" -eq 0 ]
    exit $?
}
