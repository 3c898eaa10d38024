#!/usr/bin/env bash
# truce validate tabari: TABARI's validation suite, coded by the TABARI
# engine. At least 90% of the records pass; every failing record is one of
# the known ones (tests/cli/data/tabari-validate-known.txt, with reasons),
# and no known one passes (the list may only shrink). Skipped (77) without
# ../shared.
set -u
shared="${TRUCE_SHARED_DIR:-}"
project="$shared/dictionaries/tabari/Validate.project"
known="$(dirname "$0")/data/tabari-validate-known.txt"
[ -n "$shared" ] && [ -f "$project" ] || exit 77
out=$("$TRUCE_BIN" validate tabari "$project" 2>/dev/null)
rc=$?
last=$(printf '%s\n' "$out" | tail -1)
printf '%s\n' "$last"
[[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]] || { echo "no summary line"; exit 1; }
passed=${BASH_REMATCH[1]} failed=${BASH_REMATCH[2]}
# 0: all passed, 1: some failed; anything else is a crash or a load error
[ "$rc" -le 1 ] || { echo "exit status $rc"; exit 1; }
[ $((passed * 100)) -ge $(((passed + failed) * 90)) ] || { echo "under 90%"; exit 1; }
bad=0
while IFS= read -r id; do
    grep -qxF "$id" <(grep -v '^#' "$known" | cut -f1) || { echo "new failure: $id"; bad=1; }
done < <(printf '%s\n' "$out" | sed -n 's/^FAIL \([^:]*\):.*/\1/p')
while IFS= read -r id; do
    printf '%s\n' "$out" | grep -qF "FAIL $id:" || { echo "passes now, remove from the list: $id"; bad=1; }
done < <(grep -v '^#' "$known" | cut -f1)
[ "$bad" -eq 0 ] || exit 1
# one record alone
one=$("$TRUCE_BIN" validate tabari "$project" --only DEMO-01 2>/dev/null | tail -1)
[ "$one" = "1 passed, 0 failed" ] || { echo "--only: $one"; exit 1; }
# usage errors
"$TRUCE_BIN" validate >/dev/null 2>&1; [ $? -eq 2 ] || { echo "usage"; exit 1; }
"$TRUCE_BIN" validate tabari /nonexistent.project >/dev/null 2>&1
[ $? -eq 3 ] || { echo "missing project"; exit 1; }
exit 0
