#!/usr/bin/env python3
"""Compare truce's events on the sample articles with the hand-written golden files.

usage: compare.py TRUCE_BINARY SAMPLES_DIR [--verbose]

For every SAMPLES_DIR/X.txt that has an X.events.jsonl, run
    TRUCE_BINARY code --date DATE --format jsonl SAMPLES_DIR/X.txt
with DATE from SAMPLES_DIR/dates.tsv, and compare the events it prints with
the golden events as multisets of (sent, code, source, target).

Mismatches listed in known-gaps.jsonl (next to this script) are reported as
known and do not fail the run; a listed gap that no longer occurs fails it,
so that the list can only shrink. The last line is "N passed, M failed",
counting samples. Exit status 0 only when every sample passed.

Standard library only, so that it runs wherever python3 does.
"""

import collections
import json
import os
import re
import subprocess
import sys

TIMEOUT_S = 120
KNOWN_GAPS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "known-gaps.jsonl")


class SampleError(Exception):
    """A problem that fails one sample (bad golden line, binary crash...)."""


def usage():
    sys.stderr.write("usage: compare.py TRUCE_BINARY SAMPLES_DIR [--verbose]\n")
    sys.exit(2)


def actor_code(value):
    """The actor code of an event's source/target: {"code": ...}, a plain
    string, or null. An empty code means no actor."""
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("code")
    if value is None or value == "":
        return None
    return str(value)


def key_of(sent, code, source, target):
    return (int(sent), str(code), actor_code(source), actor_code(target))


def fmt_key(k):
    sent, code, source, target = k
    return "sent %d  %-5s %s -> %s" % (sent, code, source,
                                         target if target else "(none)")


def read_dates(path):
    dates = {}
    if not os.path.exists(path):
        return dates
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 2 or not re.fullmatch(r"\d{4}-\d{2}-\d{2}",
                                                   parts[1].strip()):
                raise SystemExit("%s:%d: expected NAME<TAB>YYYY-MM-DD"
                                 % (path, n))
            dates[parts[0].strip()] = parts[1].strip()
    return dates


def read_golden(path):
    """Golden events: a list of (key, why)."""
    events = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                e = json.loads(line)
                k = key_of(e["sent"], e["code"], e["source"], e.get("target"))
            except (ValueError, KeyError, TypeError) as err:
                raise SampleError("%s:%d: bad golden line: %s"
                                  % (path, n, err))
            events.append((k, e.get("why", "")))
    return events


def read_known_gaps(path):
    """Known gaps as a Counter of (sample, kind, key)."""
    gaps = collections.Counter()
    if not os.path.exists(path):
        return gaps
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                g = json.loads(line)
                kind = g["kind"]
                if kind not in ("missing", "extra"):
                    raise ValueError("kind must be missing or extra")
                k = key_of(g["sent"], g["code"], g["source"], g.get("target"))
                gaps[(g["sample"], kind, k)] += 1
            except (ValueError, KeyError, TypeError) as err:
                raise SystemExit("%s:%d: bad known gap: %s" % (path, n, err))
    return gaps


def split_sentences_approx(text):
    """Sentence texts for showing missing events when the coder produced
    nothing in that sentence. Approximate (the coder's splitter is the real
    one): skips the dateline, counts a caption paragraph as one sentence."""
    abbrev = {"u.n.", "u.s.", "u.k.", "gen.", "lt.", "col.", "maj.", "capt.",
              "sgt.", "mr.", "mrs.", "ms.", "dr.", "st.", "jan.", "feb.",
              "mar.", "apr.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.",
              "a.m.", "p.m.", "no.", "vs."}
    text = re.sub(r"\A\s*[^\n]*?\)\s*[-\u2013\u2014]+\s+", "", text, count=1)
    out = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        if not para:
            continue
        if re.match(r"(Photo|Picture|Caption)\s*:", para):
            out.append(para)
            continue
        cur = []
        for w in para.split(" "):
            cur.append(w)
            bare = w.strip("\"'\u201c\u201d\u2018\u2019()[]").lower()
            if re.search(r"[.?!][\"'\u201d\u2019)\]]*$", w) and bare not in abbrev:
                out.append(" ".join(cur))
                cur = []
        if cur:
            out.append(" ".join(cur))
    return out


def run_coder(binary, date, path, verbose):
    """Run the coder; return (events as list of (key, sentence text), stderr)."""
    cmd = [binary, "code", "--date", date, "--format", "jsonl", path]
    if verbose:
        print("  $ " + " ".join(cmd))
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=TIMEOUT_S)
    except OSError as err:
        raise SampleError("cannot run %s: %s" % (binary, err))
    except subprocess.TimeoutExpired:
        raise SampleError("%s timed out after %d s" % (binary, TIMEOUT_S))
    err_text = p.stderr.decode("utf-8", "replace")
    if p.returncode not in (0, 1):
        raise SampleError("%s exited with status %d%s"
                          % (binary, p.returncode,
                             ("\n" + err_text.rstrip()) if err_text else ""))
    events = []
    for n, line in enumerate(p.stdout.decode("utf-8", "replace").splitlines(),
                             1):
        if not line.strip():
            continue
        try:
            e = json.loads(line)
            k = key_of(e["sent"], e["code"], e["source"], e.get("target"))
        except (ValueError, KeyError, TypeError) as err:
            raise SampleError("output line %d is not an event record: %s"
                              % (n, err))
        events.append((k, e.get("text")))
    return events, err_text, p.returncode


