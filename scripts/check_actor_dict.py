#!/usr/bin/env python3
"""Lint for truce actor dictionaries (dict/actors/*.actors, format in
dict/README.md).

Checks every line for syntax, CAMEO-looking codes, dates and ranges, known
flags, and reports names that occur in more than one entry (across all files
given), with the codes each one gets. Prints per-file counts of entries and
names. Plain python3, no third-party modules.

usage: check_actor_dict.py [--quiet] [--dups-only-for FILE...] FILE|DIR...
exit status: 0 clean, 1 errors (malformed lines or conflicting duplicates),
2 usage.
"""
import datetime
import glob
import os
import re
import sys
import unicodedata

FLAGS = {"country", "capital", "person", "male", "female", "group", "igo", "place"}
CODE_RE = re.compile(r"^(?:[A-Z0-9]{3})+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Words that would fire on ordinary English text when folded to lower case.
RISKY = {
    "us", "who", "car", "is", "it", "an", "a", "i", "in", "on", "at", "as",
    "or", "so", "no", "man", "male", "may", "will", "can", "pole", "poles",
    "turkey", "china", "chile", "guinea", "jersey", "victoria", "kingston",
    "georgetown", "praia", "nice", "mobile", "reading", "bath", "march",
    "august", "grace", "hope", "faith", "bill", "mark", "rose", "sky",
    "state", "government", "president", "minister", "army", "forces",
    "police", "gallant", "borne", "pence", "truss", "conte", "austin",
}
ALLOWED_RISKY = {"turkey", "china", "chile", "guinea"}  # kept on purpose
# First three letters that are not states: CAMEO international, regional,
# and a few transnational codes.
NONSTATE = {
    "IGO", "NGO", "NGM", "IMG", "INT", "MNC", "UIS", "AFR", "ASA", "BLK",
    "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM",
    "MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF",
    "WAF", "WST", "KSV", "ARB", "KUR", "PAL", "MOS", "CHR", "JEW", "BUD",
    "HIN", "SUN", "YUG", "SCG", "CSK", "DDR",
}
ROLES = {
    "GOV", "MIL", "REB", "INS", "SEP", "OPP", "COP", "JUD", "LEG", "SPY",
    "UAF", "CVL", "MED", "BUS", "NGO", "REF", "ELI", "PTY", "IGO", "HLH",
    "EDU", "LAB", "AGR", "CRM", "RAD", "MOD", "REL", "CHR", "MOS", "DEV",
    "ENV", "HRI", "SET", "JEW", "SUN", "SHI", "KUR", "ETH", "IMG",
}


def load_states():
    """ISO 3166-1 alpha-3 codes from Debian's iso-codes, when installed."""
    import json
    path = "/usr/share/iso-codes/json/iso_3166-1.json"
    try:
        with open(path, encoding="utf-8") as fh:
            return {c["alpha_3"] for c in json.load(fh)["3166-1"]}
    except (OSError, ValueError, KeyError):
        return None


STATES = load_states()


def check_code_parts(code, where, warns):
    """Warns about a country prefix or role triple we do not know."""
    first = code[:3]
    if STATES is not None and first not in STATES and first not in NONSTATE:
        warns.append("%s: unknown country/prefix '%s' in %s"
                     % (where, first, code))
    if first in STATES if STATES else first not in NONSTATE:
        for i in range(3, len(code), 3):
            if code[i:i + 3] not in ROLES:
                warns.append("%s: unknown role '%s' in %s"
                             % (where, code[i:i + 3], code))


def fold(s):
    """Approximates tr_fold: NFKC, lower case, curly apostrophes, dashes."""
    s = unicodedata.normalize("NFKC", s).lower()
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub("[\u2010-\u2015\u2212]", "-", s)
    return " ".join(s.split())


def strip_comment(line):
    """'#' starts a comment at line start or after a space or tab."""
    for i, ch in enumerate(line):
        if ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


def parse_date(s):
    if not DATE_RE.match(s):
        return None
    try:
        return datetime.date(int(s[:4]), int(s[5:7]), int(s[8:10]))
    except ValueError:
        return None


def check_codespec(spec, where, errs):
    """Returns (code, from, to) or None."""
    parts = spec.split()
    if not parts or len(parts) > 2:
        errs.append("%s: bad code spec '%s'" % (where, spec))
        return None
    code = parts[0]
    if not CODE_RE.match(code) or len(code) > 15:
        errs.append("%s: bad actor code '%s'" % (where, code))
        return None
    lo = hi = None
    if len(parts) == 2:
        rng = parts[1]
        if ".." not in rng:
            errs.append("%s: bad date range '%s'" % (where, rng))
            return None
        a, b = rng.split("..", 1)
        if not a and not b:
            errs.append("%s: empty date range" % where)
            return None
        if a:
            lo = parse_date(a)
            if lo is None:
                errs.append("%s: bad date '%s'" % (where, a))
                return None
        if b:
            hi = parse_date(b)
            if hi is None:
                errs.append("%s: bad date '%s'" % (where, b))
                return None
        if lo and hi and lo > hi:
            errs.append("%s: range ends before it starts '%s'" % (where, rng))
            return None
        if (lo and lo.year < 1900) or (hi and hi.year > 2100):
            errs.append("%s: implausible date in '%s'" % (where, rng))
    return (code, lo, hi)


def parse_line(raw, where, errs, warns):
    line = strip_comment(raw).strip()
    if not line:
        return None
    if ":" not in line:
        errs.append("%s: no ':' between codes and names" % where)
        return None
    left, right = line.split(":", 1)
    flags = set()
    m = re.search(r"\{([^{}]*)\}\s*$", right)
    if m:
        for f in m.group(1).split(","):
            f = f.strip()
            if f not in FLAGS:
                errs.append("%s: unknown flag '%s'" % (where, f))
            flags.add(f)
        right = right[: m.start()]
    if "{" in right or "}" in right:
        errs.append("%s: stray brace" % where)
    specs = []
    for spec in left.split(";"):
        spec = spec.strip()
        if not spec:
            errs.append("%s: empty code spec" % where)
            continue
        cs = check_codespec(spec, where, errs)
        if cs:
            check_code_parts(cs[0], where, warns)
            specs.append(cs)
    if not specs:
        return None
    undated = [s for s in specs if s[1] is None and s[2] is None]
    if len(undated) > 1:
        errs.append("%s: more than one default (undated) code" % where)
    dated = sorted([s for s in specs if s[1] or s[2]],
                   key=lambda s: (s[1] or datetime.date.min))
    for a, b in zip(dated, dated[1:]):
        if a[2] is None or (b[1] and a[2] and b[1] < a[2]):
            if a[0] != b[0] or a[2] is None:
                warns.append("%s: ranges of %s and %s overlap"
                             % (where, a[0], b[0]))
    names = [n.strip() for n in right.split("|")]
    if any(not n for n in names):
        errs.append("%s: empty name" % where)
    names = [n for n in names if n]
    if not names:
        errs.append("%s: no names" % where)
        return None
    if "male" in flags and "female" in flags:
        errs.append("%s: both male and female" % where)
    if ("male" in flags or "female" in flags) and "person" not in flags:
        errs.append("%s: male/female without person" % where)
    seen = set()
    for n in names:
        f = fold(n)
        if f in seen:
            warns.append("%s: name '%s' twice in one entry" % (where, n))
        seen.add(f)
        if f in RISKY and f not in ALLOWED_RISKY:
            errs.append("%s: name '%s' is an ordinary English word" % (where, n))
    return {"specs": specs, "names": names, "flags": flags, "where": where}


def lemma_variants(name):
    """Names that the last-word lemma rule could confuse with 'name'."""
    head, _, last = name.rpartition(" ")
    pre = head + " " if head else ""
    out = {pre + last + "s", pre + last + "es"}
    if last.endswith("es"):
        out.add(pre + last[:-2])
    if last.endswith("s"):
        out.add(pre + last[:-1])
    return out


def codes_key(entry):
    return tuple((c, lo, hi) for c, lo, hi in entry["specs"])


def main(argv):
    quiet = "--quiet" in argv
    args = [a for a in argv if a != "--quiet"]
    own = None
    if "--dups-only-for" in args:
        i = args.index("--dups-only-for")
        rest = args[i + 1:]
        args = args[:i]
        own = set(os.path.abspath(p) for p in rest)
    if not args:
        print(__doc__.strip().splitlines()[-4], file=sys.stderr)
        return 2
    files = []
    for a in args:
        if os.path.isdir(a):
            files += sorted(glob.glob(os.path.join(a, "*.actors")))
        else:
            files.append(a)
    errs, warns = [], []
    by_name = {}
    stats = []
    for path in files:
        n_ent = n_names = 0
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        for no, raw in enumerate(text.splitlines(), 1):
            where = "%s:%d" % (os.path.relpath(path), no)
            e = parse_line(raw.rstrip("\r"), where, errs, warns)
            if not e:
                continue
            e["path"] = os.path.abspath(path)
            n_ent += 1
            n_names += len(e["names"])
            for n in set(fold(x) for x in e["names"]):
                by_name.setdefault(n, []).append(e)
        stats.append((path, n_ent, n_names))
    dups = 0
    for name, ents in sorted(by_name.items()):
        if len(ents) < 2:
            continue
        if own is not None and not any(e["path"] in own for e in ents):
            continue
        same = len(set(codes_key(e) for e in ents)) == 1
        msg = "duplicate name '%s': %s" % (name, "; ".join(
            "%s %s" % (e["where"], "/".join(c for c, _, _ in e["specs"]))
            for e in ents))
        if same:
            warns.append(msg + " (same codes)")
        else:
            errs.append(msg)
        dups += 1
    for name, ents in sorted(by_name.items()):
        for other in lemma_variants(name):
            if other <= name or other not in by_name:
                continue
            a, b = ents[0], by_name[other][0]
            if codes_key(a) != codes_key(b):
                if own is None or a["path"] in own or b["path"] in own:
                    warns.append("name '%s' (%s) and '%s' (%s) differ only "
                                 "in a plural ending: the lemma rule matches "
                                 "both" % (name, a["where"], other,
                                           b["where"]))
    for w in warns:
        if not quiet:
            print("warning: " + w)
    for e in errs:
        print("error: " + e)
    tot_e = sum(s[1] for s in stats)
    tot_n = sum(s[2] for s in stats)
    for path, ne, nn in stats:
        print("%-48s %5d entries %6d names" % (os.path.relpath(path), ne, nn))
    print("%-48s %5d entries %6d names" % ("total", tot_e, tot_n))
    print("%d errors, %d warnings, %d duplicated names"
          % (len(errs), len(warns), dups))
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
