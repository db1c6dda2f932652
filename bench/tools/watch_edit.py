#!/usr/bin/env python3
"""Edits one entity file of a served corpus and prints how long until the API serves a new graph version (ms).

    python3 bench/tools/watch_edit.py --corpus DIR --url http://127.0.0.1:PORT/graphql [--timeout 300] [--edits 3]

The edit is a real one an editor could make: a few words added to the English summary of the first case file (the
file stays valid). Time runs from the write to the first answer whose corpus version differs from the one before.
Prints one line of JSON: {"first": ms, "next": [ms, ...]} — the first edit after the server started (after a start
from the snapshot cache the server has no per-file state yet, so it reads every file) and the edits after it.
Exits 1 (printing nothing) if a new version is not served within the timeout.
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
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()

    folder = os.path.join(args.corpus, "cases")
    path = os.path.join(folder, sorted(f for f in os.listdir(folder) if f.endswith(".md"))[0])
    times = []
    for _ in range(args.edits):
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
        while True:
            if time.monotonic() - started > args.timeout:
                return 1
            try:
                if version(args.url) != before:
                    times.append(round((time.monotonic() - started) * 1000))
                    break
            except OSError:
                pass
            time.sleep(0.02)
        time.sleep(1)  # let the watcher settle before the next edit
    print(json.dumps({"first": times[0], "next": times[1:]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
