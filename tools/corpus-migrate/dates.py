#!/usr/bin/env python3
"""Issue 14.6: dates stated or explicitly unknown. Every policy and agreement the report names without
a date gets its principal date written `not_given` (policies: issued; agreements: signed, or announced
for initiatives, declarations and statements), with the inventory's reason as a comment.

Usage: python3 tools/corpus-migrate/dates.py graph-seed INVENTORY.tsv

The inventory is the TSV of dates not in the report (key, kind, name_zh, missing, why, …). A file that
already has a `dates:` field is left alone, so the script can be run again.
"""
import pathlib
import re
import sys

ANNOUNCED_TYPES = {"initiative", "declaration", "statement"}


def main():
    root = pathlib.Path(sys.argv[1])
    written = 0
    for line in pathlib.Path(sys.argv[2]).read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("key\t"):
            continue
        key, kind, _, _, why = line.split("\t")[:5]
        path = root / (key + ".md")
        lines = path.read_text(encoding="utf-8").split("\n")
        end = lines.index("---", 1)
        if any(l.startswith("dates:") for l in lines[1:end]):
            continue
        kind_type = next((l.split(":", 1)[1].strip() for l in lines[1:end] if l.startswith("type:")), "")
        name = "issued" if kind == "policy" else "announced" if kind_type in ANNOUNCED_TYPES else "signed"
        at = next((i for i in range(1, end) if re.match(r"^(relations|figures|sources):", lines[i])), end)
        lines[at:at] = ["dates:", f"  {name}: not_given   # {why}"]
        path.write_text("\n".join(lines), encoding="utf-8")
        written += 1
    print(f"{written} files marked")


if __name__ == "__main__":
    main()