def multiset_diff(a, b):
    """Elements of Counter a not matched in Counter b, as a Counter."""
    d = collections.Counter(a)
    d.subtract(b)
    return collections.Counter({k: v for k, v in d.items() if v > 0})


def expand(counter):
    return sorted(counter.elements())


def compare_sample(name, binary, samples_dir, date, known, verbose, totals):
    """Returns True when the sample passed."""
    txt = os.path.join(samples_dir, name + ".txt")
    golden_events = read_golden(os.path.join(samples_dir,
                                             name + ".events.jsonl"))
    produced, err_text, status = run_coder(binary, date, txt, verbose)
    if verbose and err_text.strip():
        print("  coder said (exit %d):" % status)
        for line in err_text.rstrip().splitlines():
            print("    " + line)

    with open(txt, encoding="utf-8", errors="replace") as f:
        approx = split_sentences_approx(f.read())
    sent_text = {}
    for k, text in produced:
        if text and k[0] not in sent_text:
            sent_text[k[0]] = " ".join(str(text).split())
    why = {}
    for k, w in golden_events:
        why.setdefault(k, w)

    def sentence(n):
        if n in sent_text:
            return sent_text[n]
        if 1 <= n <= len(approx):
            return approx[n - 1] + "  (approx.)"
        return "(no such sentence)"

    gold = collections.Counter(k for k, _ in golden_events)
    got = collections.Counter(k for k, _ in produced)
    missing = multiset_diff(gold, got)
    extra = multiset_diff(got, gold)
    found = sum((gold & got).values())

    totals["golden"] += sum(gold.values())
    totals["produced"] += sum(got.values())
    totals["found"] += found
    totals["missing"] += sum(missing.values())
    totals["extra"] += sum(extra.values())

    failed = False
    lines = []
    for kind, diff in (("missing", missing), ("extra", extra)):
        for k in expand(diff):
            gap = (name, kind, k)
            if known[gap] > 0:
                known[gap] -= 1
                tag = "known " + kind
            else:
                tag = kind.upper()
                failed = True
            note = ("  -- " + why[k]) if kind == "missing" and why.get(k) else ""
            lines.append("  %-13s %s%s" % (tag, fmt_key(k), note))
            lines.append("                | %s" % sentence(k[0]))
    for (sample, kind, k), left in known.items():
        if sample == name and left > 0:
            failed = True
            for _ in range(left):
                lines.append("  GAP FIXED     %s %s: known gap fixed, remove it "
                             "from known-gaps.jsonl" % (kind, fmt_key(k)))
            known[(sample, kind, k)] = 0

    status_word = "FAIL" if failed else "ok"
    print("%-28s %s  golden %d, found %d, missing %d, extra %d"
          % (name, status_word, sum(gold.values()), found,
             sum(missing.values()), sum(extra.values())))
    for line in lines:
        print(line)
    if verbose:
        for k in expand(gold & got):
            print("  matched       %s" % fmt_key(k))
    return not failed


def main(argv):
    args = [a for a in argv[1:] if a != "--verbose"]
    verbose = len(args) != len(argv) - 1
    if len(args) != 2 or any(a.startswith("-") for a in args):
        usage()
    binary, samples_dir = args
    if not os.path.isdir(samples_dir):
        sys.stderr.write("compare.py: %s is not a folder\n" % samples_dir)
        return 2

    dates = read_dates(os.path.join(samples_dir, "dates.tsv"))
    known = read_known_gaps(KNOWN_GAPS)
    files = sorted(os.listdir(samples_dir))
    names = [f[:-4] for f in files
             if f.endswith(".txt") and f[:-4] + ".events.jsonl" in files]
    orphans = [f for f in files if f.endswith(".events.jsonl")
               and f[:-len(".events.jsonl")] + ".txt" not in files]

    totals = collections.Counter()
    passed = failed = 0
    for name in names:
        if name not in dates:
            print("%-28s FAIL  no date in dates.tsv" % name)
            failed += 1
            continue
        try:
            ok = compare_sample(name, binary, samples_dir, dates[name], known,
                                verbose, totals)
        except SampleError as err:
            print("%-28s FAIL  %s" % (name, err))
            ok = False
        passed += ok
        failed += not ok
    for f in orphans:
        print("%-28s FAIL  golden file without article" % f)
        failed += 1
    for (sample, kind, k), left in sorted(known.items()):
        if left > 0 and sample not in names:
            print("%-28s FAIL  %s %s: known gap fixed, remove it from "
                  "known-gaps.jsonl (no such sample)" % (sample, kind,
                                                         fmt_key(k)))
            failed += 1

    g, p = totals["golden"], totals["produced"]
    precision = totals["found"] / p if p else 0.0
    recall = totals["found"] / g if g else 0.0
    print()
    print("golden events %d, produced %d, found %d, missing %d, extra %d"
          % (g, p, totals["found"], totals["missing"], totals["extra"]))
    print("precision %.3f, recall %.3f" % (precision, recall))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 and names else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
