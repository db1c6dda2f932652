#!/usr/bin/env python3
"""Runs wrk against several servers for one query, interleaved in rounds, and records the CPU others used.

    python3 bench/tools/wrk_rounds.py --bodies linked.txt --out-prefix raw/seed-linked \
        --target floor=http://127.0.0.1:5090/floor@PID --target ours=http://127.0.0.1:5090/graphql@PID ... \
        --warmup 5 --duration 15 --rounds 3 --threads 2 --connections 16

Each target gets one warm-up run, then `rounds` measured runs of duration/rounds seconds, taken in
turn (floor, ours, peer, floor, ours, peer, …) so that a change in machine load affects all of
them alike. Per target it writes <prefix>-<name>.json: the medians over rounds of requests/s, p50
and p99 (plus every round), and `foreignCpu`: the share of the machine's CPU time during the
measured runs that was used neither by the server process nor by wrk (other programs on a shared
machine; a high value means the numbers are noisy).
"""
import argparse
import json
import os
import resource
import statistics
import subprocess

LUA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "wrk", "cycle.lua")
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_total():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields[:8]) - idle, sum(fields[:8])


def proc_cpu(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            parts = f.read().rsplit(")", 1)[1].split()
        return int(parts[11]) + int(parts[12])
    except (OSError, IndexError):
        return 0


def children_cpu_ticks():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (r.ru_utime + r.ru_stime) * TICKS


def wrk(url, bodies, seconds, threads, connections, latency, script=LUA):
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", script, url, "--", bodies]
    if latency:
        cmd.insert(4, "--latency")
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("BENCHJSON "):
            return json.loads(line[len("BENCHJSON "):]), out
    return None, out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bodies", required=True)
    parser.add_argument("--out-prefix", required=True)
    parser.add_argument("--target", action="append", required=True, help="name=url@pid")
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--duration", type=float, default=15)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--script", default=LUA, help="the wrk script (default: wrk/cycle.lua, POST bodies)")
    args = parser.parse_args()
    targets = []
    for t in args.target:
        name, rest = t.split("=", 1)
        url, pid = rest.rsplit("@", 1)
        targets.append({"name": name, "url": url, "pid": int(pid), "rounds": [], "busy": 0, "total": 0, "own": 0, "text": []})
    for t in targets:
        if args.warmup > 0:
            wrk(t["url"], args.bodies, max(1, round(args.warmup)), args.threads, args.connections, False, args.script)
    seconds = max(1, round(args.duration / args.rounds))
    for _ in range(args.rounds):
        for t in targets:
            busy0, total0 = cpu_total()
            server0, wrk0 = proc_cpu(t["pid"]), children_cpu_ticks()
            result, text = wrk(t["url"], args.bodies, seconds, args.threads, args.connections, True, args.script)
            busy1, total1 = cpu_total()
            t["busy"] += busy1 - busy0
            t["total"] += total1 - total0
            t["own"] += (proc_cpu(t["pid"]) - server0) + (children_cpu_ticks() - wrk0)
            t["text"].append(text)
            if result:
                t["rounds"].append(result)
    for t in targets:
        rounds = t["rounds"]
        out = {"failed": True} if not rounds else {
            "rps": statistics.median(r["rps"] for r in rounds),
            "requests": sum(r["requests"] for r in rounds),
            "seconds": sum(r["seconds"] for r in rounds),
            "bytes": sum(r["bytes"] for r in rounds),
            "p50_us": statistics.median(r["p50_us"] for r in rounds),
            "p90_us": statistics.median(r["p90_us"] for r in rounds),
            "p99_us": statistics.median(r["p99_us"] for r in rounds),
            "mean_us": statistics.median(r["mean_us"] for r in rounds),
            "max_us": max(r["max_us"] for r in rounds),
            "errors": {k: sum(r["errors"][k] for r in rounds) for k in rounds[0]["errors"]},
            "rpsRounds": [r["rps"] for r in rounds],
            "foreignCpu": round(max(0.0, (t["busy"] - t["own"]) / t["total"]), 3) if t["total"] else None,
            "cpuBusy": round(t["busy"] / t["total"], 3) if t["total"] else None,
        }
        with open(f"{args.out_prefix}-{t['name']}.json", "w") as f:
            json.dump(out, f)
        with open(f"{args.out_prefix}-{t['name']}.wrk.txt", "w") as f:
            f.write("\n".join(t["text"]))


if __name__ == "__main__":
    main()
