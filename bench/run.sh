#!/usr/bin/env bash
# The benchmark of DigitalTrade.Graph: floor vs ours (cold: response cache off; warm: on) vs the graphql-js peer,
# the 304 revalidation path, and growth with corpus size.
#
#   bench/run.sh            full run (~12 minutes): 5 query types x 3 servers, growth at 1k/10k/100k entities
#   bench/run.sh --quick    quick run (~3 minutes): shorter wrk runs, growth at 1k/10k only
#
# Options: --sizes 1000,10000   override the growth sizes;  --no-growth   skip the growth part;
#          --duration N / --warmup N   seconds per measured / warm-up wrk run.
# Writes bench/results/report.md and bench/results/report.json (raw wrk and probe output in bench/results/raw/).
# See bench/README.md for what is measured and how.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
WORK="$BENCH/.work"
RESULTS="$BENCH/results"
RAW="$RESULTS/raw"

MODE=full
WARMUP=5
DURATION=15
ROUNDS=3
JIT_WARMUP=20
GROWTH_DURATION=8
GROWTH_ROUNDS=2
SIZES="1000,10000,100000"
PER_QUERY=300
GROWTH=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) MODE=quick; WARMUP=2; JIT_WARMUP=8; DURATION=6; ROUNDS=2; GROWTH_DURATION=4; GROWTH_ROUNDS=1; SIZES="1000,10000"; PER_QUERY=200 ;;
    --sizes) SIZES="$2"; shift ;;
    --no-growth) GROWTH=0 ;;
    --duration) DURATION="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

THREADS=2
CONNECTIONS=16
QUERIES="linked,search,neighborhood,paths,indicator"
GROWTH_QUERIES="linked,neighborhood"
OURS_PORT=5090
PEER_PORT=5091
GROWTH_PORT=5092
WARM_PORT=5093

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*"; }

# ---- processes we start; stopped by pid on exit --------------------------------------------------
PIDS=()
cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] && wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
stop() {
  local pid="$1"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local kept=()
  for p in "${PIDS[@]:-}"; do [[ "$p" != "$pid" && -n "$p" ]] && kept+=("$p"); done
  PIDS=("${kept[@]:-}")
}

wait_http() { # url timeout-seconds pid
  local url="$1" deadline=$((SECONDS + $2)) pid="$3"
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "process $pid exited while waiting for $url" >&2; return 1; fi
    if (( SECONDS > deadline )); then echo "timed out waiting for $url" >&2; return 1; fi
    sleep 0.2
  done
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }

# ---- prerequisites -------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "installing wrk (apt-get install -y wrk)"
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
for tool in dotnet node npm python3 curl wrk; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done

