#!/usr/bin/env python3
"""Code the MUC-3/4 development documents and compare with the answer keys.

Usage: scripts/eval_muc.py [--truce BUILD/truce] [--data MUC34_DEV_DIR]
                           [--verbose]

The data: 1,300 Latin-American newswire documents (1988-91, upper case) in
files dev-muc3-*, and answer-key templates in key-dev-*.muc4, one template
per incident. A template whose MESSAGE: TEMPLATE is "*" says that the
document has no relevant incident. The others ("1", "2 (OPTIONAL)", ...)
are incidents; optional ones count like the rest.

Input. Each document is sent to `truce code --input jsonl` (one process,
one JSON line per document: id, date, text). The date is the dateline's
("SAN SALVADOR, 3 JAN 90 (SOURCE) --", or "JUNE 11 89"; two-digit years
read as 19YY), left out when the dateline has none or gives no year. The
text is the body after the dateline and after the leading bracketed header
up to [TEXT], [SUMMARY], [EXCERPT] or [EXCERPTS]; lines are joined,
paragraphs kept. The text stays upper case. Events whose mode is negated
or conditional are dropped (they did not happen), as in eval_plover.py;
every other event is kept.

Measures (all counted per document or per key incident):
  - incident detection: of the documents with at least one incident, those
    for which truce gives at least one violent event (CAMEO root 18, 19 or
    20, the violent part of quad class 4; roots 15-17 are not violence);
  - quiet on irrelevant documents: of the documents whose key is only "*",
    those with no violent event (1 minus the false-alarm rate);
  - event type: of the incidents, those for which some truce event in the
    document has a code that starts with one of the prefixes TYPE_CODES
    gives for the incident's type (several types joined by "/" take the
    union). Document level: the event need not be about that incident;
  - source: of the incidents whose key names a perpetrator organization
    (slot 10 not "-" or "*"), those for which an event of the right type
    (as above) has a source that agrees:
      text:  the event's source.text, after normalising (upper case, quotes
             and punctuation dropped, spaces collapsed, a leading "THE"
             dropped), contains one of the organization's names (all
             "/"-separated alternatives of all organizations in slot 10) as
             whole words, or is contained in one the same way;
      role:  or the perpetrator is non-state (PERP: INCIDENT CATEGORY is
             TERRORIST ACT, MUC's label for guerrilla and other non-state
             violence) and the source code contains REB or INS; or it is
             the state (STATE-SPONSORED VIOLENCE) and the source code
             contains MIL, COP, GOV or SPY.
    "source (text)" counts the first test alone, "source" either;
  - claims: for incidents whose slot 11 (PERP: ORGANIZATION CONFIDENCE)
    says CLAIMED OR ADMITTED, or SUSPECTED OR ACCUSED (with or without
    BY AUTHORITIES), and REPORTED AS FACT for contrast: of those with an
    event of the right type, how many have such an event that truce marks
    as reported (mode "claimed" or a non-null "claim"); and of all those
    events, the share so marked. An incident whose slot 11 lists several
    confidences counts under each.

Type mapping (MUC incident type -> CAMEO code prefixes), from the CAMEO
codebook (reference/cameo/eventcodes.tsv) and the MUC slot notes:
  ATTACK      180 182 184 185 186 19 20: MUC's catch-all for violence that
              is not another type: shootings, murders (the keys turn single
              murders into ATTACK), assassinations (185/186), massacres
              (202), clashes and aerial bombing (MUC files bombs dropped from
              aircraft under ATTACK, so 195 is here). Abduction (181) and
              non-military bombing (183) are the other MUC types.
  BOMBING     183: "conduct suicide, car, or other non-military bombing",
              with its sub-codes; MUC BOMBING is an explosive device set or
              thrown, not an air raid.
  KIDNAPPING  181: abduct, hijack, or take hostage.
  HIJACKING   181 (same code).
  ARSON       171 180: CAMEO has no arson; setting fire to property is
              "seize or damage property" (171, including 1712 destroy
              property), and a torching by armed men may be coded as
              unconventional violence not specified (180).
  ROBBERY     171: "seize or damage property" (1711 confiscate).
  FORCED WORK STOPPAGE  13 170 191: an "armed strike" is imposed by threat
              (13), by coercion (170) or by stopping traffic (191).
  MURDER      as ATTACK (older keys).

The data is third-party (MUC-3/4, FBIS texts) and is read from ../shared;
it is never copied into the repository. Without it the script says so and
exits 0. Templates that cannot be read (no message id, no template number,
an unknown incident type) are skipped and counted.
"""
import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval_plover  # noqa: E402  (reused: running truce)

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
DEFAULT_DATA = os.path.join(TOP, "..", "shared", "eval-data", "muc34", "dev")

