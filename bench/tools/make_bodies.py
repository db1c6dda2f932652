#!/usr/bin/env python3
"""Pre-generates the benchmark's request bodies from an export (`dtgraph export --format json`).

    python3 bench/tools/make_bodies.py --graph graph.json --out DIR [--per-query 300] [--queries linked,search,...]

Writes DIR/<query>.txt: one complete POST body (compact JSON: query + variables) per line, the
same query document with variables varying across many entities, so that no single cached
response can serve a run. wrk (bench/wrk/cycle.lua) cycles through the lines.
"""
import argparse
import json
import os
import random
import re

QUERIES = {
    "linked": """query Linked($key: String!) {
  entity(key: $key) {
    key kind name { zh en } summary { zh en } narrative { html }
    ... on Agreement {
      parties { key name { zh en } ... on Economy { agreements { key name { en } } } ... on Organization { agreements { key name { en } } } }
      implementedBy { key name { zh } }
    }
    ... on Policy { issuers { key name { zh en } } appliesTo { key kind name { zh } } implements { key name { zh } } }
    ... on Organization { members { key name { zh } } agreements { key name { en } parties { key } } }
    ... on Economy { agreements { key name { zh en } parties { key } } memberships { key name { en } } }
    ... on Province { serviceExportBases { key name { zh } city { key } } cases { key name { zh } } cities { key name { zh } } }
    ... on City { province { key name { zh } } serviceExportBases { key name { zh } } cases { key name { zh } } }
    ... on Zone { province { key } parent { key } areas { key name { zh } } cases { key name { zh } province { key } } }
    ... on ServiceExportBase { province { key name { zh } } city { key name { zh } } cases { key name { zh } bases { key } } }
    ... on Case { province { key } bases { key name { zh } } policies { key name { zh } } partners { key kind name { en } } }
    ... on Indicator { table unit series { id name { zh } } }
    relations(first: 10) { totalCount edges { type direction node { key kind name { zh en } } } }
  }
}""",
    "search": """query Search($q: String!) {
  search(query: $q, first: 10) { totalCount edges { score node { key kind name { zh en } } highlights { field snippet } } }
}""",
    "neighborhood": """query Neighborhood($key: String!) {
  neighborhood(key: $key, depth: 2, limit: 100) { truncated nodes { key kind name { zh en } } edges { from to type } }
}""",
    "paths": """query Paths($a: String!, $b: String!) {
  paths(from: $a, to: $b, maxHops: 4, first: 3) { length nodes { key name { en } } edges { from to type } }
}""",
    "indicator": """query Indicator($key: String!, $s: String, $e: String) {
  indicator(key: $key) { table unit series { id name { zh en } unit } observations(series: $s, economy: $e) { period value unit } }
}""",
}

FIXED_TERMS = ["数据跨境", "DEPA", "海南", "data export negative list", "数字贸易", "cross-border e-commerce", "RCEP",
               "服务出口", "artificial intelligence", "自由贸易试验区", "Zhejiang", "negative list", "跨境电商", "人工智能"]


def compact(query):
    return re.sub(r"\s+", " ", query).strip()


def body(name, variables):
    return json.dumps({"query": compact(QUERIES[name]), "variables": variables}, ensure_ascii=False, separators=(",", ":"))


def stratified_keys(entities, n, rng):
    """Up to n keys: an equal share of every kind first (so hubs and rare kinds appear), then uniform."""
    by_kind = {}
    for e in entities:
        by_kind.setdefault(e["kind"], []).append(e["key"])
    share = max(1, n // max(1, len(by_kind)))
    chosen = []
    for keys in by_kind.values():
        chosen += rng.sample(keys, min(share, len(keys)))
    rest = [e["key"] for e in entities if e["key"] not in set(chosen)]
    chosen += rng.sample(rest, min(len(rest), max(0, n - len(chosen))))
    rng.shuffle(chosen)
    return chosen


def search_terms(entities, n, rng):
    terms = list(FIXED_TERMS)
    aliases = [a for e in entities for a in e.get("aliases", [])]
    terms += rng.sample(aliases, min(len(aliases), n // 5))
    pool = list(entities)
    while len(set(terms)) < n:
        e = rng.choice(pool)
        if rng.random() < 0.5:
            zh = re.sub(r"[^\u4e00-\u9fff]", "", e["name"]["zh"])
            if len(zh) >= 2:
                size = rng.randint(2, min(4, len(zh)))
                start = rng.randrange(len(zh) - size + 1)
                terms.append(zh[start:start + size])
        else:
            words = [w for w in re.split(r"[^A-Za-z0-9-]+", e["name"]["en"]) if len(w) > 2]
            if words:
                size = rng.randint(1, min(3, len(words)))
                start = rng.randrange(len(words) - size + 1)
                terms.append(" ".join(words[start:start + size]).lower())
    seen, out = set(), []
    for t in terms:
        if t not in seen:
            seen.add(t)
            out.append(t)
    return out[:n]


def main():
    parser = argparse.ArgumentParser()
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--graph", help="an export (dtgraph export --format json)")
    source.add_argument("--corpus", help="a corpus folder: keys and kinds from the file names (linked, neighborhood only)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--per-query", type=int, default=300)
    parser.add_argument("--queries", default=",".join(QUERIES))
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    if args.graph:
        with open(args.graph, encoding="utf-8") as f:
            entities = json.load(f)["entities"]
    else:
        entities = [{"key": f"{folder}/{name[:-3]}", "kind": folder}
                    for folder in sorted(os.listdir(args.corpus)) if os.path.isdir(os.path.join(args.corpus, folder))
                    for name in sorted(os.listdir(os.path.join(args.corpus, folder))) if name.endswith(".md")]
    n = args.per_query
    os.makedirs(args.out, exist_ok=True)
    counts = {}
    for name in args.queries.split(","):
        rng = random.Random(f"{args.seed}:{name}")
        if name == "linked":
            bodies = [body(name, {"key": k}) for k in stratified_keys(entities, n, rng)]
        elif name == "neighborhood":
            bodies = [body(name, {"key": k}) for k in stratified_keys(entities, n, rng)]
        elif name == "search":
            bodies = [body(name, {"q": t}) for t in search_terms(entities, n, rng)]
        elif name == "paths":
            keys = [e["key"] for e in entities]
            pairs = set()
            while len(pairs) < min(n, len(keys) * (len(keys) - 1)):
                a, b = rng.sample(keys, 2)
                pairs.add((a, b))
            bodies = [body(name, {"a": a, "b": b}) for a, b in sorted(pairs)]
            rng.shuffle(bodies)
        elif name == "indicator":
            combos = []
            for e in entities:
                table = e.get("indicator")
                if not table:
                    continue
                economies = sorted({o["economy"] for o in table["observations"]})
                combos.append((e["key"], None, None))
                for s in table["series"]:
                    combos.append((e["key"], s["id"], None))
                    combos += [(e["key"], s["id"], econ) for econ in economies]
                combos += [(e["key"], None, econ) for econ in economies]
            rng.shuffle(combos)
            bodies = [body(name, {"key": k, "s": s, "e": x}) for k, s, x in combos[:n]]
        else:
            raise SystemExit(f"unknown query {name}")
        with open(os.path.join(args.out, f"{name}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(bodies) + "\n")
        counts[name] = len(bodies)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
