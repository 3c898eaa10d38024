#!/usr/bin/env python3
"""Code the PLOVER gold-standard development half and measure agreement.

Usage: scripts/eval_plover.py [--truce BUILD/truce] [--data PLOVER_GSR_dev.json]
                              [--write docs/ACCURACY.md] [--verbose]

Each record is one sentence with one gold event (a PLOVER 0.5b1 category)
and its source actors. We code every sentence with `truce code --input
jsonl`, take the first event truce gives for the sentence (in text order),
map its CAMEO root to the PLOVER 0.5b1 category (the correspondence in the
data's README), and count:
  - type: the category is the gold one;
  - type+source: and the source's country (the first three letters of its
    code; IGO for international organisations and NGOs, as PLOVER writes
    both) is one of the gold sources'.
A sentence with no event counts as wrong. Negated and conditional acts
(issue 3's modes) are not the sentence's event and are left out. Also printed: the same with "any
event of the sentence" instead of the first, for diagnosis only.

The data is third-party (CC BY-SA 4.0) and is read from ../shared; it is
never copied into the repository. Without it the script says so and exits 0.
"""
import argparse
import collections
import json
import os
import subprocess
import sys

ROOT_TO_PLOVER = {
    "02": {"DEMAND"}, "03": {"AGREE"}, "04": {"CONSULT"},
    "05": {"SUPPORT"}, "06": {"COOPERATE"}, "07": {"AID"},
    "08": {"CONCEDE", "RETREAT"}, "09": {"INVESTIGATE"}, "10": {"DEMAND"},
    "11": {"DISAPPROVE"}, "12": {"REJECT"}, "13": {"THREATEN"},
    "14": {"PROTEST"}, "15": {"MOBILIZE"}, "16": {"SANCTION"},
    "17": {"COERCE"}, "18": {"ASSAULT"}, "19": {"FIGHT"}, "20": {"FIGHT"},
}

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
DEFAULT_DATA = os.path.join(TOP, "..", "shared", "eval-data", "plover-gsr",
                            "PLOVER_GSR_dev.json")
BEGIN = "<!-- plover-begin -->"
END = "<!-- plover-end -->"


def country(code):
    """The PLOVER country of a CAMEO actor code. PLOVER records give
    transnational actors with no state, IGOs and NGOs alike (the UN, the
    Red Cross, Amnesty International), the country "IGO"; CAMEO writes the
    latter NGO..., so both map to IGO."""
    if not code:
        return ""
    return "IGO" if code.startswith(("IGO", "NGO")) else code[:3]


def code_jsonl(truce, lines, name="eval_plover"):
    """Code JSON Lines articles with one `truce code` process; the events
    per document id, negated and conditional acts left out (they did not
    happen: the sentence's event is what was done or said)."""
    try:
        proc = subprocess.run([truce, "code", "--quiet", "--input", "jsonl",
                               "-"], input="\n".join(lines) + "\n",
                              capture_output=True, text=True)
    except OSError as e:
        sys.exit("%s: cannot run %s: %s" % (name, truce, e))
    if proc.returncode not in (0, 1):
        sys.exit("%s: truce failed: %s" % (name, proc.stderr[-2000:]))
    events = collections.defaultdict(list)
    for line in proc.stdout.splitlines():
        if line.strip():
            ev = json.loads(line)
            if ev.get("mode") in ("negated", "conditional"):
                continue
            events[ev["doc"]].append(ev)
    return events


def run_truce(truce, records):
    return code_jsonl(truce, [json.dumps({"id": r["id"], "date": "2000-01-01",
                                          "text": r["text"]})
                              for r in records])


def score(records, events):
    n = len(records)
    first_type = first_both = any_type = any_both = coded = 0
    per_cat = collections.Counter()
    per_cat_ok = collections.Counter()
    misses = []
    for r in records:
        gold = r["event"]
        gold_src = {country(s.get("code")) for s in (r.get("source") or [])
                    if isinstance(s, dict)}
        evs = events.get(r["id"], [])
        per_cat[gold] += 1
        if evs:
            coded += 1
        ok_first = ok_first_src = False
        if evs:
            ev = evs[0]
            cats = ROOT_TO_PLOVER.get(ev["root"], set())
            ok_first = gold in cats
            ok_first_src = ok_first and country((ev["source"] or {}).get("code", "")) in gold_src
        ok_any = any(gold in ROOT_TO_PLOVER.get(e["root"], set()) for e in evs)
        ok_any_src = any(gold in ROOT_TO_PLOVER.get(e["root"], set()) and
                         country((e["source"] or {}).get("code", "")) in gold_src for e in evs)
        first_type += ok_first
        first_both += ok_first_src
        any_type += ok_any
        any_both += ok_any_src
        per_cat_ok[gold] += ok_first
        if not ok_first:
            misses.append((r, evs))
    return {
        "n": n, "coded": coded, "type": first_type, "both": first_both,
        "any_type": any_type, "any_both": any_both, "per_cat": per_cat,
        "per_cat_ok": per_cat_ok, "misses": misses,
    }


def pct(a, n):
    return "%.1f%%" % (100.0 * a / n if n else 0.0)


def report(s, commit):
    out = []
    out.append("PLOVER gold-standard records, development half: %d sentences"
               % s["n"])
    out.append("(truce commit %s; first event of each sentence)" % commit)
    out.append("")
    out.append("| measure | sentences | share |")
    out.append("|---|---|---|")
    out.append("| sentences with any event | %d | %s |"
               % (s["coded"], pct(s["coded"], s["n"])))
    out.append("| event type right | %d | %s |" % (s["type"], pct(s["type"], s["n"])))
    out.append("| event type and source country right | %d | %s |"
               % (s["both"], pct(s["both"], s["n"])))
    out.append("| (diagnosis) type right in any event | %d | %s |"
               % (s["any_type"], pct(s["any_type"], s["n"])))
    out.append("| (diagnosis) type and source in any event | %d | %s |"
               % (s["any_both"], pct(s["any_both"], s["n"])))
    out.append("")
    out.append("| gold category | sentences | type right |")
    out.append("|---|---|---|")
    for cat, n in sorted(s["per_cat"].items(), key=lambda kv: -kv[1]):
        out.append("| %s | %d | %s |" % (cat, n, pct(s["per_cat_ok"][cat], n)))
    return "\n".join(out)


def write_block(path, text):
    old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    block = BEGIN + "\n" + text + "\n" + END
    if BEGIN in old and END in old:
        new = old[:old.index(BEGIN)] + block + old[old.index(END) + len(END):]
    else:
        new = old + ("\n" if old else "") + block + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(new)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--truce", default=os.path.join(TOP, "build", "truce"))
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--write")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    if not os.path.exists(a.data):
        print("eval_plover: %s not found (../shared absent); skipped" % a.data)
        return 0
    with open(a.data, encoding="utf-8") as f:
        records = [r for r in json.load(f) if r.get("event") != "DOCUMENT"]
    s = score(records, run_truce(a.truce, records))
    commit = subprocess.run(["git", "-C", TOP, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    text = report(s, commit or "unknown")
    print(text)
    if a.verbose:
        for r, evs in s["misses"]:
            got = ", ".join("%s %s->%s" % (e["code"], (e["source"] or {}).get("code"),
                                          (e["target"] or {}).get("code"))
                            for e in evs) or "none"
            print("\n%s [%s] %s\n   got: %s" % (r["id"], r["event"], r["text"], got))
    if a.write:
        write_block(a.write, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
