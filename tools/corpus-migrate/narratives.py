#!/usr/bin/env python3
"""Issue 14.5: mark each narrative's languages. Moves the Chinese paragraphs of every body into a
`::: zh` block and the English ones into a `::: en` block, and proves no text was lost.

Usage: python3 tools/corpus-migrate/narratives.py graph-seed [--check]

A body was written Chinese paragraphs first, then English ones (the guide's rule). Each paragraph
(text between blank lines) is Chinese when CJK characters are at least half as many as Latin letters,
link targets aside; a body whose paragraphs are not all Chinese then all English is refused, and
nothing is written for it. After writing, each file is read back: the front matter must be unchanged
byte for byte and the paragraphs inside the blocks must be the paragraphs of the old body, in order,
byte for byte. Files already migrated are left alone, so the script can be run again.
"""
import pathlib
import re
import sys

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
BLANK = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")


def split(text):
    """Front matter (with both fences and the newline after the second) and body."""
    assert text.startswith("---\n"), "no front matter"
    end = text.index("\n---\n", 3) + len("\n---\n")
    return text[:end], text[end:]


def paragraphs(body):
    return [p for p in BLANK.split(body.strip("\n")) if p.strip()]


def is_chinese(paragraph):
    plain = LINK_TARGET.sub("]", paragraph)
    cjk, latin = len(CJK.findall(plain)), len(LATIN.findall(plain))
    return cjk > 0 and cjk * 2 >= latin


def migrate(text):
    head, body = split(text)
    if body.lstrip("\n").startswith("::: zh"):
        return None  # already migrated
    paras = paragraphs(body)
    if not paras:
        return None  # an empty narrative stays empty (a DTG021 warning)
    langs = "".join("z" if is_chinese(p) else "e" for p in paras)
    if not re.fullmatch(r"z+e+", langs):
        raise ValueError(f"paragraph languages in order are {langs!r}, not Chinese then English")
    cut = langs.index("e")
    zh, en = paras[:cut], paras[cut:]
    new = head + "::: zh\n" + "\n\n".join(zh) + "\n:::\n\n::: en\n" + "\n\n".join(en) + "\n:::\n"
    # Read it back: the same front matter, and the same paragraphs inside the two blocks.
    new_head, new_body = split(new)
    blocks = re.fullmatch(r"::: zh\n(.*)\n:::\n\n::: en\n(.*)\n:::\n", new_body, re.S)
    if new_head != head or blocks is None or paragraphs(blocks[1]) + paragraphs(blocks[2]) != paras:
        raise ValueError("the migrated text does not read back to the same paragraphs")
    if any(CJK.search(LINK_TARGET.sub("]", p)) for p in en):
        raise ValueError("an English paragraph holds CJK characters")
    return new, len(zh), len(en)


def main():
    root = pathlib.Path(sys.argv[1])
    check = "--check" in sys.argv[2:]
    migrated = skipped = 0
    zh_total = en_total = 0
    failed = []
    for path in sorted(root.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        try:
            result = migrate(text)
        except (ValueError, AssertionError) as e:
            failed.append(f"{path}: {e}")
            continue
        if result is None:
            skipped += 1
            continue
        new, zh, en = result
        zh_total += zh
        en_total += en
        migrated += 1
        if not check:
            path.write_text(new, encoding="utf-8")
    for line in failed:
        print(line, file=sys.stderr)
    print(f"{'would migrate' if check else 'migrated'} {migrated} files ({zh_total} Chinese and {en_total} English paragraphs); "
          f"left alone {skipped}; refused {len(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
