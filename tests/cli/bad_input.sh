#!/usr/bin/env bash
# Bad input never crashes and never loses data: each bad input gets a clear
# message (file, line, what is wrong), the good input beside it is still
# coded, and the exit status is 1.
. "$(dirname "$0")/lib.bash"

printf '%s\n' "$GOOD_TEXT" > "$WORK/good.txt"

# 1. A good article alone: events, exit 0.
"$TRUCE" code "$WORK/good.txt" > "$WORK/out" 2> "$WORK/err"
expect_status 0 $? "good article"
expect_events_min 1 "$WORK/out" "good article"

# 2. Invalid UTF-8 inside an article: reported, repaired, still coded.
printf 'TRIPOLI, Feb 20 (Truce Wire) - Turkish troops shelled the \xff\xfe positions of Libyan rebels near Sirte on Monday.\n' > "$WORK/badutf8.txt"
"$TRUCE" code "$WORK/badutf8.txt" "$WORK/good.txt" > "$WORK/out" 2> "$WORK/err"
expect_status 1 $? "invalid UTF-8"
expect_grep "badutf8.txt" "$WORK/err" "invalid UTF-8"
expect_grep "invalid UTF-8" "$WORK/err" "invalid UTF-8"
expect_events_min 2 "$WORK/out" "invalid UTF-8"

# 3. An empty file.
: > "$WORK/empty.txt"
"$TRUCE" code "$WORK/empty.txt" "$WORK/good.txt" > "$WORK/out" 2> "$WORK/err"
expect_status 1 $? "empty file"
expect_grep "empty.txt: error: empty file" "$WORK/err" "empty file"
expect_events_min 1 "$WORK/out" "empty file"

# 4. Binary junk (deterministic bytes, NULs and all).
python3 -c "
import random, sys
r = random.Random(7)
sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(300000)))
" > "$WORK/junk.txt"
"$TRUCE" code "$WORK/junk.txt" "$WORK/good.txt" > "$WORK/out" 2> "$WORK/err"
st=$?
expect_status 1 $st "binary junk"
expect_grep "junk.txt" "$WORK/err" "binary junk"
expect_events_min 1 "$WORK/out" "binary junk"

# 5. JSON Lines with a broken record, a record without text, a blank line.
{
    printf '{"id": "a1", "date": "2020-02-20", "text": "%s"}\n' "$GOOD_TEXT"
    printf '{"id": "a2", "text": "unterminated\n'
    printf '{"id": "a3", "title": "no text"}\n'
    printf '\n'
    printf '[1, 2, 3]\n'
    printf '{"id": "a4", "date": "2020-02-21", "text": "%s"}\n' "$GOOD_TEXT"
} > "$WORK/records.jsonl"
"$TRUCE" code --input jsonl "$WORK/records.jsonl" > "$WORK/out" 2> "$WORK/err"
expect_status 1 $? "broken JSONL"
expect_grep "records.jsonl:2: error: invalid JSON record" "$WORK/err" "broken JSONL"
expect_grep "records.jsonl:3: error: record has no \"text\"" "$WORK/err" "broken JSONL"
expect_grep "records.jsonl:5: error: record has no \"text\"" "$WORK/err" "broken JSONL"
expect_grep '"doc":"a4"' "$WORK/out" "broken JSONL keeps later records"
expect_grep '"doc":"a1"' "$WORK/out" "broken JSONL keeps earlier records"

# 6. A line longer than the 64 MiB limit between two good records, read
#    from a pipe: skipped without loading it, the next record coded.
{
    printf '{"id": "b1", "text": "%s"}\n' "$GOOD_TEXT"
    head -c 70000000 /dev/zero | tr '\0' 'x'
    printf '\n{"id": "b2", "text": "%s"}\n' "$GOOD_TEXT"
} | "$TRUCE" code --input jsonl - > "$WORK/out" 2> "$WORK/err"
expect_status 1 $? "giant line"
expect_grep "<stdin>:2: error: line longer than" "$WORK/err" "giant line"
expect_grep '"doc":"b2"' "$WORK/out" "giant line keeps the next record"

# 7. A malformed dictionary line: reported with file and line, the rest of
#    the dictionaries loaded and used.
cp -r "$SRC/dict" "$WORK/dict"
printf 'THIS LINE HAS NO COLON\nXXX 2020-13-45.. : Nowhere Land\n' >> "$WORK/dict/actors/zz-broken.actors"
"$TRUCE" code --dict-dir "$WORK/dict" "$WORK/good.txt" > "$WORK/out" 2> "$WORK/err"
expect_status 1 $? "bad dictionary line"
expect_grep "zz-broken.actors:1: error:" "$WORK/err" "bad dictionary line"
expect_grep "zz-broken.actors:2: error: bad date range" "$WORK/err" "bad dictionary line"
expect_events_min 1 "$WORK/out" "bad dictionary line"

# 8. A missing file among good ones.
"$TRUCE" code "$WORK/nope.txt" "$WORK/good.txt" > "$WORK/out" 2> "$WORK/err"
expect_status 1 $? "missing file"
expect_grep "nope.txt" "$WORK/err" "missing file"
expect_events_min 1 "$WORK/out" "missing file"

finish
