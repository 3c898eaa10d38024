#!/usr/bin/env bash
# Crash safety: kill -9 during the ingest of 10,000 articles, ingest again,
# and the store equals one clean run (articles, events, clusters, rows).
. "$(dirname "$0")/lib.bash"
command -v python3 > /dev/null || { echo "skip: no python3"; exit 77; }
N=${TRUCE_CRASH_ARTICLES:-10000}
python3 - "$SRC/samples" "$N" > "$WORK/articles.jsonl" <<'PY'
import glob, json, sys
texts = [open(p).read() for p in sorted(glob.glob(sys.argv[1] + "/*.txt"))]
for i in range(int(sys.argv[2])):
    day = 1 + i % 28
    print(json.dumps({"id": "crash-%05d" % i, "date": "2020-02-%02d" % day,
                      "source": "Wire %d" % (i % 7),
                      "text": texts[i % len(texts)] + "\n\nReport %d." % i}))
PY
dump() {
    "$TRUCE" query --db "$1" --format jsonl > "$2" || not_ok "query $1"
    "$TRUCE" ingest --db "$1" /dev/null 2>/dev/null | grep '^store:' >> "$2"
}
"$TRUCE" ingest -q --db "$WORK/clean.db" "$WORK/articles.jsonl" > "$WORK/clean.out" 2>&1
expect_status 0 $? "clean run"
dump "$WORK/clean.db" "$WORK/clean.dump"

"$TRUCE" ingest -q --db "$WORK/killed.db" "$WORK/articles.jsonl" > /dev/null 2>&1 &
pid=$!
for _ in $(seq 1 100); do
    sleep 0.1
    n=$("$TRUCE" query --db "$WORK/killed.db" --clusters --limit 1 --format csv 2>/dev/null | wc -l)
    [ "$n" -ge 2 ] && break
done
sleep 1
if kill -9 "$pid" 2>/dev/null; then ok "killed mid-ingest"; else not_ok "ingest ended before the kill"; fi
wait "$pid" 2>/dev/null
"$TRUCE" ingest -q --db "$WORK/killed.db" "$WORK/articles.jsonl" > "$WORK/again.out" 2>&1
expect_status 0 $? "re-ingest after the kill"
expect_grep "skipped (already stored)" "$WORK/again.out" "re-ingest skips what was committed"
grep -q " 0 skipped" "$WORK/again.out" && not_ok "nothing was committed before the kill"
dump "$WORK/killed.db" "$WORK/killed.dump"
if cmp -s "$WORK/clean.dump" "$WORK/killed.dump"; then ok "same store as one clean run ($(grep '^store:' "$WORK/clean.dump"))"
else not_ok "stores differ"; diff "$WORK/clean.dump" "$WORK/killed.dump" | head -5; fi
finish
