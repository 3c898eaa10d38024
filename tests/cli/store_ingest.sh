#!/usr/bin/env bash
# truce ingest and query: idempotent ingest, de-duplication on a sample set
# whose answer is known (samples/ceasefires/dedup.expected), query filters
# and formats, exit statuses.
. "$(dirname "$0")/lib.bash"
command -v python3 > /dev/null || { echo "skip: no python3"; exit 77; }
DB="$WORK/t.db"
SET="$SRC/samples/ceasefires/dedup.jsonl"

"$TRUCE" ingest --db "$DB" "$SET" > "$WORK/out" 2> "$WORK/err"
expect_status 0 $? "ingest"
expect_grep "6 article(s) new, 2 skipped" "$WORK/out" "ingest summary"
expect_grep "7 event(s), 5 event cluster(s), 1 claim link" "$WORK/out" "store counts"
"$TRUCE" ingest --db "$DB" "$SET" > "$WORK/out2" 2>&1
expect_status 0 $? "re-ingest"
expect_grep "0 article(s) new, 8 skipped" "$WORK/out2" "re-ingest changes nothing"
expect_grep "6 article(s), 7 event(s), 5 event cluster(s)" "$WORK/out2" "re-ingest counts"

# De-duplication: one line per cluster, against the hand-made answer.
"$TRUCE" query --db "$DB" --format jsonl > "$WORK/all.jsonl"
python3 - "$WORK/all.jsonl" > "$WORK/clusters" <<'PY'
import json, sys
cl = {}
for line in open(sys.argv[1]):
    e = json.loads(line)
    c = cl.setdefault(e["cluster"], [e, []])
    c[1].append(e["doc"])
for e, docs in cl.values():
    print(e["code"], e["source"]["code"], (e["target"] or {}).get("code", "-"),
          e["mode"], e["reports"], len(set(docs)), e["sources"],
          "yes" if e["linked_cluster"] else "no", ",".join(sorted(set(docs))))
PY
grep -v '^#' "$SRC/samples/ceasefires/dedup.expected" | sort > "$WORK/want"
sort "$WORK/clusters" > "$WORK/got"
if diff "$WORK/want" "$WORK/got" > "$WORK/diff"; then ok "de-duplication matches the hand count"
else not_ok "de-duplication differs:"; sed 's/^/    /' "$WORK/diff"; fi

# Query filters and formats.
"$TRUCE" query --db "$DB" --from 2020-03-09 --to 2020-03-31 > "$WORK/q"
expect_status 0 $? "query by dates"
n=$(($(wc -l < "$WORK/q") - 1))
if [ "$n" -eq 1 ]; then ok "query by dates: 1 row"; else not_ok "query by dates: $n rows"; fi
"$TRUCE" query --db "$DB" --actor 'TUR*' --format csv > "$WORK/q"
expect_grep '^date,cluster' "$WORK/q" "csv header"
expect_grep 'TURMIL,LBYREB' "$WORK/q" "query by actor"
n=$("$TRUCE" query --db "$DB" --mode claimed --format jsonl | wc -l)
if [ "$n" -eq 1 ]; then ok "query by mode"; else not_ok "query by mode: $n rows"; fi
n=$("$TRUCE" query --db "$DB" --text "civilians killing" --code 19 --format jsonl | wc -l)
if [ "$n" -eq 2 ]; then ok "query by words and code"; else not_ok "query by words: $n rows"; fi
n=$("$TRUCE" query --db "$DB" --clusters --format jsonl | wc -l)
if [ "$n" -eq 5 ]; then ok "one row per cluster"; else not_ok "--clusters: $n rows"; fi

# Exit statuses.
"$TRUCE" query --db "$WORK/none.db" > /dev/null 2>&1; expect_status 3 $? "missing store"
"$TRUCE" query --db "$DB" --from 2020-3-1 > /dev/null 2>&1; expect_status 2 $? "bad --from"
"$TRUCE" ingest --db "$DB" --input xml "$SET" > /dev/null 2>&1; expect_status 2 $? "bad --input"
printf '{"id":"x","text":"%s"}\nnot json\n' "$GOOD_TEXT" > "$WORK/bad.jsonl"
"$TRUCE" ingest --db "$DB" "$WORK/bad.jsonl" > /dev/null 2> "$WORK/err"
expect_status 1 $? "bad record"
expect_grep "bad.jsonl:2:" "$WORK/err" "bad record file:line"
echo "not a database" > "$WORK/junk.db"
"$TRUCE" ingest --db "$WORK/junk.db" "$SET" > /dev/null 2> "$WORK/err"
expect_status 3 $? "not a database"
finish