VIOLENT_ROOTS = {"18", "19", "20"}
ATTACK_CODES = ("180", "182", "184", "185", "186", "19", "20")
TYPE_CODES = {
    "ATTACK": ATTACK_CODES,
    "MURDER": ATTACK_CODES,
    "BOMBING": ("183",),
    "KIDNAPPING": ("181",),
    "HIJACKING": ("181",),
    "ARSON": ("171", "180"),
    "ROBBERY": ("171",),
    "FORCED WORK STOPPAGE": ("13", "170", "191"),
}
REBEL_ROLES = ("REB", "INS")
STATE_ROLES = ("MIL", "COP", "GOV", "SPY")
CONFIDENCES = [  # (row label, test on slot 11's set fills)
    ("CLAIMED OR ADMITTED", lambda c: "CLAIMED OR ADMITTED" in c),
    ("SUSPECTED OR ACCUSED (incl. by authorities)",
     lambda c: "SUSPECTED OR ACCUSED" in c),
    ("REPORTED AS FACT (contrast)", lambda c: "REPORTED AS FACT" in c),
]
MONTHS = {m: i + 1 for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}
DOC_ID = re.compile(r"^(DEV-MUC3-\d{4})\b")
DATELINE = re.compile(r"^(.{0,120}?)--\s*")
DATE = re.compile(r",\s*(\d{1,2})\s+([A-Z]{3})\s+(\d{2})\b")
DATE_MDY = re.compile(r",\s*([A-Z]{3})[A-Z]*\s+(\d{1,2})\s+(\d{2})\b")
HEADER = re.compile(r"(\s*\[[^\]]*\])*\s*")
HEADER_END = re.compile(r"\[(TEXT|SUMMARY|EXCERPTS?)\]\s*")
# "4.  INCIDENT: TYPE                  ATTACK": the label's words are one
# space apart, the fill starts after two or more
SLOT = re.compile(r"^(\d{1,2})\.\s+[A-Z]\S*(?: \S+)*?(?:\s{2,}(.*))?$")


# ---- documents -------------------------------------------------------------

def read_documents(data):
    """Return [(id, date or None, text)] from the dev-muc3-* files."""
    docs = []
    for path in sorted(glob.glob(os.path.join(data, "dev-muc3-*"))):
        cur, lines = None, []
        with open(path, encoding="latin-1") as f:
            for line in f:
                m = DOC_ID.match(line)
                if m:
                    if cur:
                        docs.append(make_document(cur, lines))
                    cur, lines = m.group(1), []
                else:
                    lines.append(line.rstrip("\n"))
        if cur:
            docs.append(make_document(cur, lines))
    return docs


def make_document(doc_id, lines):
    paras, para = [], []
    for line in lines + [""]:
        if line.strip():
            para.append(line.strip())
        elif para:
            paras.append(" ".join(para))
            para = []
    body = "\n\n".join(paras)
    date = None
    m = DATELINE.match(body)
    if m:
        d = DATE.search(m.group(1))
        if d and d.group(2) in MONTHS:
            date = "19%s-%02d-%02d" % (d.group(3), MONTHS[d.group(2)],
                                      int(d.group(1)))
        d = DATE_MDY.search(m.group(1))
        if d and d.group(1) in MONTHS:
            date = "19%s-%02d-%02d" % (d.group(3), MONTHS[d.group(1)],
                                      int(d.group(2)))
        body = body[m.end():]
    # the bracketed header ([REPORT] [SPEAKER] [TEXT]) is not news text
    h = HEADER_END.search(body[:600])
    if h and HEADER.fullmatch(body[:h.start()]):
        body = body[h.end():]
    return doc_id, date, body


# ---- answer keys -----------------------------------------------------------

