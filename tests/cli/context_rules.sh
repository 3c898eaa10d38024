#!/usr/bin/env bash
# Claims and modes of single sentences, field by field: the golden samples
# compare these fields but only report disagreements, so the rules that
# decide them are pinned down here. Each case is one sentence of our own
# and the first event it must give: code, source, target, mode, claim
# code and claim text ("-" for JSON null).
. "$(dirname "$0")/lib.bash"

check() { # SENTENCE CODE SOURCE TARGET MODE CLAIM_CODE CLAIM_TEXT
    checkn 1 "$@"
}

checkn() { # N SENTENCE ...: as check, for the Nth event of the sentence
    local got want n=$1
    shift
    want="$2|$3|$4|$5|$6|$7"
    got=$(python3 -c 'import json,sys; print(json.dumps({"id":"t","date":"2024-03-04","text":sys.argv[1]}))' "$1" |
        "$TRUCE" code --quiet --input jsonl - 2> "$WORK/err" | sed -n "${n}p" |
        python3 -c '
import json, sys
line = sys.stdin.readline()
if not line.strip():
    print("no event"); sys.exit()
e = json.loads(line)
def code(a):
    return "-" if not a or a.get("code") is None else a["code"]
c = e.get("claim")
print("|".join([e["code"], code(e["source"]), code(e["target"]), e["mode"],
                code(c), c["text"] if c else "-"]))')
    if [ "$got" = "$want" ]; then ok "$1"; else
        not_ok "$1: got $got, wanted $want"; fi
}

# who says so
check "Egypt shelled Libyan positions, Libyan officials said." \
    194 EGY LBY claimed LBYGOV "Libyan officials"
check "The minister said Egypt attacked Libya." \
    190 EGY LBY claimed - "The minister"
check "Egypt attacked Libya, a senior commander said." \
    190 EGY LBY claimed - "a senior commander"
check "Egypt attacked Libya, a spokesman for the newspaper said." \
    190 EGY LBY claimed LBYMED "the newspaper"
check "Egypt attacked Libya." 190 EGY LBY asserted - -

# who did it, and which words belong to the verb
check "The Ukrainian army said Russian soldiers who held the village had fired on civilians." \
    193 RUSMIL CVL claimed UKRMIL "The Ukrainian army"

checkn 2 "A labor federation announced that it will call a strike if the air force continues to bomb the capital and called for talks." \
    026 LAB - claimed LAB "A labor federation"
checkn 2 "Two Iraqi soldiers were killed and three Iraqi policemen wounded in the attack." \
    190 - IRQCOP asserted - -
check "Police reported that four bombs exploded in Medellin, killing one man." \
    183 - COL claimed COP Police

checkn 2 "A Guatemalan party official was shot and killed on Monday by unidentified men, the police reported." \
    190 UAF GTMGOV claimed GTMCOP "the police"
checkn 2 "The Iraqi army arrested the rebels and deported them to Syria." \
    174 IRQMIL IRQREB asserted - -

# how it stands
check "Nigeria will withdraw its peacekeeping force from Chad unless the junta holds elections." \
    136 NGA TCD threatened - -
check "Vietnam is committed to opening up its economy." 030 VNM - asserted - -
check "Germany pledged to deliver more artillery shells to Ukraine." \
    0332 DEU UKR asserted - -
check "Germany will deliver more artillery shells to Ukraine." \
    0332 DEU UKR intended - -
check "The Macedonian army prepared to resume shelling the border villages." \
    150 MKDMIL - asserted - -
check "The Macedonian army is prepared to attack." 138 MKDMIL - threatened - -
check "Haftar's forces resumed shelling Tripoli." 194 LBYMIL LBY asserted - -
check "The Egyptian army did not attack Libya." 190 EGYMIL LBY negated - -
check "Israel said it would under no circumstances attack Lebanon." \
    190 ISR LBN negated ISR Israel
check "The Egyptian army has at no time attacked Libya." 190 EGYMIL LBY negated - -

finish
