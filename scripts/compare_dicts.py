#!/usr/bin/env python3
"""Compare coding with our dictionaries, the field's, and both (issue 4).

Usage: scripts/compare_dicts.py [--truce BUILD/truce] [--shared ../shared]
                                [--show SAMPLE]

Configurations:
  ours         truce's own dictionaries (default)
  petrarch     PETR_config.ini alone (--dict-set ... --theirs-only)
  ours+petr    both, ours first (--dict-set ...)
  tabari       TABARI production verbs, actors and agents alone
               (tabari-dictionaries/: CAMEO.080612.verbs, the .actors
               files, PSU.120522.agents; --theirs-only)
  tabari-engine  the same set with CAMEO.09b5.options, coded by the
               TABARI engine (--engine tabari): TABARI's own parse

For each: the golden events of samples/*.txt (dates from samples/dates.tsv)
found and extra, compared as tests/golden/compare.py does -- multisets of
(sentence, code, source, target) -- against the original golden lines only
(lines with "new": true left out); and the PLOVER development sentences
scored as scripts/eval_plover.py does (first event of each sentence,
negated and conditional modes left out; its functions are imported).
--show SAMPLE prints the events of one sample for every configuration.
Without ../shared the script says so and exits 0.
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import eval_plover  # noqa: E402  (reused: country mapping and scoring)


def configs(shared):
    d = os.path.join(shared, "dictionaries")
    ini = os.path.join(d, "petrarch2", "config", "PETR_config.ini")
    t = os.path.join(d, "tabari-dictionaries")
    tab = ["--dict-format", "tabari", "--verbs",
           os.path.join(t, "CAMEO.080612.verbs")]
    for f in ("CAMEO.ECS.120522", "CAMEO.RCS.120521", "Internatnl.120521",
              "Levant.080629"):
        tab += ["--actors", os.path.join(t, f + ".actors")]
    tab += ["--agents", os.path.join(t, "PSU.120522.agents"), "--theirs-only"]
    eng = tab[:-1] + ["--engine", "tabari", "--tabari-options",
                      os.path.join(t, "CAMEO.09b5.options")]
    return [("ours", []),
            ("petrarch", ["--dict-set", ini, "--theirs-only"]),
            ("ours+petr", ["--dict-set", ini]),
            ("tabari", tab),
            ("tabari-engine", eng)]


def code_of(v):
    if isinstance(v, dict):
        v = v.get("code")
    return v or None


def key(e):
    return (int(e["sent"]), str(e["code"]), code_of(e.get("source")),
            code_of(e.get("target")))


def run(truce, args, extra):
    p = subprocess.run([truce, "code", "--quiet"] + extra + args,
                       capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit("compare_dicts: truce exited %d: %s"
                 % (p.returncode, p.stderr[-1500:]))
    return [json.loads(x) for x in p.stdout.splitlines() if x.strip()]


def samples(truce, extra, show=None):
    found = extra_n = total = 0
    shown = []
    with open(os.path.join(TOP, "samples", "dates.tsv")) as f:
        dates = dict(l.rstrip("\n").split("\t")[:2] for l in f
                     if l.strip() and not l.startswith("#"))
    for txt in sorted(glob.glob(os.path.join(TOP, "samples", "*.txt"))):
        name = os.path.basename(txt)[:-4]
        gold_path = os.path.join(TOP, "samples", name + ".events.jsonl")
        if name not in dates or not os.path.exists(gold_path):
            continue
        with open(gold_path, encoding="utf-8") as f:
            gold = collections.Counter(
                key(e) for e in map(json.loads, filter(str.strip, f))
                if not e.get("new"))
        evs = run(truce, ["--date", dates[name], "--format", "jsonl", txt],
                  extra)
        got = collections.Counter(key(e) for e in evs)
        hit = sum((gold & got).values())
        found += hit
        total += sum(gold.values())
        extra_n += sum(got.values()) - hit
        if show and name.startswith(show):
            shown = evs
    return found, total, extra_n, shown


def plover(truce, extra, data):
    with open(data, encoding="utf-8") as f:
        records = [r for r in json.load(f) if r.get("event") != "DOCUMENT"]
    lines = "".join(json.dumps({"id": r["id"], "date": "2000-01-01",
                                "text": r["text"]}) + "\n" for r in records)
    p = subprocess.run([truce, "code", "--quiet", "--input", "jsonl"] + extra
                       + ["-"], input=lines, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit("compare_dicts: truce exited %d on PLOVER: %s"
                 % (p.returncode, p.stderr[-1500:]))
    events = collections.defaultdict(list)
    for line in p.stdout.splitlines():
        if line.strip():
            ev = json.loads(line)
            if ev.get("mode") in ("negated", "conditional"):
                continue
            events[ev["doc"]].append(ev)
    return eval_plover.score(records, events)


def pct(a, n):
    return "%.1f%%" % (100.0 * a / n if n else 0.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--truce", default=os.path.join(TOP, "build", "truce"))
    ap.add_argument("--shared", default=os.environ.get(
        "TRUCE_SHARED_DIR", os.path.join(TOP, "..", "shared")))
    ap.add_argument("--show")
    a = ap.parse_args()
    if not os.path.isdir(os.path.join(a.shared, "dictionaries")):
        print("compare_dicts: no %s/dictionaries; skipped" % a.shared)
        return 0
    data = os.path.join(a.shared, "eval-data", "plover-gsr",
                        "PLOVER_GSR_dev.json")
    print("| dictionaries | golden found | golden extra | PLOVER coded "
          "| PLOVER type | PLOVER type+source |")
    print("|---|---|---|---|---|---|")
    shows = []
    for name, extra in configs(a.shared):
        found, total, xtra, shown = samples(a.truce, extra, a.show)
        shows.append((name, shown))
        if os.path.exists(data):
            s = plover(a.truce, extra, data)
            pl = "%s | %s | %s" % (pct(s["coded"], s["n"]),
                                   pct(s["type"], s["n"]),
                                   pct(s["both"], s["n"]))
        else:
            pl = "- | - | -"
        print("| %s | %d/%d (%s) | %d | %s |" % (name, found, total,
                                                 pct(found, total), xtra, pl))
        sys.stdout.flush()
    for name, evs in shows:
        if not a.show:
            break
        print("\n%s:" % name)
        for e in evs:
            print("  %2d %-5s %-10s -> %-10s %s / %s" % (
                e["sent"], e["code"], code_of(e.get("source")),
                code_of(e.get("target")),
                (e.get("source") or {}).get("text"),
                (e.get("target") or {}).get("text")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