def read_templates(data):
    """Return ({doc id: [template]}, number of skipped templates).

    A template is {slot number: [fill lines]}; continuation lines (indented)
    are added to the slot above them; ';' lines are comments."""
    keys = collections.defaultdict(list)
    skipped = 0
    for path in sorted(glob.glob(os.path.join(data, "key-dev-*"))):
        blocks, cur, last = [], None, None
        with open(path, encoding="latin-1") as f:
            for line in f:
                line = line.rstrip()
                if not line.strip() or line.startswith(";"):
                    continue
                m = SLOT.match(line)
                if m:
                    n = int(m.group(1))
                    if n == 0:
                        cur = {}
                        blocks.append(cur)
                    if cur is None:
                        continue
                    cur[n] = [(m.group(2) or "").strip()]
                    last = n
                elif line[:1].isspace() and cur is not None and last in cur:
                    cur[last].append(line.strip())
                elif cur is not None:
                    cur["bad"] = True
        for t in blocks:
            tpl = parse_template(t)
            if tpl is None:
                skipped += 1
            else:
                keys[tpl["doc"]].append(tpl)
    return keys, skipped


def parse_template(t):
    if t.get("bad") or 0 not in t or 1 not in t or 4 not in t:
        return None
    m = re.match(r"(DEV-MUC3-\d{4})", t[0][0])
    if not m:
        return None
    number = t[1][0]
    if number.startswith("*"):
        return {"doc": m.group(1), "relevant": False}
    if not re.match(r"\d+", number):
        return None
    types = [x.strip(" ?") for x in " ".join(t[4]).split("/")]
    types = [x for x in types if x]
    if not types or any(x not in TYPE_CODES for x in types):
        return None
    orgs = []
    for line in t.get(10, []):
        orgs += [normalise(x) for x in re.findall(r'"([^"]*)"', line)]
    conf = " ".join(re.sub(r'"[^"]*"', "", x) for x in t.get(11, []))
    return {
        "doc": m.group(1), "relevant": True, "n": number,
        "types": types, "orgs": [o for o in orgs if o],
        "category": " ".join(t.get(8, [])),
        "confidence": conf,
    }


def normalise(s):
    s = re.sub(r"[^A-Z0-9 ]+", " ", (s or "").upper())
    s = " ".join(s.split())
    return s[4:] if s.startswith("THE ") else s


# ---- truce -----------------------------------------------------------------

def run_truce(truce, docs):
    lines = []
    for doc_id, date, text in docs:
        rec = {"id": doc_id, "text": text}
        if date:
            rec["date"] = date
        lines.append(json.dumps(rec))
    return eval_plover.code_jsonl(truce, lines, "eval_muc")


# ---- scoring ---------------------------------------------------------------

def violent(ev):
    return ev.get("root") in VIOLENT_ROOTS


def of_type(ev, types):
    code = ev.get("code") or ""
    return any(code.startswith(p) for t in types for p in TYPE_CODES[t])


def text_agrees(ev, orgs):
    src = " %s " % normalise((ev.get("source") or {}).get("text"))
    if not src.strip():
        return False
    return any((" %s " % o) in src or src in (" %s " % o) for o in orgs)


def role_agrees(ev, category):
    code = (ev.get("source") or {}).get("code") or ""
    if "TERRORIST ACT" in category:
        return any(r in code for r in REBEL_ROLES)
    if "STATE-SPONSORED" in category:
        return any(r in code for r in STATE_ROLES)
    return False


def reported(ev):
    return ev.get("mode") == "claimed" or ev.get("claim") is not None


def score(docs, keys, events):
    s = collections.Counter()
    per_type = collections.defaultdict(collections.Counter)
    claims = collections.defaultdict(collections.Counter)
    misses = []
    for doc_id, _, _ in docs:
        tpls = keys.get(doc_id, [])
        incidents = [t for t in tpls if t["relevant"]]
        evs = events.get(doc_id, [])
        any_violent = any(violent(e) for e in evs)
        if incidents:
            s["rel_docs"] += 1
            s["detected"] += any_violent
        elif tpls:
            s["irr_docs"] += 1
            s["quiet"] += not any_violent
            if any_violent:
                misses.append((doc_id, "false alarm",
                               [e for e in evs if violent(e)]))
        else:
            s["no_key"] += 1
        if incidents and not any_violent:
            misses.append((doc_id, "not detected", evs))
        for t in incidents:
            label = " / ".join(t["types"])
            right = [e for e in evs if of_type(e, t["types"])]
            pt = per_type[label]
            s["incidents"] += 1
            pt["incidents"] += 1
            pt["detected"] += any_violent
            s["type"] += bool(right)
            pt["type"] += bool(right)
            if any_violent and not right:
                misses.append((doc_id, "type (%s #%s)" % (label, t["n"]),
                               [e for e in evs if violent(e)]))
            if t["orgs"]:
                by_text = any(text_agrees(e, t["orgs"]) for e in right)
                either = by_text or any(role_agrees(e, t["category"])
                                        for e in right)
                for c in (s, pt):
                    c["perp"] += 1
                    c["src_text"] += by_text
                    c["src"] += either
                if right and not either:
                    misses.append((doc_id, "source (%s #%s: %s)"
                                   % (label, t["n"], " / ".join(t["orgs"])),
                                   right))
                for name, test in CONFIDENCES:
                    if test(t["confidence"]):
                        c = claims[name]
                        c["incidents"] += 1
                        c["with_event"] += bool(right)
                        c["marked"] += any(reported(e) for e in right)
                        c["events"] += len(right)
                        c["events_marked"] += sum(reported(e) for e in right)
    return s, per_type, claims, misses


