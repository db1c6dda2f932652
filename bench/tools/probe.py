#!/usr/bin/env python3
"""Sends every pre-generated body once to our /graphql (and the peer's), before any timing.

    python3 bench/tools/probe.py --bodies DIR --queries linked,search --ours http://127.0.0.1:5090/graphql
        [--peer http://127.0.0.1:5091/graphql] [--floor-out floor.json] --out probe.json

- records our exact response text per body into the floor file ([{"body": ..., "response": ...}]),
  which our host serves back from POST /floor (--Bench:FloorResponses);
- counts responses with GraphQL errors (or a non-200 status) per server and query, keeping the
  distinct error messages;
- compares the `data` of ours and the peer's answer per body: identical, identical up to the order
  of lists, or different (with the first differing path as an example).
"""
import argparse
import http.client
import json
import os
import urllib.parse


class Client:
    def __init__(self, url):
        u = urllib.parse.urlsplit(url)
        self.host, self.port, self.path = u.hostname, u.port, u.path
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)

    def post(self, body):
        for attempt in range(2):
            try:
                self.conn.request("POST", self.path, body=body.encode("utf-8"),
                                  headers={"Content-Type": "application/json", "Accept": "application/graphql-response+json, application/json"})
                r = self.conn.getresponse()
                return r.status, r.read().decode("utf-8")
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
                if attempt:
                    raise


def canonical(value):
    """Order-insensitive form: every list sorted by the JSON of its canonical items."""
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def first_difference(a, b, path="data"):
    if type(a) is not type(b):
        return f"{path}: {short(a)} vs {short(b)}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: {'missing in ours' if k not in a else 'missing in peer'}"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return f"{path}: {len(a)} items vs {len(b)}" if len(a) != len(b) else None
    return None if a == b else f"{path}: {short(a)} vs {short(b)}"


def data_of(text):
    try:
        doc = json.loads(text)
        return doc.get("data") if isinstance(doc, dict) else None
    except ValueError:
        return None


def short(v):
    text = json.dumps(v, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def summarize_errors(status, text):
    if status != 200:
        return f"HTTP {status}: {text[:160]}"
    try:
        doc = json.loads(text)
    except ValueError:
        return f"not JSON: {text[:120]}"
    errors = doc.get("errors")
    if errors:
        return "; ".join(e.get("message", "?")[:160] for e in errors[:2])
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bodies", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--ours", required=True)
    parser.add_argument("--peer")
    parser.add_argument("--floor-out")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    ours = Client(args.ours)
    peer = Client(args.peer) if args.peer else None
    floor = []
    report = {}
    for name in args.queries.split(","):
        with open(os.path.join(args.bodies, f"{name}.txt"), encoding="utf-8") as f:
            bodies = [line.rstrip("\n") for line in f if line.strip()]
        r = {"requests": len(bodies), "oursErrors": 0, "oursErrorMessages": {}, "oursBytes": 0}
        if peer:
            r.update({"peerErrors": 0, "peerErrorMessages": {}, "peerBytes": 0, "identical": 0, "sameUpToOrder": 0, "different": 0, "examples": []})
        for body in bodies:
            status, text = ours.post(body)
            r["oursBytes"] += len(text.encode("utf-8"))
            floor.append({"body": body, "response": text})
            err = summarize_errors(status, text)
            if err:
                r["oursErrors"] += 1
                r["oursErrorMessages"][err] = r["oursErrorMessages"].get(err, 0) + 1
            if not peer:
                continue
            pstatus, ptext = peer.post(body)
            r["peerBytes"] += len(ptext.encode("utf-8"))
            perr = summarize_errors(pstatus, ptext)
            if perr:
                r["peerErrors"] += 1
                r["peerErrorMessages"][perr] = r["peerErrorMessages"].get(perr, 0) + 1
            a, b = data_of(text), data_of(ptext)
            if name == "search" and a and b and a.get("search") and b.get("search"):
                ka = {e["node"]["key"] for e in a["search"]["edges"]}
                kb = {e["node"]["key"] for e in b["search"]["edges"]}
                r.setdefault("searchKeyOverlap", []).append(len(ka & kb) / len(ka | kb) if ka | kb else 1.0)
                r["searchSameTotal"] = r.get("searchSameTotal", 0) + (a["search"]["totalCount"] == b["search"]["totalCount"])
            if a == b and not err and not perr:
                r["identical"] += 1
            elif a is not None and b is not None and canonical(a) == canonical(b):
                r["sameUpToOrder"] += 1
            else:
                r["different"] += 1
                if len(r["examples"]) < 3:
                    variables = json.loads(body)["variables"]
                    r["examples"].append({"variables": variables, "difference": first_difference(a, b) or (err or perr or "errors differ")})
        if "searchKeyOverlap" in r:
            r["searchKeyOverlap"] = round(sum(r["searchKeyOverlap"]) / len(r["searchKeyOverlap"]), 3)
        for key in ("oursErrorMessages", "peerErrorMessages"):
            if key in r:
                r[key] = dict(sorted(r[key].items(), key=lambda kv: -kv[1])[:3])
        report[name] = r
        print(f"  probe {name}: {json.dumps({k: v for k, v in r.items() if k not in ('examples',)}, ensure_ascii=False)[:400]}")
    if args.floor_out:
        with open(args.floor_out, "w", encoding="utf-8") as f:
            json.dump(floor, f, ensure_ascii=False)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
