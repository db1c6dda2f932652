#!/usr/bin/env bash
# Where the time and memory of our host go on the shipped corpus, cold path (response cache off):
#
#   bench/profile.sh [--queries linked,neighborhood,paths] [--seconds 12]
#
# Per query, under wrk load (-t2 -c16, the bench's bodies): a CPU profile with Linux perf (JIT frames named through
# the runtime's perf map), folded into areas by tools/perf_areas.py, and the runtime's counters (allocated bytes per
# request, GC pause share) from dotnet-counters. Also the RSS after load, split by mapping (GC heap and native heap,
# assembly images, executable memory, native libraries). Writes bench/results/profile.md. Needs perf (apt-get install
# linux-perf), wrk, and the local tools (dotnet tool restore: dotnet-counters, dotnet-trace, dotnet-gcdump).
# Uses bench/.work from bench/run.sh (the Release build and the request bodies): run that first.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
WORK="$BENCH/.work"
DLL="$WORK/build/bin/DigitalTrade.Graph.Host/release/dtgraph.dll"
BODIES="$WORK/seed/bodies"
OUT="$BENCH/results/profile.md"
RAW="$BENCH/results/raw"
QUERIES="linked,neighborhood,paths"
SECONDS_PER_QUERY=12
PORT=5094
while [[ $# -gt 0 ]]; do
  case "$1" in
    --queries) QUERIES="$2"; shift ;;
    --seconds) SECONDS_PER_QUERY="$2"; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
for tool in perf wrk python3 curl; do command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }; done
[[ -f "$DLL" && -d "$BODIES" ]] || { echo "no build or bodies in bench/.work: run bench/run.sh --quick first" >&2; exit 1; }
(cd "$ROOT" && dotnet tool restore >/dev/null)
mkdir -p "$RAW"

# Perf maps name the JIT's code; without W^X the code lives in anonymous memory where perf looks for it.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet "$DLL" serve \
  --urls "http://127.0.0.1:$PORT" --Corpus:Path "$ROOT/graph-seed" --Serilog:MinimumLevel:Default Warning \
  --RateLimit:Enabled false --Telemetry:Prometheus false --GraphQL:ResponseCache:Enabled false >"$RAW/profile-host.log" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -f "/tmp/perf-$PID.map" "/tmp/perfinfo-$PID.map"' EXIT
for _ in $(seq 240); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/readyz" 2>/dev/null && break; sleep 0.25; done

rss_split() { # pid -> markdown rows: RSS by kind of mapping
  python3 - "$1" <<'PY'
import collections, re, sys
kinds = collections.Counter(); kind = None
for line in open(f"/proc/{sys.argv[1]}/smaps"):
    m = re.match(r"^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$", line)
    if m:
        path = m.group(1).strip()
        kind = ("assembly images (*.dll, mapped)" if path.endswith(".dll") else "executable memory (JIT code, W^X double map)" if "doublemapper" in path
                else "native libraries (*.so)" if ".so" in path else "GC heap + native heap (anonymous)" if path in ("", "[heap]") else "other")
    elif line.startswith("Rss:"):
        kinds[kind] += int(line.split()[1])
total = sum(kinds.values())
print(f"| total | {total / 1024:.1f} MB |")
for k, v in kinds.most_common():
    print(f"| {k} | {v / 1024:.1f} MB |")
PY
}

{
  echo "# Profile of the cold path (response cache off)"
  echo
  echo "Taken $(date -u +%Y-%m-%dT%H:%M:%SZ) by \`bench/profile.sh\`; load average at start $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs."
  echo "Absolute rates depend on the machine and its load; the shares are what this file is for."
  echo
  echo "## RSS after load (shipped corpus, before any request)"
  echo
  echo "| mapping | RSS |"
  echo "|---|---:|"
  rss_split "$PID"
} >"$OUT"

# JIT: warm up on the whole mix, as run.sh does, so the profile sees optimized code.
cat "$BODIES"/*.txt | shuf >"$WORK/profile-warmup.txt"
wrk -t2 -c16 -d20s -s "$BENCH/wrk/cycle.lua" "http://127.0.0.1:$PORT/graphql" -- "$WORK/profile-warmup.txt" >/dev/null 2>&1 || true

IFS=',' read -ra QLIST <<<"$QUERIES"
for q in "${QLIST[@]}"; do
  echo "[profile] $q" >&2
  wrk -t2 -c16 -d"$((SECONDS_PER_QUERY + 16))s" -s "$BENCH/wrk/cycle.lua" "http://127.0.0.1:$PORT/graphql" -- "$BODIES/$q.txt" >"$RAW/profile-$q-wrk.txt" 2>&1 &
  WRK=$!
  sleep 3
  perf record -q -F 499 -g -p "$PID" -o "$WORK/profile-$q.perf.data" -- sleep "$SECONDS_PER_QUERY" >/dev/null 2>&1
  (cd "$ROOT" && timeout 60 dotnet tool run dotnet-counters -- collect -p "$PID" --counters System.Runtime \
    --duration 00:00:00:07 --refresh-interval 2 --format csv -o "$WORK/profile-$q-counters.csv" >/dev/null 2>&1) || true
  wait "$WRK" || true
  {
    echo
    echo "## $q"
    echo
    python3 - "$WORK/profile-$q-counters.csv" "$RAW/profile-$q-wrk.txt" <<'PY'
import collections, csv, re, sys
last = {}
try:
    # Rates are per refresh interval (2 s), all taken while wrk still runs: their mean counts.
    rows = collections.defaultdict(list)
    for row in list(csv.reader(open(sys.argv[1])))[1:]:
        rows[row[2]].append(float(row[-1]))
    last = {k: sum(v) / len(v) for k, v in rows.items()}
except (OSError, ValueError):
    pass
text = open(sys.argv[2]).read()
m = re.search(r"Requests/sec:\s+([\d.]+)", text)
rate = float(m.group(1)) if m else None
alloc = next((v for k, v in last.items() if k.startswith("dotnet.gc.heap.total_allocated")), None)
pause = next((v for k, v in last.items() if k.startswith("dotnet.gc.pause.time")), None)
per = f"{alloc / 2 / rate / 1024:.1f} KB" if alloc and rate else "n/a"
print(f"wrk: {rate or 'n/a'} requests/s while profiling; allocated per request: {per}; GC pauses: "
      + (f"{100 * pause / 2:.1f}% of wall time" if pause is not None else "n/a") + ".")
PY
    echo
    # The symbolized samples are kept (bench/.work/profile-<query>.perf.txt): the perf map goes with the process.
    perf script -i "$WORK/profile-$q.perf.data" 2>/dev/null >"$WORK/profile-$q.perf.txt"
    python3 "$BENCH/tools/perf_areas.py" --top 10 <"$WORK/profile-$q.perf.txt"
  } >>"$OUT"
done
echo "[profile] wrote $OUT" >&2
