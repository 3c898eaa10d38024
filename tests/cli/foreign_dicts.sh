#!/usr/bin/env bash
# The field's production dictionaries (issue 4): dict stats/check report
# the known bad lines with file:line and exit 1; dict convert writes our
# format and the result loads with our reader; coding with theirs alone
# gives events; scripts/count_foreign_dicts.py agrees with dict stats.
# Skipped (77) without $TRUCE_SHARED_DIR/dictionaries.
shared="${TRUCE_SHARED_DIR:-}"
[ -n "$shared" ] && [ -d "$shared/dictionaries" ] || exit 77
. "$(dirname "$0")/lib.bash"

ini="$shared/dictionaries/petrarch2/config/PETR_config.ini"
[ -f "$ini" ] || exit 77

# Known faults of the files: each must be reported with file:line.
bad_lines='Phoenix.Countries.actors.txt:745:
Phoenix.Countries.actors.txt:2039:
Phoenix.Countries.actors.txt:12159:
Phoenix.International.actors.txt:40:
Phoenix.International.actors.txt:267:
Phoenix.agents.txt:544:
Phoenix.agents.txt:1927:'

for cmd in stats check; do
    "$TRUCE" dict "$cmd" --dict-set "$ini" >"$WORK/$cmd.out" 2>"$WORK/$cmd.err"
    expect_status 1 $? "dict $cmd on the PETRARCH set"
    while IFS= read -r want; do
        expect_grep "$want" "$WORK/$cmd.err" "dict $cmd"
    done <<<"$bad_lines"
done
expect_grep "verb patterns" "$WORK/stats.out" "dict stats"
expect_grep "loaded: actors" "$WORK/stats.out" "dict stats"

# Convert, then load the converted files with our own reader.
mkdir -p "$WORK/conv"
"$TRUCE" dict convert --dict-set "$ini" --out "$WORK/conv" \
    >"$WORK/conv.out" 2>"$WORK/conv.err"
st=$?
if [ "$st" -le 1 ]; then ok "dict convert: exit $st"; else not_ok "dict convert: exit $st"; fi
expect_grep "cannot express" "$WORK/conv.err" "dict convert"
n=$(ls "$WORK"/conv/*.verbs "$WORK"/conv/*.actors "$WORK"/conv/*.agents 2>/dev/null | wc -l)
if [ "$n" -eq 5 ]; then ok "dict convert: 5 files"; else not_ok "dict convert: $n files, wanted 5"; fi
"$TRUCE" dict check "$WORK"/conv/*.verbs "$WORK"/conv/*.actors \
    "$WORK"/conv/*.agents >"$WORK/conv-check.out" 2>"$WORK/conv-check.err"
expect_status 0 $? "dict check on the converted files"
expect_grep "^0 unreadable line" "$WORK/conv-check.out" "dict check on the converted files"

# Their dictionaries alone code a sample.
"$TRUCE" code --date 2020-02-20 --dict-set "$ini" --theirs-only \
    "$SRC/samples/01-tripoli-airport.txt" >"$WORK/theirs.jsonl" 2>/dev/null
st=$?
if [ "$st" -le 1 ]; then ok "code --theirs-only: exit $st"; else not_ok "code --theirs-only: exit $st"; fi
expect_events_min 3 "$WORK/theirs.jsonl" "code --theirs-only"
expect_grep '"dict"' "$WORK/theirs.jsonl" "code --theirs-only records the dictionary"

# Independent counts agree with dict stats.
if command -v python3 >/dev/null; then
    if python3 "$SRC/scripts/count_foreign_dicts.py" --truce "$TRUCE" \
        --shared "$shared" >"$WORK/count.out" 2>&1; then
        ok "count_foreign_dicts.py agrees"
    else
        not_ok "count_foreign_dicts.py:"; grep -E 'NO|disagree|gave' "$WORK/count.out" | sed 's/^/    /'
    fi
fi
finish