mkdir -p "$WORK" "$RAW"
rm -f "$RAW"/*.json "$RAW"/*.log 2>/dev/null || true
STARTED_AT="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
T0=$SECONDS

# ---- build our host (Release, into bench/.work so src/ bin and obj are not touched) ----------------
DLL="$WORK/build/bin/DigitalTrade.Graph.Host/release/dtgraph.dll"
BUILD_STATUS=fresh
log "building our host (Release)"
if ! dotnet build "$ROOT/src/DigitalTrade.Graph.Host" -c Release --artifacts-path "$WORK/build" -nologo -v q \
    -p:TreatWarningsAsErrors=false >"$RAW/build.log" 2>&1; then
  if [[ -f "$DLL" ]]; then
    BUILD_STATUS=stale
    log "WARNING: build failed (see results/raw/build.log); using the previous build in bench/.work/build"
  else
    cat "$RAW/build.log" >&2; echo "build failed" >&2; exit 1
  fi
fi
dtgraph() { dotnet "$DLL" "$@"; }

# ---- peer dependencies ---------------------------------------------------------------------------
log "npm ci (peer: graphql-js + graphql-http)"
(cd "$BENCH/peer" && npm ci --no-audit --no-fund --loglevel=error >"$RAW/npm.log" 2>&1)

start_ours() { # corpus port log [extra args...]; cold (response cache off) unless the extra args say otherwise
  local corpus="$1" port="$2" logfile="$3"; shift 3
  DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet "$DLL" serve --urls "http://127.0.0.1:$port" --Corpus:Path "$corpus" \
    --Serilog:MinimumLevel:Default Warning \
    --Serilog:MinimumLevel:Override:DigitalTrade.Graph.Host.Hosting.CorpusSnapshotService Information \
    --RateLimit:Enabled false --Telemetry:Prometheus false --GraphQL:ResponseCache:Enabled false --Corpus:Cache:Enabled false \
    "$@" >"$logfile" 2>&1 &
  OURS_PID=$!
  PIDS+=("$OURS_PID")
}
cache_counts() { # url -> "hits misses" from the warm server's /metrics
  curl -fsS "$1/metrics" 2>/dev/null | awk '/^graphql_cache_hits_total/ {h+=$2} /^graphql_cache_misses_total/ {m+=$2} END {printf "%d %d", h, m}'
}
load_ms() { grep -oE 'published:?( .*)? in [0-9]+ ms' "$1" | grep -oE '[0-9]+ ms$' | grep -oE '[0-9]+' | tail -1; }

run_query() { # prefix bodies duration rounds name=url@pid... -> $RAW/prefix-name.json per target
  local prefix="$1" bodies="$2" duration="$3" rounds="$4"; shift 4
  local targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  python3 "$BENCH/tools/wrk_rounds.py" --bodies "$bodies" --out-prefix "$RAW/$prefix" "${targets[@]}" \
    --warmup "$WARMUP" --duration "$duration" --rounds "$rounds" --threads "$THREADS" --connections "$CONNECTIONS"
  for t in "$@"; do
    log "  $prefix-${t%%=*}: $(python3 "$BENCH/tools/report.py" --summarize "$RAW/$prefix-${t%%=*}.json")"
  done
}

# ---- part 1: the shipped corpus, floor vs ours vs peer ------------------------------------------------
SEED="$WORK/seed"
mkdir -p "$SEED"
log "exporting graph-seed/ to JSON for the peer"
dtgraph export --format json --output "$SEED/graph.json" --corpus "$ROOT/graph-seed" >"$RAW/export.log" 2>&1
log "generating request bodies ($PER_QUERY per query)"
python3 "$BENCH/tools/make_bodies.py" --graph "$SEED/graph.json" --out "$SEED/bodies" --per-query "$PER_QUERY" --queries "$QUERIES" >"$RAW/bodies.json"

log "starting the peer (node $(node --version), graphql-js)"
node "$BENCH/peer/server.js" --schema "$ROOT/schema.graphql" --data "$SEED/graph.json" --port "$PEER_PORT" >"$RAW/peer.log" 2>&1 &
PEER_PID=$!
PIDS+=("$PEER_PID")
wait_http "http://127.0.0.1:$PEER_PORT/healthz" 60 "$PEER_PID"
PEER_RSS_LOADED=$(rss_kb "$PEER_PID")

log "starting ours to record responses"
start_ours "$ROOT/graph-seed" "$OURS_PORT" "$RAW/ours-record.log"
wait_http "http://127.0.0.1:$OURS_PORT/readyz" 120 "$OURS_PID"
# Memory after load is read here, from the host as shipped: the timed process below also holds the floor's
# recorded responses (~15 MB RSS more for the shipped corpus), which a served host never does.
OURS_RSS_LOADED=$(rss_kb "$OURS_PID")
log "probing every body once against ours and the peer (floor recording, answer comparison)"
python3 "$BENCH/tools/probe.py" --bodies "$SEED/bodies" --queries "$QUERIES" \
  --ours "http://127.0.0.1:$OURS_PORT/graphql" --peer "http://127.0.0.1:$PEER_PORT/graphql" \
  --floor-out "$SEED/floor.json" --out "$RAW/probe-seed.json"
stop "$OURS_PID"

log "starting ours (cold: response cache off) with the floor responses, and ours warm (response cache on)"
start_ours "$ROOT/graph-seed" "$OURS_PORT" "$RAW/ours.log" --Bench:FloorResponses "$SEED/floor.json"
wait_http "http://127.0.0.1:$OURS_PORT/readyz" 120 "$OURS_PID"
OURS_LOAD_MS=$(load_ms "$RAW/ours.log" || true)
COLD_PID=$OURS_PID
start_ours "$ROOT/graph-seed" "$WARM_PORT" "$RAW/warm.log" --GraphQL:ResponseCache:Enabled true --Telemetry:Prometheus true
wait_http "http://127.0.0.1:$WARM_PORT/readyz" 120 "$OURS_PID"
WARM_PID=$OURS_PID
OURS_PID=$COLD_PID

# Both runtimes compile hot code while running (.NET tiered JIT, V8): warm all up on the whole mix first.
cat "$SEED"/bodies/*.txt | shuf >"$SEED/warmup.txt"
log "warming up ours (cold and warm) and the peer on the whole query mix (${JIT_WARMUP}s each)"
for url in "http://127.0.0.1:$OURS_PORT/graphql" "http://127.0.0.1:$WARM_PORT/graphql" "http://127.0.0.1:$PEER_PORT/graphql"; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${JIT_WARMUP}s" -s "$BENCH/wrk/cycle.lua" "$url" -- "$SEED/warmup.txt" >/dev/null 2>&1 || true
done

IFS=',' read -ra QLIST <<<"$QUERIES"
for q in "${QLIST[@]}"; do
  log "query $q (warm-up ${WARMUP}s, then $ROUNDS interleaved rounds, ${DURATION}s measured per server, -t$THREADS -c$CONNECTIONS)"
  read -r hits0 misses0 <<<"$(cache_counts "http://127.0.0.1:$WARM_PORT")"
  run_query "seed-$q" "$SEED/bodies/$q.txt" "$DURATION" "$ROUNDS" \
    "floor=http://127.0.0.1:$OURS_PORT/floor@$OURS_PID" "ours=http://127.0.0.1:$OURS_PORT/graphql@$OURS_PID" \
    "warm=http://127.0.0.1:$WARM_PORT/graphql@$WARM_PID" "peer=http://127.0.0.1:$PEER_PORT/graphql@$PEER_PID"
  read -r hits1 misses1 <<<"$(cache_counts "http://127.0.0.1:$WARM_PORT")"
  echo "{\"hits\": $((hits1 - hits0)), \"misses\": $((misses1 - misses0))}" >"$RAW/seed-$q-warm-cache.json"
done

# The 304 path: conditional GETs (If-None-Match with the answer's ETag) for the linked bodies, against the floor's POST.
log "revalidation: GET + If-None-Match on the linked bodies (304 without a body)"
python3 "$BENCH/tools/make_revalidate.py" --bodies "$SEED/bodies/linked.txt" --server "http://127.0.0.1:$WARM_PORT" \
  --out "$SEED/revalidate.txt" >"$RAW/revalidate-bodies.json"
python3 "$BENCH/tools/wrk_rounds.py" --bodies "$SEED/revalidate.txt" --out-prefix "$RAW/seed-revalidate" \
  --target "warm=http://127.0.0.1:$WARM_PORT/graphql@$WARM_PID" --script "$BENCH/wrk/revalidate.lua" \
  --warmup "$WARMUP" --duration "$DURATION" --rounds "$ROUNDS" --threads "$THREADS" --connections "$CONNECTIONS"
curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $(head -1 "$SEED/revalidate.txt" | cut -f2)" \
  -H 'Accept: application/graphql-response+json' "http://127.0.0.1:$WARM_PORT$(head -1 "$SEED/revalidate.txt" | cut -f1)" >"$RAW/revalidate-status.txt" || true
log "  revalidate-warm: $(python3 "$BENCH/tools/report.py" --summarize "$RAW/seed-revalidate-warm.json") (status $(cat "$RAW/revalidate-status.txt"))"

OURS_HWM=$(hwm_kb "$OURS_PID"); PEER_HWM=$(hwm_kb "$PEER_PID"); WARM_HWM=$(hwm_kb "$WARM_PID"); WARM_RSS=$(rss_kb "$WARM_PID")
stop "$OURS_PID"; stop "$WARM_PID"; stop "$PEER_PID"

cat >"$RAW/seed-meta.json" <<EOF
{"oursRssLoadedKb": ${OURS_RSS_LOADED:-null}, "oursPeakRssKb": ${OURS_HWM:-null}, "oursLoadMs": ${OURS_LOAD_MS:-null},
 "warmRssEndKb": ${WARM_RSS:-null}, "warmPeakRssKb": ${WARM_HWM:-null}, "loadAverage": "$(cut -d' ' -f1-3 /proc/loadavg)",
 "peerRssLoadedKb": ${PEER_RSS_LOADED:-null}, "peerPeakRssKb": ${PEER_HWM:-null},
 "peerLoadMs": $(grep -oE 'loaded in [0-9]+ ms' "$RAW/peer.log" | grep -oE '[0-9]+' || echo null)}
EOF

# ---- part 2: growth with synthetic corpora ------------------------------------------------------------
IFS=',' read -ra SIZE_LIST <<<"$SIZES"
if (( GROWTH )); then
  for n in "${SIZE_LIST[@]}"; do
    dir="$WORK/corpora/$n"
    log "growth $n entities: generating the synthetic corpus"
    python3 "$BENCH/generate/synthetic_corpus.py" --entities "$n" --out "$dir" >"$RAW/growth-$n-generate.json"
    log "growth $n: validate"
    vstart=$(date +%s%N)
    if ! dtgraph validate "$dir" >"$RAW/growth-$n-validate.log" 2>&1; then
      log "WARNING: the $n corpus does not validate (see results/raw/growth-$n-validate.log)"
    fi
    validate_ms=$(( ($(date +%s%N) - vstart) / 1000000 ))
    tail -1 "$RAW/growth-$n-validate.log"
    python3 "$BENCH/tools/make_bodies.py" --corpus "$dir" --out "$dir/bodies" --per-query "$PER_QUERY" --queries "$GROWTH_QUERIES" >/dev/null
    log "growth $n: serving"
    cache="$WORK/cache/$n"
    rm -rf "$cache"
    sstart=$(date +%s%N)
    start_ours "$dir" "$GROWTH_PORT" "$RAW/growth-$n-ours.log" --Corpus:Cache:Enabled true --Corpus:Cache:Path "$cache"
    wait_http "http://127.0.0.1:$GROWTH_PORT/readyz" 600 "$OURS_PID"
    ready_ms=$(( ($(date +%s%N) - sstart) / 1000000 ))
    rss_loaded=$(rss_kb "$OURS_PID")
    cat "$dir"/bodies/*.txt | shuf >"$dir/warmup.txt"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((JIT_WARMUP / 2))s" -s "$BENCH/wrk/cycle.lua" "http://127.0.0.1:$GROWTH_PORT/graphql" -- "$dir/warmup.txt" >/dev/null 2>&1 || true
    python3 "$BENCH/tools/probe.py" --bodies "$dir/bodies" --queries "$GROWTH_QUERIES" \
      --ours "http://127.0.0.1:$GROWTH_PORT/graphql" --out "$RAW/probe-growth-$n.json" >/dev/null
    IFS=',' read -ra GQ <<<"$GROWTH_QUERIES"
    for q in "${GQ[@]}"; do
      run_query "growth-$n-$q" "$dir/bodies/$q.txt" "$GROWTH_DURATION" "$GROWTH_ROUNDS" "ours=http://127.0.0.1:$GROWTH_PORT/graphql@$OURS_PID"
    done
    hwm=$(hwm_kb "$OURS_PID")
    # A restart on the unchanged files: the snapshot cache the first start wrote (in the background) serves it.
    deadline=$((SECONDS + 600))
    until grep -qE 'cached in|not written' "$RAW/growth-$n-ours.log" || (( SECONDS > deadline )); do sleep 0.5; done
    stop "$OURS_PID"
    log "growth $n: restarting on the unchanged corpus"
    rstart=$(date +%s%N)
    start_ours "$dir" "$GROWTH_PORT" "$RAW/growth-$n-restart.log" --Corpus:Cache:Enabled true --Corpus:Cache:Path "$cache"
    wait_http "http://127.0.0.1:$GROWTH_PORT/readyz" 600 "$OURS_PID"
    restart_ms=$(( ($(date +%s%N) - rstart) / 1000000 ))
    restart_hwm=$(hwm_kb "$OURS_PID")
    restart_load_ms=$(grep -oE 'published from the cache .* in [0-9]+ ms' "$RAW/growth-$n-restart.log" | grep -oE '[0-9]+ ms$' | grep -oE '[0-9]+' | tail -1 || true)
    cache_bytes=$(du -b "$cache"/*.snapshot 2>/dev/null | awk '{s+=$1} END {print s+0}')
    stop "$OURS_PID"
    # serve --watch: one file edited (its English summary) until the API serves a new version, end to end.
    log "growth $n: watch, one file edited"
    start_ours "$dir" "$GROWTH_PORT" "$RAW/growth-$n-watch.log" --Corpus:Cache:Enabled true --Corpus:Cache:Path "$cache" --Corpus:Watch true
    wait_http "http://127.0.0.1:$GROWTH_PORT/readyz" 600 "$OURS_PID"
    watch_json=$(python3 "$BENCH/tools/watch_edit.py" --corpus "$dir" --url "http://127.0.0.1:$GROWTH_PORT/graphql" --timeout 300 --edits 3 || echo null)
    log "  watch republish (first edit after start, then the next): ${watch_json} ms"
    cat >"$RAW/growth-$n-meta.json" <<EOF
{"entities": $n, "validateMs": $validate_ms, "validateSummary": $(tail -1 "$RAW/growth-$n-validate.log" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read().strip()))'),
 "loadMs": $(load_ms "$RAW/growth-$n-ours.log" || echo null), "startToReadyMs": $ready_ms, "rssLoadedKb": ${rss_loaded:-null}, "peakRssKb": ${hwm:-null},
 "restartToReadyMs": $restart_ms, "restartLoadMs": ${restart_load_ms:-null}, "restartPeakRssKb": ${restart_hwm:-null}, "cacheBytes": ${cache_bytes:-0},
 "watch": ${watch_json:-null}}
EOF
    stop "$OURS_PID"
  done
fi

# ---- report ----------------------------------------------------------------------------------------
cat >"$RAW/run-meta.json" <<EOF
{"mode": "$MODE", "loadAverageStart": "$LOAD_START", "loadAverageEnd": "$(cut -d' ' -f1-3 /proc/loadavg)", "startedAt": "$STARTED_AT", "seconds": $((SECONDS - T0)), "warmupSeconds": $WARMUP, "jitWarmupSeconds": $JIT_WARMUP, "durationSeconds": $DURATION, "rounds": $ROUNDS, "growthRounds": $GROWTH_ROUNDS,
 "growthDurationSeconds": $GROWTH_DURATION, "threads": $THREADS, "connections": $CONNECTIONS, "bodiesPerQuery": $PER_QUERY,
 "queries": "$QUERIES", "growthQueries": "$GROWTH_QUERIES", "sizes": "$( ((GROWTH)) && echo "$SIZES" || echo "")", "build": "$BUILD_STATUS",
 "cpus": $(nproc), "cpuModel": "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo | tr -d '"')",
 "dotnet": "$(dotnet --version)", "node": "$(node --version)", "wrk": "$(wrk -v 2>&1 | head -1 | awk '{print $2}')",
 "graphql": "$(node -p "require('$BENCH/peer/node_modules/graphql/package.json').version")",
 "graphqlHttp": "$(node -p "require('$BENCH/peer/node_modules/graphql-http/package.json').version")"}
EOF
python3 "$BENCH/tools/report.py" --raw "$RAW" --out "$RESULTS"
log "done in $((SECONDS - T0)) s: $RESULTS/report.md"
