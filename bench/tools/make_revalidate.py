#!/usr/bin/env python3
"""Turns POST bodies into conditional GETs for the 304 path: one "<path>\t<etag>" line per body.

    python3 bench/tools/make_revalidate.py --bodies DIR/linked.txt --server http://127.0.0.1:5093 --out revalidate.txt

Each body becomes GET /graphql?query=…&variables=… ; the server is asked once for the answer's ETag (Accept
application/graphql-response+json, as wrk/revalidate.lua sends). Prints how many lines were written and how
many GETs answered without an ETag (those are left out).
"""
import argparse
import http.client
import json
import urllib.parse


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bodies", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    u = urllib.parse.urlsplit(args.server)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    written = missing = 0
    with open(args.bodies, encoding="utf-8") as f, open(args.out, "w", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            body = json.loads(line)
            params = {"query": body["query"]}
            if body.get("variables"):
                params["variables"] = json.dumps(body["variables"], ensure_ascii=False, separators=(",", ":"))
            path = "/graphql?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
            conn.request("GET", path, headers={"Accept": "application/graphql-response+json"})
            r = conn.getresponse()
            r.read()
            etag = r.getheader("ETag")
            if r.status != 200 or not etag:
                missing += 1
                continue
            out.write(f"{path}\t{etag}\n")
            written += 1
    print(json.dumps({"written": written, "withoutETag": missing}))


if __name__ == "__main__":
    main()
