#!/usr/bin/env bash
# truce code --engine tabari: a TABARI project of our own (data/tabari-mini)
# codes as TABARI would, events carry the dictionary file and line, and a
# broken dictionary line is reported with file and line while the rest
# still codes (exit 1). With ../shared, the TABARI production set codes
# the samples.
set -u
here=$(dirname "$0")
set_file="$here/data/tabari-mini/mini.project"
text='Valdoran gunners shelled Normark on Sunday. Valdor and Normark have met in Port Kelm on Sunday. Normark was freed by Valdor on Sunday night.'
out=$(printf '%s\n' "$text" | "$TRUCE_BIN" code --engine tabari --dict-set "$set_file" --format table - 2>&1)
rc=$?
[ "$rc" -eq 0 ] || { echo "exit $rc: $out"; exit 1; }
want=$'194\tVAL\tNMK\n043\tVAL\tNMK\n044\tNMK\tVAL\n067\tVAL\tNMK'
got=$(printf '%s\n' "$out" | awk -F'\t' 'NR>1 {print $3 "\t" $7 "\t" $9}')
[ "$got" = "$want" ] || { echo "got:"; printf '%s\n' "$got"; exit 1; }
json=$(printf '%s\n' "$text" | "$TRUCE_BIN" code --engine tabari --dict-set "$set_file" - 2>/dev/null | head -1)
[[ "$json" == *'"dict":"'*'mini.verbs:6"'* ]] || { echo "dict key: $json"; exit 1; }
# a broken line: reported with file:line, the rest still codes, exit 1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp "$here"/data/tabari-mini/* "$tmp/"
sed -i 's/^~~FINISH/- * BROKEN {\n~~FINISH/' "$tmp/mini.verbs"
line=$(grep -n 'BROKEN' "$tmp/mini.verbs" | cut -d: -f1)
err=$(printf '%s\n' "$text" | "$TRUCE_BIN" code --engine tabari --dict-set "$tmp/mini.project" - 2>&1 >/dev/null)
rc=$?
[ "$rc" -eq 1 ] || { echo "broken line: exit $rc"; exit 1; }
[[ "$err" == *"mini.verbs:$line"* ]] || { echo "no file:line in: $err"; exit 1; }
# PETRARCH files are not for this engine
"$TRUCE_BIN" code --engine tabari --dict-format petrarch --verbs "$tmp/mini.verbs" - </dev/null >/dev/null 2>&1
[ $? -ge 1 ] || { echo "petrarch accepted"; exit 1; }
"$TRUCE_BIN" code --engine nonsense - </dev/null >/dev/null 2>&1
[ $? -eq 2 ] || { echo "bad --engine value"; exit 1; }
# the production set, when ../shared is here
d="${TRUCE_SHARED_DIR:-}/dictionaries"
if [ -d "$d/tabari-dictionaries" ]; then
    n=$("$TRUCE_BIN" code --engine tabari --verbs "$d/tabari/CAMEO.091003.master.verbs" \
        --actors "$d/tabari-dictionaries/Internatnl.120521.actors" \
        --actors "$d/tabari-dictionaries/Levant.080629.actors" \
        --agents "$d/tabari-dictionaries/PSU.120522.agents" \
        --tabari-options "$d/tabari-dictionaries/CAMEO.09b5.options" \
        "$here/../../samples" 2>/dev/null | wc -l)
    [ "$n" -gt 20 ] || { echo "production set: $n events"; exit 1; }
fi
exit 0
