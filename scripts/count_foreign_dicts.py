#!/usr/bin/env python3
"""Count what the field's production dictionaries hold, independently of
truce's C readers, and compare with `truce dict stats`.

Usage: scripts/count_foreign_dicts.py [--truce BUILD/truce]
                                      [--shared ../shared] [--verbose]

Two production sets (../shared/dictionaries, see its README.md):
  petrarch  petrarch2/config/PETR_config.ini (CAMEO.2.0.txt, the three
            Phoenix actor files, Phoenix.agents/discards/IssueCoding)
  tabari    tabari-dictionaries/: CAMEO.080612.verbs, the four .actors
            files, PSU.120522.agents

Counts, per file, with the constructs of
../shared/formats/tabari-petrarch-dictionaries.md (section numbers §):

Comments (§1). TABARI files: a line starting `#` or `/` is a comment, `;`
and everything after it is removed, reading stops at `~~FINISH`. PETRARCH
files: a line starting `#` or `<!` is a comment, `#` and everything after
it is removed, `<!-- ... -->` blocks are removed. What is left is trimmed;
an empty line is ignored.

Actor files (§3):
  actor records     lines that start a record: not indented, not `+`, not
                    `[`, outside the TABARI <NOUN>/<ADJECTIVE> sections
  actor synonyms    lines starting `+`
  actor code blocks `[...]` groups on primary lines and on code lines
                    (indented lines, or lines whose text starts with `[`)
  date-restricted   code blocks that hold a date after an actor code
                    (`<D`, `>D`, `D1-D2`, or a bare date; not `---`, `###`)
  null actors       records whose every code is `[---]`, or that have none
  discard-only      records whose codes are all `[###]`/`[+++]`/`[---]`
                    with at least one `[###]`/`[+++]` (shown for reference)
  noun/adj words    lines inside <NOUN>..</NOUN>, <ADJECTIVE>..</ADJECTIVE>
Agent files (§4):
  agent entries     lines holding a complete `[...]` code, not `!SET! = `
                    definitions
  explicit plurals  entries with a non-empty `{...}` before the code
Verb files (§5):
  TABARI:    verb roots = lines that are not patterns (`-`), forms (`{`),
             sections (`<`), synsets (`&`, `+`); patterns = lines `- ...`
  PETRARCH-2 (CAMEO.2.0.txt): synsets = `&NAME` lines before the
             `####### VERB PATTERNS` divider, members = `+` lines there;
             blocks = `--- NAME [CODE] ---` lines; verb lines = other
             lines inside blocks; patterns = `- ...` lines;
             transformations = `~ ...` lines.
  verb families  truce's unit: a TABARI root, or a PETRARCH block plus one
             more family every time a verb line in the block carries its
             own code different from the family's code so far (truce
             splits such blocks, docs/internals/dict_foreign.md). The
             script also prints the plain block count for reference.
Discard files (§6): discard phrases = non-comment lines; story discards =
  those starting `+`.
Issue files (§7): issue phrases = non-comment lines that are not
  `<ISSUE ...>` tags.

Documented differences (not failures): the DOCUMENTED table below, each
explained in docs/ACCURACY.md (section "Do the counts agree"). A difference is a failure and
the exit status is 1. Without ../shared the script says so and exits 0.
"""
import argparse
import collections
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)

# Our construct name -> truce's label in `dict stats`.
LABELS = {
    "actor records": "actor records (primary phrases)",
    "actor synonyms": "actor synonyms (+PHRASE)",
    "actor code blocks": "actor code blocks",
    "date-restricted codes": "date-restricted actor codes",
    "null actors": "null actors [---] (not loaded: no blocking entries)",
    "noun/adjective words": "<NOUN>/<ADJECTIVE> words (not used)",
    "agent entries": "agent entries",
    "explicit agent plurals": "explicit agent plurals {..}",
    "verb families": "verb roots / families",
    "verb lines": "verb lines and irregular forms",
    "verb patterns": "verb patterns",
    "synsets": "synsets",
    "synset members": "synset members",
    "transformations": "PETRARCH-2 transformations (not used)",
    "discard phrases": "discard phrases (not used by the coder)",
    "story discards": "story discard phrases (not used by the coder)",
    "issue phrases": "issue phrases (not used by the coder)",
}

# (set, file, construct) -> (script, truce, why) for known differences.
# Each is explained in docs/ACCURACY.md ("Do the counts agree").
DOCUMENTED = {
    # lines 745 and 12159 hold a 0x1A byte: truce reports and skips them
    ("petrarch", "Phoenix.Countries.actors.txt", "actor records"):
        (18390, 18388),
    # lines 2039, 14190, 31715, 51384: bad or reversed dates, reported
    ("petrarch", "Phoenix.Countries.actors.txt", "date-restricted codes"):
        (26110, 26106),
    # line 267: indented phrase with a code, reported and skipped, so the
    # record before it (JOHN_J MCCLOY_) has no code; line 40: 7-digit date
    ("petrarch", "Phoenix.International.actors.txt", "actor code blocks"):
        (7896, 7895),
    ("petrarch", "Phoenix.International.actors.txt", "date-restricted codes"):
        (452, 450),
    ("petrarch", "Phoenix.International.actors.txt", "null actors"): (2, 3),
    # 5 lines with bad or reversed dates, reported
    ("tabari", "Levant.080629.actors", "date-restricted codes"): (567, 562),
    # truce's "null actors" also counts the 244 discard-only records and
    # records whose only codes were reported as unreadable
    ("tabari", "Levant.080629.actors", "null actors"): (106, 351),
}

