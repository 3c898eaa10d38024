#!/usr/bin/env python3
"""Refresh the generated tables of docs/ACCURACY.md.

Usage: scripts/update_accuracy.py [BUILD_DIR]

- the per-field agreement of claim, mode, date and place on our samples
  (tests/golden/compare.py --fields-only-table), between the markers
  <!-- fields-begin --> and <!-- fields-end -->;
- the PLOVER figures (scripts/eval_plover.py --write), when ../shared is
  there.
"""
import os
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(TOP, "docs", "ACCURACY.md")
BEGIN, END = "<!-- fields-begin -->", "<!-- fields-end -->"


def write_block(text):
    old = open(DOC, encoding="utf-8").read()
    block = BEGIN + "\n" + text.strip() + "\n" + END
    if BEGIN in old and END in old:
        new = old[:old.index(BEGIN)] + block + old[old.index(END) + len(END):]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    with open(DOC, "w", encoding="utf-8") as f:
        f.write(new)


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(TOP, "build")
    truce = os.path.join(build, "truce")
    commit = subprocess.run(["git", "-C", TOP, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    out = subprocess.run([sys.executable,
                          os.path.join(TOP, "tests", "golden", "compare.py"),
                          truce, os.path.join(TOP, "samples"),
                          "--fields-only-table"],
                         capture_output=True, text=True).stdout
    table = "\n".join(l for l in out.splitlines() if l.startswith("|"))
    write_block("Per-field agreement on the samples (commit %s): of the golden "
                "lines that have the field, how many a produced event matches "
                "(same sentence, code, source and target) and agrees on.\n\n%s"
                % (commit, table))
    subprocess.run([sys.executable, os.path.join(TOP, "scripts",
                                                 "eval_plover.py"),
                    "--truce", truce, "--write", DOC],
                   stdout=subprocess.DEVNULL)


main()
