#!/usr/bin/env bash
# truce validate tabari: TABARI's validation suite runs to the end and
# prints the "N passed, M failed" line; skipped (77) without ../shared.
set -u
shared="${TRUCE_SHARED_DIR:-}"
project="$shared/dictionaries/tabari/Validate.project"
[ -n "$shared" ] && [ -f "$project" ] || exit 77
out=$("$TRUCE_BIN" validate tabari "$project" 2>/dev/null)
rc=$?
last=$(printf '%s\n' "$out" | tail -1)
printf '%s\n' "$last"
[[ "$last" =~ ^[0-9]+\ passed,\ [0-9]+\ failed$ ]] || { echo "no summary line"; exit 1; }
# 0: all passed, 1: some failed; anything else is a crash or a load error
[ "$rc" -le 1 ] || { echo "exit status $rc"; exit 1; }
# usage errors
"$TRUCE_BIN" validate >/dev/null 2>&1; [ $? -eq 2 ] || { echo "usage"; exit 1; }
"$TRUCE_BIN" validate tabari /nonexistent.project >/dev/null 2>&1
[ $? -eq 3 ] || { echo "missing project"; exit 1; }
exit 0