DATE_RE = re.compile(r"[<>]|\d{6,}")
CODE_RE = re.compile(r"\[([^\]]*)\]")


def read_lines(path):
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("latin-1")
    return re.split(r"\r\n|\r|\n", text)


def clean(lines, dialect):
    """Yield (raw line, cleaned text) without comments (§1)."""
    in_block = False
    for raw in lines:
        s = raw
        if dialect == "tabari":
            if s.startswith("~~FINISH"):
                return
            if s.startswith("#") or s.startswith("/"):
                continue
            s = s.split(";", 1)[0]
        else:
            if in_block:
                end = s.find("-->")
                if end < 0:
                    continue
                s = s[end + 3:]
                in_block = False
            if s.lstrip().startswith("<!--"):
                rest = s.lstrip()[4:]
                if "-->" not in rest:
                    in_block = True
                continue
            if s.startswith("#") or s.startswith("<!"):
                continue
            s = s.split("#", 1)[0]
        yield raw, s.strip()


def count_actors(path, dialect):
    c = collections.Counter()
    section = None
    record_codes = None

    def close():
        if record_codes is None:
            return
        if all(x == "---" for x in record_codes):
            c["null actors"] += 1
        elif all(x in ("---", "###", "+++") for x in record_codes):
            c["discard-only records"] += 1

    for raw, t in clean(read_lines(path), dialect):
        if not t:
            continue
        up = t.upper()
        if up in ("<NOUN>", "<ADJECTIVE>"):
            section = up
            continue
        if up in ("</NOUN>", "</ADJECTIVE>"):
            section = None
            continue
        if section:
            c["noun/adjective words"] += 1
            continue
        indented = raw[:1] in (" ", "\t")
        codes = [m.group(1).strip() for m in CODE_RE.finditer(t)]
        if t.startswith("["):
            kind = "code"
        elif t.startswith("+"):
            kind = "synonym"
        elif indented:
            kind = "code"  # indented text that is not a code: see ACCURACY
        else:
            kind = "primary"
        if kind == "synonym":
            c["actor synonyms"] += 1
            c["actor code blocks"] += len(codes)
            continue
        if kind == "primary":
            close()
            record_codes = []
            c["actor records"] += 1
        for code in codes:
            c["actor code blocks"] += 1
            parts = code.split(None, 1)
            if (len(parts) > 1 and DATE_RE.search(parts[1])
                    and parts[0] not in ("---", "###", "+++")):
                c["date-restricted codes"] += 1
            if record_codes is not None:
                record_codes.append(parts[0] if parts else "")
    close()
    return c


def count_agents(path, dialect):
    c = collections.Counter()
    for _raw, t in clean(read_lines(path), dialect):
        if not t or re.match(r"^!\w+!\s*=", t):
            continue
        m = CODE_RE.search(t)
        if not m:
            continue
        c["agent entries"] += 1
        b = t.find("{")
        if 0 <= b < m.start():
            inner = t[b + 1:t.find("}", b)] if "}" in t[b:] else ""
            if inner.strip():
                c["explicit agent plurals"] += 1
    return c


def event_code(t):
    m = None
    for m in CODE_RE.finditer(t):
        pass
    return m.group(1).strip() if m else ""


def count_verbs_tabari(path):
    c = collections.Counter()
    section = None
    for _raw, t in clean(read_lines(path), "tabari"):
        if not t:
            continue
        if t.startswith("</"):
            section = None
            continue
        if t.startswith("<"):
            section = t
            continue
        if section:
            continue
        if t.startswith("-"):
            c["verb patterns"] += 1
        elif t[0] in "{&+":
            continue
        else:
            c["verb families"] += 1
            c["verb lines"] += 1
    return c


def count_verbs_petrarch2(path):
    c = collections.Counter()
    lines = read_lines(path)
    div = next((i for i, x in enumerate(lines)
                if x.startswith("####### VERB PATTERNS")), len(lines))
    fam_code = None
    for _raw, t in clean(lines[div + 1:], "petrarch"):
        if not t:
            continue
        if t.startswith("---"):
            c["verb blocks"] += 1
            c["verb families"] += 1
            fam_code = ""
            code = event_code(t)
            if code and code != "---":
                fam_code = code
        elif t.startswith("-"):
            c["verb patterns"] += 1
        elif t.startswith("~"):
            c["transformations"] += 1
        elif t.startswith("&") or t.startswith("+") and "_" not in t:
            continue
        else:
            c["verb lines"] += 1
            code = event_code(t.split("{")[-1]) if "[" in t else ""
            if code and code != "---" and ":" not in code[:1]:
                own = code.split(":")[0]
                if fam_code and own != fam_code:
                    c["verb families"] += 1
                    fam_code = own
                elif not fam_code:
                    fam_code = own
    # Synsets are read before the divider only.
    for _raw, t in clean(lines[:div], "petrarch"):
        if t.startswith("&"):
            c["synsets"] += 1
        elif t.startswith("+"):
            c["synset members"] += 1
    return c


