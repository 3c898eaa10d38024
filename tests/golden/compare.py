#!/usr/bin/env python3
"""Compare truce's events on the sample articles with the hand-written golden files.

usage: compare.py TRUCE_BINARY SAMPLES_DIR [--verbose] [--strict-fields]
                  [--strict-new] [--fields-only-table]

For every SAMPLES_DIR/X.txt that has an X.events.jsonl, run
    TRUCE_BINARY code --date DATE --format jsonl SAMPLES_DIR/X.txt
with DATE from SAMPLES_DIR/dates.tsv, and compare the events it prints with
the golden events as multisets of (sent, code, source, target).

Mismatches listed in known-gaps.jsonl (next to this script) are reported as
known and do not fail the run; a listed gap that no longer occurs fails it,
so that the list can only shrink. The last line is "N passed, M failed",
counting samples. Exit status 0 only when every sample passed.

Golden lines with "new": true are not yet required: when the coder does not
produce them they are reported as "pending", not as missing. A sample whose
golden lines are all new is a pending sample: its extra events are reported
as "pending extra". --strict-new makes both ordinary failures.

Issue-3 fields: for every matched (golden, produced) pair, the fields the
golden line has (mode, claim, date, date_precision, place_country, place) are
compared with the produced event (a missing key there counts as null).
Disagreements are reported ("field" lines) and summed up in a per-field
agreement table at the end; they fail a sample only with --strict-fields.
--fields-only-table prints only that table (Markdown), for docs/ACCURACY.md;
the exit status is the same as without it.

Standard library only, so that it runs wherever python3 does.
"""

import collections
import json
import os
import re
import subprocess
import sys
import unicodedata

TIMEOUT_S = 120
KNOWN_GAPS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "known-gaps.jsonl")


class SampleError(Exception):
    """A problem that fails one sample (bad golden line, binary crash...)."""


def usage():
    sys.stderr.write("usage: compare.py TRUCE_BINARY SAMPLES_DIR [--verbose] "
                     "[--strict-fields] [--strict-new] [--fields-only-table]\n")
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


FIELDS = ("claim", "mode", "date", "date_precision", "place_country", "place")
MODES = ("asserted", "claimed", "negated", "conditional", "intended",
         "threatened")
PRECISIONS = ("day", "week", "month")


def check_fields(e):
    """Raise ValueError when a golden line's issue-3 fields are malformed."""
    if "mode" in e and e["mode"] not in MODES:
        raise ValueError("mode must be one of " + ", ".join(MODES))
    if "claim" in e and e["claim"] is not None and not (
            isinstance(e["claim"], str) and e["claim"]):
        raise ValueError("claim must be an actor code or null")
    if "date" in e and e["date"] is not None and not (
            isinstance(e["date"], str)
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}", e["date"])):
        raise ValueError("date must be YYYY-MM-DD or null")
    if ("date_precision" in e and e["date_precision"] is not None
            and e["date_precision"] not in PRECISIONS):
        raise ValueError("date_precision must be one of "
                         + ", ".join(PRECISIONS))
    if ("place_country" in e and e["place_country"] is not None
            and not (isinstance(e["place_country"], str)
                     and re.fullmatch(r"[A-Z]{3}", e["place_country"]))):
        raise ValueError("place_country must be ISO alpha-3 or null")
    if "place" in e and e["place"] is not None and not (
            isinstance(e["place"], str) and e["place"].strip()):
        raise ValueError("place must be a name or null")
    if "new" in e and not isinstance(e["new"], bool):
        raise ValueError("new must be true or false")


def read_golden(path):
    """Golden events: a list of dicts with key, why, new and the issue-3
    fields the line has (fields: {name: value})."""
    events = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                e = json.loads(line)
                k = key_of(e["sent"], e["code"], e["source"], e.get("target"))
                check_fields(e)
            except (ValueError, KeyError, TypeError) as err:
                raise SampleError("%s:%d: bad golden line: %s"
                                  % (path, n, err))
            events.append({"key": k, "why": e.get("why", ""),
                           "new": bool(e.get("new", False)),
                           "fields": {f: e[f] for f in FIELDS if f in e}})
    return events


def fold_name(name):
    """A place name for comparison: case and accents folded, punctuation
    (hyphens, apostrophes) as spaces, so that "El-Fasher" is "el fasher"."""
    s = unicodedata.normalize("NFKD", str(name))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", s).split())


def produced_fields(e):
    """The issue-3 fields of a produced event record, in golden form."""
    place = e.get("place")
    if not isinstance(place, dict):
        place = None
    claim = e.get("claim")
    return {
        "mode": e.get("mode"),
        "claim": actor_code(claim),
        "date": e.get("date"),
        "date_precision": e.get("date_precision"),
        "place_country": place.get("country") if place else None,
        "place": place.get("name") if place else None,
    }