# ---- report ----------------------------------------------------------------

def pct(a, n):
    return "%.1f%%" % (100.0 * a / n if n else 0.0)


def report(s, per_type, claims, skipped, ndocs, commit):
    out = []
    out.append("MUC-3/4 development set: %d documents, %d incidents "
               "(%d templates skipped as unreadable)"
               % (ndocs, s["incidents"], skipped))
    out.append("(truce commit %s; negated and conditional events dropped)"
               % commit)
    out.append("")
    out.append("| measure | count | share |")
    out.append("|---|---|---|")
    rows = [
        ("documents with an incident: violent event found", "detected",
         "rel_docs"),
        ("documents without one: no violent event (no false alarm)", "quiet",
         "irr_docs"),
        ("incidents: event of the right type in the document", "type",
         "incidents"),
        ("incidents with a perpetrator organization: source (text)",
         "src_text", "perp"),
        ("incidents with a perpetrator organization: source (text or role)",
         "src", "perp"),
    ]
    for label, a, n in rows:
        out.append("| %s | %d / %d | %s |" % (label, s[a], s[n],
                                              pct(s[a], s[n])))
    if s["no_key"]:
        out.append("| documents without any template (ignored) | %d | |"
                   % s["no_key"])
    out.append("")
    out.append("| incident type | incidents | violent event | right type |"
               " with perpetrator org | source (text) | source |")
    out.append("|---|---|---|---|---|---|---|")
    for label, c in sorted(per_type.items(),
                           key=lambda kv: -kv[1]["incidents"]):
        out.append("| %s | %d | %s | %s | %d | %s | %s |" % (
            label, c["incidents"], pct(c["detected"], c["incidents"]),
            pct(c["type"], c["incidents"]), c["perp"],
            pct(c["src_text"], c["perp"]), pct(c["src"], c["perp"])))
    out.append("")
    out.append("| key confidence | incidents | with right-type event |"
               " one marked claimed | events marked claimed |")
    out.append("|---|---|---|---|---|")
    for name, _ in CONFIDENCES:
        c = claims[name]
        out.append("| %s | %d | %d | %d (%s) | %d / %d (%s) |" % (
            name, c["incidents"], c["with_event"], c["marked"],
            pct(c["marked"], c["with_event"]), c["events_marked"],
            c["events"], pct(c["events_marked"], c["events"])))
    return "\n".join(out)


def describe(ev):
    src = ev.get("source") or {}
    tgt = ev.get("target") or {}
    return "%s %s(%s)->%s(%s)%s" % (
        ev.get("code"), src.get("code"), src.get("text"), tgt.get("code"),
        tgt.get("text"), " [claimed]" if reported(ev) else "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--truce", default=os.path.join(TOP, "build", "truce"))
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    if not os.path.isdir(a.data):
        print("eval_muc: %s not found (../shared absent); skipped" % a.data)
        return 0
    docs = read_documents(a.data)
    keys, skipped = read_templates(a.data)
    if not docs:
        print("eval_muc: no dev-muc3-* documents in %s; skipped" % a.data)
        return 0
    s, per_type, claims, misses = score(docs, keys, run_truce(a.truce, docs))
    commit = subprocess.run(["git", "-C", TOP, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    print(report(s, per_type, claims, skipped, len(docs), commit or "unknown"))
    if a.verbose:
        for doc_id, what, evs in misses:
            got = "; ".join(describe(e) for e in evs) or "none"
            print("\n%s %s\n   got: %s" % (doc_id, what, got))
    return 0


if __name__ == "__main__":
    sys.exit(main())
