#!/usr/bin/env python3
"""Issue 14.4: provenance per fact. Turns the free-text marker
`note: "general knowledge (not in the report): WHY; ref: REF"` into structured front matter.

Usage: python3 tools/corpus-migrate/provenance.py graph-seed INVENTORY.tsv [--check]

- On a relation entry the note becomes `origin: general`, `reference: REF` and `note: WHY` (report
  words written before the marker stay at the front of the note).
- On a `sources` entry the report entry keeps its section (and any report words of the note), and a
  new entry follows it: `origin: general`, `about: [the facts it vouches for]`, `reference`, `note`.
- Aliases the inventory lists as "not marked" (search names not printed in the report) get one
  general `sources` entry per file naming each alias in `about`.

The reference is the note's `ref: …` part, else a trailing parenthesis naming a site, else the
inventory's reference column for that file and fact, else the note's own text (then it is one).
The inventory is the TSV of general-knowledge facts (file, field_or_relation, value, why, reference,
category, marked_as). Files without the marker are left alone, so the script can be run again.
"""
import collections
import json
import pathlib
import re
import sys

MARKER = "general knowledge (not in the report): "
NOTE = re.compile(r'^(?P<indent>\s*)(?P<dash>- )?note: (?P<value>.*)$')
TOP = re.compile(r'^([A-Za-z_]+):')
TRAILING_REF = re.compile(r'\s*\(([^()]*\.[a-z]{2,}[^()]*)\)\s*$')

# What a sources note vouches for, read from its words (checked against the inventory below).
ABOUT_BY_WORDS = [
    (re.compile(r'^status '), ["status"]),
    (re.compile(r'one document'), ["identity", "name.en"]),
    (re.compile(r'English name|official English|full name Synergy|styles itself|hence .Hefei.|Qianhai is part'), ["name.en"]),
]

FIELD_TO_ABOUT = {"status": "status", "name.en": "name.en", "narrative": "narrative", "identity": "identity"}


def quote(text):
    return json.dumps(text, ensure_ascii=False)


def unquote(value):
    value = value.strip()
    if value.startswith('"'):
        return json.loads(value)
    if value.startswith("'"):
        return value[1:-1].replace("''", "'")
    return value


def split_note(note, inventory_ref):
    """(report words before the marker, why, reference)."""
    before, _, general = note.partition(MARKER)
    before = before.rstrip("; ").strip()
    if "; ref: " in general:
        why, _, ref = general.rpartition("; ref: ")
    elif (m := TRAILING_REF.search(general)) is not None:
        why, ref = general[: m.start()].strip(), m.group(1).strip()
    elif inventory_ref:
        why, ref = general, inventory_ref
    else:
        why, ref = general, general
    return before, why.strip(), ref.strip()


def read_inventory(path):
    rows = collections.defaultdict(list)
    for line in pathlib.Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("file\t"):
            continue
        parts = line.split("\t")
        if len(parts) >= 7:
            rows[parts[0]].append(dict(field=parts[1], value=parts[2], why=parts[3], reference=parts[4], marked=parts[6]))
    return rows


def about_of(note, rows):
    for pattern, about in ABOUT_BY_WORDS:
        if pattern.search(note.partition(MARKER)[2]):
            return about
    marked = [r for r in rows if r["marked"] == "source note"]
    about = []
    for r in marked:
        if r["field"] == "aliases":
            about += ["aliases." + a.strip() for a in r["value"].split(";")]
        elif r["field"] in FIELD_TO_ABOUT and r["field"] != "name.en":
            about.append(FIELD_TO_ABOUT[r["field"]])
    return about


def migrate(path, rows, root):
    lines = path.read_text(encoding="utf-8").split("\n")
    end = lines.index("---", 1)
    out, top, changed, counts = [], None, False, collections.Counter()
    i = 0
    while i < len(lines):
        line = lines[i]
        if i < end and (m := TOP.match(line)):
            top = m.group(1)
        m = NOTE.match(line) if 0 < i < end else None
        if m is None or MARKER not in line:
            out.append(line)
            i += 1
            continue
        changed = True
        note = unquote(m.group("value"))
        indent = m.group("indent") + ("  " if m.group("dash") else "")
        inventory_ref = next((r["reference"] for r in rows if r["marked"] in ("relation note", "source note") and r["reference"] and r["value"] in note), None)
        if inventory_ref is None and sum(r["marked"] == "source note" for r in rows) == 1 and top == "sources":
            inventory_ref = next(r["reference"] for r in rows if r["marked"] == "source note")
        before, why, ref = split_note(note, inventory_ref)
        if top == "relations":
            out.append(f"{indent}origin: general")
            out.append(f"{indent}reference: {quote(ref)}")
            out.append(f"{indent}note: {quote(before + '; ' + why if before else why)}")
            counts["relation"] += 1
            i += 1
            continue
        if top != "sources":
            raise SystemExit(f"{path}:{i + 1}: a general-knowledge note under '{top}' is not a relation or a source")
        about = about_of(note, rows)
        if not about:
            raise SystemExit(f"{path}:{i + 1}: cannot tell which facts this note vouches for: {note}")
        if before:
            out.append(f"{indent}note: {quote(before)}")
        # The general entry follows the report entry this note was on (after its remaining fields).
        j = i + 1
        while j < end and lines[j].startswith(indent) and not lines[j].lstrip().startswith("- "):
            out.append(lines[j])
            j += 1
        dash = indent[:-2]
        out.append(f"{dash}- origin: general")
        out.append(f"{indent}about: [{', '.join(quote(a) for a in about)}]")
        out.append(f"{indent}reference: {quote(ref)}")
        out.append(f"{indent}note: {quote(why)}")
        counts["source:" + ",".join(about)] += 1
        i = j
    text = "\n".join(out)

    aliases = [r for r in rows if r["field"] == "aliases" and r["marked"].startswith("not marked")]
    if aliases and '"aliases.' + aliases[0]["value"] + '"' not in text:
        text = add_alias_entry(text, aliases)
        counts["aliases"] += len(aliases)
        changed = True
    return text, changed, counts


def add_alias_entry(text, aliases):
    lines = text.split("\n")
    end = lines.index("---", 1)
    start = next(k for k in range(1, end) if lines[k].startswith("sources:"))
    dash = next(lines[k][: len(lines[k]) - len(lines[k].lstrip())] for k in range(start + 1, end) if lines[k].lstrip().startswith("- "))
    stop = next((k for k in range(start + 1, end) if TOP.match(lines[k])), end)
    last = stop - 1
    refs = sorted({a["reference"] for a in aliases})
    entry = [
        f"{dash}- origin: general",
        f"{dash}  about: [{', '.join(quote('aliases.' + a['value']) for a in aliases)}]",
        f"{dash}  reference: {quote('; '.join(refs))}",
        f"{dash}  note: {quote('search names not printed in the report: full names, short forms or abbreviations in common use')}",
    ]
    return "\n".join(lines[: last + 1] + entry + lines[last + 1:])


def main():
    root = pathlib.Path(sys.argv[1])
    inventory = read_inventory(sys.argv[2])
    check = "--check" in sys.argv
    total = collections.Counter()
    for path in sorted(root.rglob("*.md")):
        if path.name == "README.md":
            continue
        key = "graph-seed/" + path.relative_to(root).as_posix()
        text, changed, counts = migrate(path, inventory.get(key, []), root)
        total.update(counts)
        if changed and not check:
            path.write_text(text, encoding="utf-8")
    for name, count in sorted(total.items()):
        print(f"{count}\t{name}")


if __name__ == "__main__":
    main()