def field_agrees(field, gold, got):
    if field == "place":
        if gold is None or got is None:
            return gold is None and got is None
        a, b = fold_name(gold), fold_name(got)
        return bool(a) and bool(b) and (a in b or b in a)
    if field == "place_country" and gold is not None and got is not None:
        return str(gold).upper() == str(got).upper()
    return gold == got


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
    """Run the coder; return (events as list of (key, sentence text, record),
    stderr, exit status)."""
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
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise SampleError("output line %d is not an event record: %s"
                              % (n, err))
        events.append((k, e.get("text"), e))
    return events, err_text, p.returncode


def multiset_diff(a, b):
    """Elements of Counter a not matched in Counter b, as a Counter."""
    d = collections.Counter(a)
    d.subtract(b)
    return collections.Counter({k: v for k, v in d.items() if v > 0})


def expand(counter):
    return sorted(counter.elements())


def pair_events(golden_events, produced):
    """Match golden lines to produced events with the same key, required
    (not new) golden lines first, each in file/output order. Returns
    (pairs of (golden, produced record), unmatched golden, unmatched
    produced keys as a Counter)."""
    by_key = collections.defaultdict(list)
    for k, _, rec in produced:
        by_key[k].append(rec)
    pairs, unmatched = [], []
    order = ([g for g in golden_events if not g["new"]]
             + [g for g in golden_events if g["new"]])
    for g in order:
        recs = by_key.get(g["key"])
        if recs:
            pairs.append((g, recs.pop(0)))
        else:
            unmatched.append(g)
    extra = collections.Counter({k: len(v) for k, v in by_key.items() if v})
    return pairs, unmatched, extra


def fmt_value(v):
    return "null" if v is None else str(v)


def compare_fields(pairs, stats):
    """Field disagreements of the matched pairs, as report lines; adds to
    stats[field] = [golden lines having it, matched, agree]."""
    lines = []
    for g, rec in sorted(pairs, key=lambda p: p[0]["key"]):
        got = produced_fields(rec)
        bad = []
        for field in FIELDS:
            if field not in g["fields"]:
                continue
            stats[field][1] += 1
            if field_agrees(field, g["fields"][field], got[field]):
                stats[field][2] += 1
            else:
                bad.append("%s %s/%s" % (field, fmt_value(g["fields"][field]),
                                         fmt_value(got[field])))
        if bad:
            lines.append("  field         %s: %s" % (fmt_key(g["key"]),
                                                    ", ".join(bad)))
    return lines


def compare_sample(name, binary, samples_dir, date, known, opts, totals,
                   stats):
    """Returns True when the sample passed."""
    verbose = opts["verbose"]
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
    for k, text, _ in produced:
        if text and k[0] not in sent_text:
            sent_text[k[0]] = " ".join(str(text).split())
    why = {}
    for g in golden_events:
        why.setdefault(g["key"], g["why"])

    def sentence(n):
        if n in sent_text:
            return sent_text[n]
        if 1 <= n <= len(approx):
            return approx[n - 1] + "  (approx.)"
        return "(no such sentence)"

    pending_sample = bool(golden_events) and all(g["new"]
                                                 for g in golden_events)
    pairs, unmatched, extra = pair_events(golden_events, produced)
    missing = collections.Counter(g["key"] for g in unmatched)
    new_missing = collections.Counter(g["key"] for g in unmatched if g["new"])
    gold = collections.Counter(g["key"] for g in golden_events)
    got = collections.Counter(k for k, _, _ in produced)
    found = len(pairs)
    for g in golden_events:
        for field in FIELDS:
            if field in g["fields"]:
                stats[field][0] += 1

    failed = False
    lines = []
    counts = collections.Counter()
    for kind, diff in (("missing", missing), ("extra", extra)):
        for k in expand(diff):
            gap = (name, kind, k)
            if known[gap] > 0:
                known[gap] -= 1
                tag = "known " + kind
                counts[kind] += 1
            elif not opts["strict_new"] and (
                    (kind == "missing" and new_missing[k] > 0)
                    or (kind == "extra" and pending_sample)):
                tag = "pending" if kind == "missing" else "pending extra"
                if kind == "missing":
                    new_missing[k] -= 1
                counts["pending " + kind] += 1
            else:
                tag = kind.upper()
                failed = True
                counts[kind] += 1
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
    field_lines = compare_fields(pairs, stats)
    if field_lines and opts["strict_fields"]:
        failed = True
    lines.extend(field_lines)

    totals["golden"] += sum(gold.values())
    totals["golden new"] += sum(1 for g in golden_events if g["new"])
    totals["produced"] += sum(got.values())
    totals["found"] += found
    totals["missing"] += counts["missing"]
    totals["pending"] += counts["pending missing"]
    totals["extra"] += counts["extra"]
    totals["pending extra"] += counts["pending extra"]
    totals["field disagreements"] += len(field_lines)
    # the figures of issue 2: required lines, samples that are not pending
    totals["req golden"] += sum(1 for g in golden_events if not g["new"])
    totals["req found"] += sum(1 for g, _ in pairs if not g["new"])
    if not pending_sample:
        totals["req produced"] += sum(got.values())
        totals["req matched"] += found

    status_word = "FAIL" if failed else "ok"
    pend, pend_extra = counts["pending missing"], counts["pending extra"]
    print("%-28s %s  golden %d, found %d, missing %d, extra %d%s%s"
          % (name, status_word, sum(gold.values()), found,
             sum(missing.values()) - pend, sum(extra.values()) - pend_extra,
             (", pending %d" % pend) if pend else "",
             (", pending extra %d" % pend_extra) if pend_extra else ""))
    if not opts["table_only"]:
        for line in lines:
            print(line)
        if verbose:
            for g, _ in sorted(pairs, key=lambda p: p[0]["key"]):
                print("  matched       %s%s" % (fmt_key(g["key"]),
                                               "  (new)" if g["new"] else ""))
    return not failed


