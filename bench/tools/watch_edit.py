#!/usr/bin/env python3
"""Edits one entity file of a served corpus and prints how long until the API serves a new graph version (ms).

    python3 bench/tools/watch_edit.py --corpus DIR --url http://127.0.0.1:PORT/graphql [--timeout 300]

The edit is a real one an editor could make: a few words added to the English summary of the first case file (the
file stays valid). Time runs from the write to the first answer whose corpus version differs from the one before.
Exits 1 (printing nothing) if no new version is served within the timeout.
"""
import argparse
import json
import os
import sys
import time
import urllib.request


def version(url):
    body = json.dumps({"query": "{ corpus { version } }"}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json", "Accept": "application/graphql-response+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["data"]["corpus"]["version"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()

    folder = os.path.join(args.corpus, "cases")
    path = os.path.join(folder, sorted(f for f in os.listdir(folder) if f.endswith(".md"))[0])
    text = open(path, encoding="utf-8").read()
    marker = "\n  en: "
    at = text.find(marker, text.find("summary:"))
    end = text.find("\n", at + len(marker))
    line = text[at:end]
    edited = text[:end].rstrip('"') + (' (revised)"' if line.endswith('"') else " (revised)") + text[end:]

    before = version(args.url)
    started = time.monotonic()
    with open(path, "w", encoding="utf-8") as f:
        f.write(edited)
    while time.monotonic() - started < args.timeout:
        try:
            if version(args.url) != before:
                print(round((time.monotonic() - started) * 1000))
                return 0
        except OSError:
            pass
        time.sleep(0.02)
    return 1


if __name__ == "__main__":
    sys.exit(main())
