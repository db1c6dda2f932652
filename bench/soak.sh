#!/usr/bin/env bash
# Load and soak: the query mix at saturation for a fixed time from wrk on loopback, while the
# server's memory is sampled. Passes when no request failed and memory stayed flat (the last
# third of the samples within 15% of the first third). Writes bench/results/soak.md.
#   bench/soak.sh [seconds]      (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"
WORK=bench/.work/soak
RESULTS=bench/results
PORT=5097
mkdir -p "$WORK" "$RESULTS"
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y wrk >/dev/null; }

dotnet build -c Release src/DigitalTrade.Graph.Host -o "$WORK/build" >"$WORK/build.log" 2>&1
dotnet "$WORK/build/dtgraph.dll" export --format json --output "$WORK/graph.json" --corpus graph-seed >/dev/null
python3 bench/tools/make_bodies.py --graph "$WORK/graph.json" --out "$WORK/bodies" --per-query 200 >/dev/null
cat "$WORK"/bodies/*.txt | shuf --random-source=<(yes) >"$WORK/mix.txt"

dotnet "$WORK/build/dtgraph.dll" serve --urls "http://127.0.0.1:$PORT" --Corpus:Path graph-seed \
  --Serilog:MinimumLevel:Default Warning --RateLimit:Enabled false >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.5; done

rss() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$SERVER/status"; }
wrk -t2 -c16 -d10s -s bench/wrk/cycle.lua "http://127.0.0.1:$PORT/graphql" -- "$WORK/mix.txt" >/dev/null   # warm-up
: >"$WORK/rss.txt"
( while kill -0 $SERVER 2>/dev/null; do rss >>"$WORK/rss.txt"; sleep 5; done ) &
SAMPLER=$!
wrk -t2 -c16 -d"${SECONDS_TO_RUN}s" --latency -s bench/wrk/cycle.lua "http://127.0.0.1:$PORT/graphql" -- "$WORK/mix.txt" >"$WORK/wrk.txt"
kill $SAMPLER 2>/dev/null || true

python3 - "$WORK" "$RESULTS/soak.md" "$SECONDS_TO_RUN" <<'PY'
import json, re, sys
work, out, seconds = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(f"{work}/wrk.txt").read()
stats = json.loads(next(l for l in text.splitlines() if l.startswith("BENCHJSON")).split(" ", 1)[1])
rss = [int(x) for x in open(f"{work}/rss.txt").read().split()]
third = max(1, len(rss) // 3)
first, last = sum(rss[:third]) / third, sum(rss[-third:]) / third
errors = stats.get("errors", {})
failed = sum(errors.values())
stable = last <= first * 1.15
lines = [
    "# Soak: the query mix at saturation",
    "",
    f"{seconds} s of wrk `-t2 -c16` on loopback, cycling {sum(1 for _ in open(f'{work}/mix.txt'))} bodies of the benchmark's five query types (linked context, search, neighborhood, paths, indicator).",
    "",
    f"- requests: {stats.get('requests')} ({stats.get('rps', 0):.0f}/s), failed (socket errors, timeouts, non-2xx): **{failed}**",
    f"- latency p50 {stats.get('p50_us', 0)/1000:.2f} ms, p99 {stats.get('p99_us', 0)/1000:.2f} ms",
    f"- RSS every 5 s (MB): {', '.join(map(str, rss))}",
    f"- memory: first third {first:.0f} MB, last third {last:.0f} MB: **{'stable' if stable else 'GROWING'}**",
    "",
    f"Verdict: **{'pass' if failed == 0 and stable else 'FAIL'}**",
]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
sys.exit(0 if failed == 0 and stable else 1)
PY