def field_table(stats):
    out = ["| field | golden lines | matched | agree | share |",
           "|---|---:|---:|---:|---:|"]
    for field in FIELDS:
        having, matched, agree = stats[field]
        share = "%.3f" % (agree / having) if having else "-"
        out.append("| %s | %d | %d | %d | %s |"
                   % (field, having, matched, agree, share))
    return out


def main(argv):
    flags = {"--verbose": "verbose", "--strict-fields": "strict_fields",
             "--strict-new": "strict_new", "--fields-only-table": "table_only"}
    opts = {v: False for v in flags.values()}
    args = []
    for a in argv[1:]:
        if a in flags:
            opts[flags[a]] = True
        else:
            args.append(a)
    if len(args) != 2 or any(a.startswith("-") for a in args):
        usage()
    binary, samples_dir = args
    if not os.path.isdir(samples_dir):
        sys.stderr.write("compare.py: %s is not a folder\n" % samples_dir)
        return 2

    real_stdout = sys.stdout
    if opts["table_only"]:
        sys.stdout = open(os.devnull, "w")
    try:
        passed, failed, stats = run_all(binary, samples_dir, opts)
    finally:
        if opts["table_only"]:
            sys.stdout.close()
            sys.stdout = real_stdout
    if opts["table_only"]:
        print("\n".join(field_table(stats)))
    return 0 if failed == 0 and passed else 1


def run_all(binary, samples_dir, opts):
    dates = read_dates(os.path.join(samples_dir, "dates.tsv"))
    known = read_known_gaps(KNOWN_GAPS)
    files = sorted(os.listdir(samples_dir))
    names = [f[:-4] for f in files
             if f.endswith(".txt") and f[:-4] + ".events.jsonl" in files]
    orphans = [f for f in files if f.endswith(".events.jsonl")
               and f[:-len(".events.jsonl")] + ".txt" not in files]

    totals = collections.Counter()
    stats = {f: [0, 0, 0] for f in FIELDS}
    passed = failed = 0
    for name in names:
        if name not in dates:
            print("%-28s FAIL  no date in dates.tsv" % name)
            failed += 1
            continue
        try:
            ok = compare_sample(name, binary, samples_dir, dates[name], known,
                                opts, totals, stats)
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
    rp, rg = totals["req produced"], totals["req golden"]
    req_precision = totals["req matched"] / rp if rp else 0.0
    req_recall = totals["req found"] / rg if rg else 0.0
    print()
    print("golden events %d (%d new), produced %d, found %d, missing %d, "
          "pending %d, extra %d, pending extra %d"
          % (g, totals["golden new"], p, totals["found"], totals["missing"],
             totals["pending"], totals["extra"], totals["pending extra"]))
    print("precision %.3f, recall %.3f" % (precision, recall))
    print("without new lines and pending samples: precision %.3f, "
          "recall %.3f" % (req_precision, req_recall))
    print("issue-3 fields (%d matched events with a disagreement%s):"
          % (totals["field disagreements"],
             "; they fail the run" if opts["strict_fields"]
             else "; reported only, see --strict-fields"))
    for line in field_table(stats):
        print(line)
    print("%d passed, %d failed" % (passed, failed))
    return passed, failed, stats


if __name__ == "__main__":
    sys.exit(main(sys.argv))