def count_lists(path, kind):
    c = collections.Counter()
    for _raw, t in clean(read_lines(path), "petrarch"):
        if not t or t.startswith("<"):
            continue
        if kind == "issues":
            c["issue phrases"] += 1
        elif t.startswith("+"):
            c["story discards"] += 1
        else:
            c["discard phrases"] += 1
    return c


def sets(shared):
    d = os.path.join(shared, "dictionaries")
    p = os.path.join(d, "petrarch2", "dictionaries")
    t = os.path.join(d, "tabari-dictionaries")
    petr = [("verbs2", os.path.join(p, "CAMEO.2.0.txt"))]
    for f in ("Countries", "International", "MilNonState"):
        petr.append(("actors", os.path.join(p, "Phoenix.%s.actors.txt" % f)))
    petr += [("agents", os.path.join(p, "Phoenix.agents.txt")),
             ("discards", os.path.join(p, "Phoenix.discards.txt")),
             ("issues", os.path.join(p, "Phoenix.IssueCoding.txt"))]
    tab = [("verbs", os.path.join(t, "CAMEO.080612.verbs"))]
    for f in ("CAMEO.ECS.120522", "CAMEO.RCS.120521", "Internatnl.120521",
              "Levant.080629"):
        tab.append(("actors", os.path.join(t, f + ".actors")))
    tab.append(("agents", os.path.join(t, "PSU.120522.agents")))
    return {
        "petrarch": (["--dict-set", os.path.join(d, "petrarch2", "config",
                                                 "PETR_config.ini")], petr),
        "tabari": (["--dict-format", "tabari"] +
                   [x for k, f in tab for x in
                    ("--" + k.rstrip("2"), f)], tab),
    }


def script_counts(kind, path, dialect):
    if kind == "actors":
        return count_actors(path, dialect)
    if kind == "agents":
        return count_agents(path, dialect)
    if kind == "verbs":
        return count_verbs_tabari(path)
    if kind == "verbs2":
        return count_verbs_petrarch2(path)
    return count_lists(path, kind)


def truce_counts(truce, args):
    proc = subprocess.run([truce, "dict", "stats"] + args,
                          capture_output=True, text=True)
    out = {}
    cur = None
    for line in proc.stdout.splitlines():
        m = re.match(r"^(\S.*) \((\w+)\)$", line)
        if m:
            cur = os.path.basename(m.group(1))
            out[cur] = {}
            continue
        if line.startswith("total") or line.startswith("loaded"):
            cur = None
            continue
        m = re.match(r"^  (.*\S)\s+(\d+)$", line)
        if m and cur:
            out[cur][m.group(1)] = int(m.group(2))
    return proc.returncode, out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--truce", default=os.path.join(TOP, "build", "truce"))
    ap.add_argument("--shared", default=os.environ.get(
        "TRUCE_SHARED_DIR", os.path.join(TOP, "..", "shared")))
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    if not os.path.isdir(os.path.join(a.shared, "dictionaries")):
        print("no %s/dictionaries: nothing to count" % a.shared)
        return 0
    bad = 0
    rows = []
    for name, (args, files) in sets(a.shared).items():
        rc, tc = truce_counts(a.truce, args)
        if not tc:
            print("truce dict stats gave nothing for %s (exit %d)" % (name, rc))
            return 1
        for kind, path in files:
            dialect = "tabari" if name == "tabari" else "petrarch"
            sc = script_counts(kind, path, dialect)
            base = os.path.basename(path)
            got = tc.get(base, {})
            for construct in sorted(set(sc) | {k for k, v in LABELS.items()
                                               if v in got}):
                s = sc.get(construct, 0)
                label = LABELS.get(construct)
                t = got.get(label, 0) if label else None
                if t is None:
                    rows.append((name, base, construct, s, "-", "info"))
                    continue
                key = (name, base, construct)
                if s == t:
                    verdict = "yes"
                elif DOCUMENTED.get(key, (None, None))[:2] == (s, t):
                    verdict = "documented"
                else:
                    verdict = "NO"
                    bad += 1
                rows.append((name, base, construct, s, t, verdict))
    w = max(len(r[1]) for r in rows)
    print("%-8s  %-*s  %-24s %8s %8s  %s" % ("set", w, "file", "construct",
                                             "script", "truce", "agree?"))
    for r in rows:
        print("%-8s  %-*s  %-24s %8s %8s  %s" % (r[0], w, r[1], r[2],
                                                 r[3], r[4], r[5]))
    print("%d disagreement(s)" % bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
