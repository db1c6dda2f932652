#!/usr/bin/env python3
"""Builds bench/results/report.json and report.md from the raw files run.sh leaves in results/raw/."""
import argparse
import json
import os
import re

QUERY_TITLES = {
    "linked": "linked context (entity + typed links 2 levels + relations)",
    "search": "search (first: 10, highlights)",
    "neighborhood": "neighborhood (depth 2, limit 100)",
    "paths": "paths (maxHops 4, first 3)",
    "indicator": "indicator series (observations by series/economy)",
}


def load(path, default=None):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return default


def ms(us):
    return None if us is None else round(us / 1000, 2)


def ratio(a, b):
    return round(a / b, 3) if a and b else None


def fmt(v, digits=2, suffix=""):
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:,.{digits}f}{suffix}"
    return f"{v:,}{suffix}"


def cpu(r):
    return f"{r['foreignCpu']:.0%}" if r and r.get("foreignCpu") is not None else "—"


def wrk_result(raw, name):
    d = load(os.path.join(raw, f"{name}.json"), {}) or {}
    if not d or d.get("failed"):
        return None
    errors = d.get("errors", {})
    return {
        "rps": d["rps"], "requests": d["requests"], "seconds": d["seconds"],
        "p50Ms": ms(d["p50_us"]), "p90Ms": ms(d["p90_us"]), "p99Ms": ms(d["p99_us"]), "meanMs": ms(d["mean_us"]), "maxMs": ms(d["max_us"]),
        "bytesPerResponse": round(d["bytes"] / d["requests"]) if d["requests"] else None,
        "non2xx": errors.get("status", 0),
        "socketErrors": sum(errors.get(k, 0) for k in ("connect", "read", "write", "timeout")),
        "rpsRounds": d.get("rpsRounds"),
        "foreignCpu": d.get("foreignCpu"),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--raw")
    parser.add_argument("--out")
    parser.add_argument("--summarize", help="print one line for one raw wrk result and exit")
    args = parser.parse_args()
    if args.summarize:
        d = load(args.summarize, {}) or {}
        if not d or d.get("failed"):
            print("wrk run failed")
        else:
            print(f"{d['rps']:.0f} req/s, p50 {d['p50_us'] / 1000:.2f} ms, p99 {d['p99_us'] / 1000:.2f} ms, "
                  f"non-2xx {d['errors']['status']}, socket errors {sum(v for k, v in d['errors'].items() if k != 'status')}")
        return
    raw = args.raw
    meta = load(os.path.join(raw, "run-meta.json"), {})
    seed_meta = load(os.path.join(raw, "seed-meta.json"), {})
    probe = load(os.path.join(raw, "probe-seed.json"), {})
    queries = [q for q in meta.get("queries", "").split(",") if q]

    comparison = []
    problems = []
    noisy = []
    for q in queries:
        row = {"query": q, "title": QUERY_TITLES.get(q, q)}
        for target in ("floor", "ours", "warm", "peer"):
            row[target] = wrk_result(raw, f"seed-{q}-{target}")
        o, f, p, wm = row["ours"], row["floor"], row["peer"], row["warm"]
        row["ratios"] = {
            "oursToFloorThroughput": ratio(o and o["rps"], f and f["rps"]),
            "oursToPeerThroughput": ratio(o and o["rps"], p and p["rps"]),
            "oursToFloorP50": ratio(o and o["p50Ms"], f and f["p50Ms"]),
            "oursToPeerP50": ratio(o and o["p50Ms"], p and p["p50Ms"]),
            "oursToPeerP99": ratio(o and o["p99Ms"], p and p["p99Ms"]),
            "warmToFloorThroughput": ratio(wm and wm["rps"], f and f["rps"]),
            "warmToPeerThroughput": ratio(wm and wm["rps"], p and p["rps"]),
            "warmToPeerP50": ratio(wm and wm["p50Ms"], p and p["p50Ms"]),
        }
        counts = load(os.path.join(raw, f"seed-{q}-warm-cache.json"), {}) or {}
        looked = (counts.get("hits") or 0) + (counts.get("misses") or 0)
        row["warmCache"] = {**counts, "hitRatio": round(counts["hits"] / looked, 4) if looked else None}
        pr = probe.get(q, {})
        row["answers"] = pr
        comparison.append(row)
        if pr.get("oursErrors"):
            msgs = "; ".join(f"{m} (×{n})" for m, n in pr.get("oursErrorMessages", {}).items())
            problems.append(f"`{q}`: ours answered {pr['oursErrors']} of {pr['requests']} requests with errors — {msgs}. "
                            "Its timings measure the error path, not the query; its ratios are not meaningful.")
        if pr.get("peerErrors"):
            msgs = "; ".join(f"{m} (×{n})" for m, n in pr.get("peerErrorMessages", {}).items())
            problems.append(f"`{q}`: the peer answered {pr['peerErrors']} of {pr['requests']} requests with errors — {msgs}.")
        for target in ("floor", "ours", "warm", "peer"):
            r = row[target]
            if r is None and target == "warm" and not os.path.exists(os.path.join(raw, f"seed-{q}-warm.json")):
                continue
            if r is None:
                problems.append(f"`{q}` on {target}: the wrk run failed (see results/raw/seed-{q}-{target}.wrk.txt).")
            elif r["non2xx"] or r["socketErrors"]:
                problems.append(f"`{q}` on {target}: {r['non2xx']} non-2xx responses and {r['socketErrors']} socket errors during the wrk run.")
            if r and (r.get("foreignCpu") or 0) > 0.15:
                noisy.append(f"{q}/{target} {r['foreignCpu']:.0%}")

    if noisy:
        problems.append("Other programs used a noticeable share of the machine's CPU during some measured runs "
                        f"({', '.join(noisy)} of all CPU time); those numbers are noisy — re-run on an idle machine.")
    growth = []
    sizes = [s for s in meta.get("sizes", "").split(",") if s]
    for n in sizes:
        gm = load(os.path.join(raw, f"growth-{n}-meta.json"))
        if not gm:
            problems.append(f"growth {n}: no result (the run stopped before it).")
            continue
        gp = load(os.path.join(raw, f"probe-growth-{n}.json"), {})
        gen = load(os.path.join(raw, f"growth-{n}-generate.json"), {})
        m = re.search(r"(\d+) entities, (\d+) relations, (\d+) errors, (\d+) warnings", gm.get("validateSummary", ""))
        row = {
            "entities": int(n),
            "relations": int(m.group(2)) if m else None,
            "validateErrors": int(m.group(3)) if m else None,
            "validateWarnings": int(m.group(4)) if m else None,
            "kinds": gen.get("kinds"),
            "validateMs": gm.get("validateMs"), "loadMs": gm.get("loadMs"), "startToReadyMs": gm.get("startToReadyMs"),
            "rssLoadedMb": round(gm["rssLoadedKb"] / 1024, 1) if gm.get("rssLoadedKb") else None,
            "peakRssMb": round(gm["peakRssKb"] / 1024, 1) if gm.get("peakRssKb") else None,
            "restartToReadyMs": gm.get("restartToReadyMs"), "restartLoadMs": gm.get("restartLoadMs"),
            "restartPeakRssMb": round(gm["restartPeakRssKb"] / 1024, 1) if gm.get("restartPeakRssKb") else None,
            "cacheMb": round(gm["cacheBytes"] / 1e6, 1) if gm.get("cacheBytes") else None,
            "watchFirstMs": (gm.get("watch") or {}).get("first"),
            "watchNextMs": sorted((gm.get("watch") or {}).get("next") or [None])[len((gm.get("watch") or {}).get("next") or [None]) // 2],
            "queries": {},
        }
        for q in meta.get("growthQueries", "").split(","):
            r = wrk_result(raw, f"growth-{n}-{q}-ours")
            pr = gp.get(q, {})
            row["queries"][q] = {"ours": r, "oursErrors": pr.get("oursErrors"), "requests": pr.get("requests"),
                                 "bytesPerResponse": round(pr["oursBytes"] / pr["requests"]) if pr.get("requests") else None}
            if r and (r.get("foreignCpu") or 0) > 0.15:
                problems.append(f"growth {n} `{q}`: other programs used {r['foreignCpu']:.0%} of the machine's CPU during the run (noisy).")
            if pr.get("oursErrors"):
                problems.append(f"growth {n} `{q}`: ours answered {pr['oursErrors']} of {pr['requests']} with errors — "
                                + "; ".join(pr.get("oursErrorMessages", {})))
        if row["validateErrors"]:
            problems.append(f"growth {n}: the synthetic corpus has {row['validateErrors']} validation errors.")
        growth.append(row)
    if meta.get("build") == "stale":
        problems.insert(0, "Our host did not build from the current src/ (see results/raw/build.log); the previous build in bench/.work/build was measured.")

    revalidate = wrk_result(raw, "seed-revalidate-warm")
    linked_floor = next((row["floor"] for row in comparison if row["query"] == "linked"), None)
    revalidation = {
        "result": revalidate,
        "bodies": load(os.path.join(raw, "revalidate-bodies.json"), {}),
        "status": (open(os.path.join(raw, "revalidate-status.txt")).read().strip() if os.path.exists(os.path.join(raw, "revalidate-status.txt")) else None),
        "toLinkedFloorThroughput": ratio(revalidate and revalidate["rps"], linked_floor and linked_floor["rps"]),
    } if revalidate else None
    report = {
        "run": meta,
        "cache": {
            "ours": "cold: the response cache is off (GraphQL:ResponseCache:Enabled=false): every /graphql request is parsed (document cache), validated and executed",
            "warm": "ours with the response cache on (the default): a repeated (version, document, operation, variables) is answered from memory after the limits are checked",
            "peer": "none: graphql-http parses, validates and executes every request (no document or response cache)",
            "floor": "by design: /floor answers each recorded body with the bytes recorded from ours (no GraphQL work)",
        },
        "seed": {"memory": seed_meta, "comparison": comparison, "revalidation": revalidation},
        "growth": growth,
        "problems": problems,
    }
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "report.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=2)
    with open(os.path.join(args.out, "report.md"), "w", encoding="utf-8") as f:
        f.write(markdown(report))


def markdown(r):
    meta = r["run"]
    out = []
    w = out.append
    w("# DigitalTrade.Graph benchmark report\n")
    w(f"Run `{meta.get('mode')}` started {meta.get('startedAt')}, took {meta.get('seconds')} s. "
      f"Machine: {meta.get('cpus')} CPUs ({meta.get('cpuModel')}); server and load generator share them. "
      f".NET SDK {meta.get('dotnet')}, node {meta.get('node')} (graphql {meta.get('graphql')}, graphql-http {meta.get('graphqlHttp')}), wrk {meta.get('wrk')}.\n")
    w(f"Load: wrk `-t{meta.get('threads')} -c{meta.get('connections')}`; after start-up ours and the peer are warmed up for "
      f"{meta.get('jitWarmupSeconds')} s each on the whole query mix (JIT); per query a {meta.get('warmupSeconds')} s warm-up per server, then "
      f"{meta.get('durationSeconds')} s measured per query and server in {meta.get('rounds')} rounds taken in turn (floor, ours, peer, floor, …; "
      "figures are medians over rounds), cycling through "
      f"{meta.get('bodiesPerQuery')} pre-generated request bodies per query (variables vary across entities). "
      "Compare **ratios**, not absolute times: the numbers depend on the machine.\n")
    w(f"Machine load average (1/5/15 min) at the start: {meta.get('loadAverageStart')}, at the end: {meta.get('loadAverageEnd')}.\n")
    w("**Response caches:** *ours* (cold) runs with the response cache off, so every request is parsed (document cache), validated and "
      "executed; *warm* is ours with the response cache on (the default): after the first pass through the bodies every request "
      "is a cache hit (limits are still checked), so it measures the hit path. The peer (graphql-http) executes every request; "
      "the floor serves recorded response bytes by design.\n")
    if r["problems"]:
        w("## Problems\n")
        for p in r["problems"]:
            w(f"- {p}")
        w("")
    w("## Floor vs ours vs peer (shipped corpus, graph-seed/)\n")
    w("Throughput in requests/s; latency in ms. *ours/floor* and *ours/peer* are throughput ratios "
      "(ours/floor = the share of the bare host's throughput our GraphQL work leaves; ours/peer > 1 means ours serves more requests/s); "
      "the p50 ratios compare median latency (lower is better for ours).\n")
    w("One row per query and mode: **cold** = ours with the response cache off, **warm** = ours with it on; both against the same "
      "floor and peer runs of that query (all four interleaved in each round).\n")
    w("| query | mode | floor req/s | ours req/s | peer req/s | ours/floor | ours/peer | floor p50 / p99 | ours p50 / p99 | peer p50 / p99 | p50 ours/peer | cache hit ratio | others' CPU |")
    w("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in r["seed"]["comparison"]:
        f, p, ra = row["floor"] or {}, row["peer"] or {}, row["ratios"]
        flag = " ⚠" if row["answers"].get("oursErrors") else ""
        for mode, o, to_floor, to_peer, p50 in (
                ("cold", row["ours"] or {}, ra["oursToFloorThroughput"], ra["oursToPeerThroughput"], ra["oursToPeerP50"]),
                ("warm", row.get("warm") or {}, ra.get("warmToFloorThroughput"), ra.get("warmToPeerThroughput"), ra.get("warmToPeerP50"))):
            hit = (row.get("warmCache") or {}).get("hitRatio") if mode == "warm" else None
            w(f"| {row['query']}{flag} | {mode} | {fmt(f.get('rps'), 0)} | {fmt(o.get('rps'), 0)} | {fmt(p.get('rps'), 0)} | "
              f"{fmt(to_floor)} | {fmt(to_peer)} | "
              f"{fmt(f.get('p50Ms'))} / {fmt(f.get('p99Ms'))} | {fmt(o.get('p50Ms'))} / {fmt(o.get('p99Ms'))} | "
              f"{fmt(p.get('p50Ms'))} / {fmt(p.get('p99Ms'))} | {fmt(p50)} | {'—' if hit is None else f'{hit:.1%}'} | {cpu(f)} / {cpu(o)} / {cpu(p)} |")
    w("\n⚠ = ours answered some of this query's requests with errors (see Problems); its row measures the error path. "
      "*cache hit ratio* = hits / (hits + misses) of the warm server's response cache over that query's warm-up and measured runs "
      "(graphql_cache_hits_total / graphql_cache_misses_total). "
      "*others' CPU* = share of the machine's CPU time used by neither the server nor wrk during the floor / ours / peer runs "
      "(other programs on a shared machine; above ~15% the row is noisy).\n")
    rv = r["seed"].get("revalidation")
    if rv and rv.get("result"):
        res = rv["result"]
        w(f"**The 304 path:** {fmt((rv.get('bodies') or {}).get('written'))} linked requests as `GET /graphql?query=…&variables=…` with "
          f"`If-None-Match` holding the answer's ETag (wrk/revalidate.lua, warm server; a probe answered {rv.get('status')}): "
          f"{fmt(res.get('rps'), 0)} req/s, p50 / p99 {fmt(res.get('p50Ms'))} / {fmt(res.get('p99Ms'))} ms, "
          f"{fmt(res.get('bytesPerResponse'))} bytes per response; {fmt(rv.get('toLinkedFloorThroughput'))} of the floor's linked throughput "
          "(the floor sends the whole recorded body).\n")
    w("Queries: " + "; ".join(f"`{row['query']}` = {row['title']}" for row in r["seed"]["comparison"]) + ". "
      "The documents are in bench/tools/make_bodies.py.\n")
    mem = r["seed"]["memory"]

    def mb(kb):
        return fmt(round(kb / 1024, 1), 1) if kb else "—"
    w(f"Memory on the shipped corpus: ours RSS {mb(mem.get('oursRssLoadedKb'))} MB after load (peak {mb(mem.get('oursPeakRssKb'))} MB, "
      f"snapshot load {fmt(mem.get('oursLoadMs'))} ms); peer RSS {mb(mem.get('peerRssLoadedKb'))} MB after load "
      f"(peak {mb(mem.get('peerPeakRssKb'))} MB, JSON load {fmt(mem.get('peerLoadMs'))} ms). "
      f"Ours warm (response cache on) RSS at the end {mb(mem.get('warmRssEndKb'))} MB (peak {mb(mem.get('warmPeakRssKb'))} MB).\n")

    w("### Do the answers match?\n")
    w("Every body was sent once to ours and to the peer before timing; the `data` of both answers is compared "
      "(identical; identical up to the order of lists; different). The peer's search is a naive substring count, so score and "
      "order differences there are expected; its neighborhood (BFS in relation order), paths (Yen's k best distinct node sequences "
      "ranked by narrative steps, length, hub cost, keys) and province link lists (the province filter's set) follow the schema's descriptions.\n")
    w("| query | requests | identical | same up to order | different | ours errors | peer errors | avg response bytes ours / peer |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in r["seed"]["comparison"]:
        a = row["answers"]
        if not a:
            continue
        n = a.get("requests") or 1
        w(f"| {row['query']} | {a.get('requests')} | {a.get('identical')} | {a.get('sameUpToOrder')} | {a.get('different')} | "
          f"{a.get('oursErrors')} | {a.get('peerErrors')} | {fmt(round(a.get('oursBytes', 0) / n))} / {fmt(round(a.get('peerBytes', 0) / n))} |")
    for row in r["seed"]["comparison"]:
        a = row["answers"]
        if "searchKeyOverlap" in a:
            w(f"\nSearch: the same totalCount in {a.get('searchSameTotal', 0)} of {a.get('requests')} requests; "
              f"mean overlap (Jaccard) of the returned entity keys {a['searchKeyOverlap']:.2f}.")
    examples = [(row["query"], e) for row in r["seed"]["comparison"] for e in row["answers"].get("examples", [])]
    if examples:
        w("\nFirst differences (up to 3 per query):\n")
        for q, e in examples:
            w(f"- `{q}` {json.dumps(e['variables'], ensure_ascii=False)}: {e['difference']}")
    w("")

    if r["growth"]:
        w("## Growth (synthetic corpora, ours only)\n")
        w("Corpora from bench/generate/synthetic_corpus.py (power-law-ish degrees, bilingual text, body links). "
          "*validate* = wall time of `dtgraph validate` (process start included); *load* = the host's "
          "\"Snapshot … published … in N ms\"; *ready* = process start to /readyz 200; RSS = VmRSS after load (peak = VmHWM at the end). "
          f"Latency: {meta.get('growthDurationSeconds')} s wrk runs ({meta.get('growthRounds')} round(s), median) after a "
          f"{(meta.get('jitWarmupSeconds') or 0) // 2} s warm-up on both queries and a {meta.get('warmupSeconds')} s warm-up per query.\n")
        w("| entities | relations | errors / warnings | validate ms | load ms | ready ms | RSS MB | peak RSS MB | "
          "linked req/s | linked p50 / p99 ms | neighborhood req/s | neighborhood p50 / p99 ms | others' CPU |")
        w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for g in r["growth"]:
            ql = g["queries"].get("linked", {}).get("ours") or {}
            qn = g["queries"].get("neighborhood", {}).get("ours") or {}
            flags = {q: " ⚠" if v.get("oursErrors") else "" for q, v in g["queries"].items()}
            w(f"| {fmt(g['entities'])} | {fmt(g['relations'])} | {g['validateErrors']} / {g['validateWarnings']} | {fmt(g['validateMs'])} | "
              f"{fmt(g['loadMs'])} | {fmt(g['startToReadyMs'])} | {fmt(g['rssLoadedMb'], 1)} | {fmt(g['peakRssMb'], 1)} | "
              f"{fmt(ql.get('rps'), 0)}{flags.get('linked', '')} | {fmt(ql.get('p50Ms'))} / {fmt(ql.get('p99Ms'))} | "
              f"{fmt(qn.get('rps'), 0)}{flags.get('neighborhood', '')} | {fmt(qn.get('p50Ms'))} / {fmt(qn.get('p99Ms'))} | {cpu(ql)} / {cpu(qn)} |")
        w("")
        w("Restart on the unchanged corpus (the snapshot cache written by the first start; `published from the cache` when it was used), "
          "and `serve --watch` after a one-file edit (bench/tools/watch_edit.py: from the write to the first answer with a new version; "
          "*first* = the first edit after a start from the cache, which reads every file; *next* = the median of the edits after it, which re-read the changed file):\n")
        w("| entities | cache file MB | restart ready ms | of it, cache load ms | restart peak RSS MB | first start ready ms | watch first edit ms | watch next edits ms |")
        w("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for g in r["growth"]:
            w(f"| {fmt(g['entities'])} | {fmt(g.get('cacheMb'), 1)} | {fmt(g.get('restartToReadyMs'))} | {fmt(g.get('restartLoadMs'))} | "
              f"{fmt(g.get('restartPeakRssMb'), 1)} | {fmt(g['startToReadyMs'])} | {fmt(g.get('watchFirstMs'))} | {fmt(g.get('watchNextMs'))} |")
        base = r["growth"][0]
        w("")
        lines = []
        for g in r["growth"][1:]:
            parts = []
            for q in ("linked", "neighborhood"):
                a = (base["queries"].get(q) or {}).get("ours") or {}
                b = (g["queries"].get(q) or {}).get("ours") or {}
                if a.get("p50Ms") and b.get("p50Ms"):
                    parts.append(f"{q} p50 ×{b['p50Ms'] / a['p50Ms']:.2f}")
            if base.get("loadMs") and g.get("loadMs"):
                parts.append(f"load ×{g['loadMs'] / base['loadMs']:.1f}")
            if base.get("rssLoadedMb") and g.get("rssLoadedMb"):
                parts.append(f"RSS ×{g['rssLoadedMb'] / base['rssLoadedMb']:.1f}")
            lines.append(f"- {g['entities']:,} vs {base['entities']:,} entities (×{g['entities'] / base['entities']:.0f}): " + ", ".join(parts))
        if lines:
            w("Growth ratios against the smallest corpus:\n")
            out.extend(lines)
            w("")
        w("Average response size (bytes) per growth query: " + "; ".join(
            f"{g['entities']:,}: " + ", ".join(f"{q} {fmt(v.get('bytesPerResponse'))}" for q, v in g["queries"].items())
            for g in r["growth"]) + ".\n")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
