#!/usr/bin/env bash
# New orders per second through the whole path, for before/after comparisons of one change: starts
# Stampede (perf/lib/stampede.sh settings, the per-user order bucket opened as in sidebyside.sh),
# warms it up, then runs wrk several times with a new Idempotency-Key per request and prints one
# RESULT line per run. Runs on one machine vary by ±10%: compare several runs of each build.
#   perf/neworders.sh [runs] [seconds] [warm-up seconds]   (default 3 runs of 20 s after 60 s)
#   BENCH_JAR=/tmp/before.jar perf/neworders.sh            (another build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
seconds="${2:-20}"
warmup="${3:-60}"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
export BENCH_FLAGS="--ratelimit.orders.user=1000000/1000000 ${BENCH_FLAGS:-}"
source perf/lib/stampede.sh

work="$(mktemp -d -t stampede-orders-XXXX)"
trap 'rm -rf "$work"; cleanup' EXIT
java -Xmx512m -cp perf/burst/target/stampede-burst.jar io.stampede.perf.SideBySide prepare --port="${port}" --out="${work}"
load() { wrk -t2 -c128 -d"$1s" -s perf/wrk/orders.lua "http://127.0.0.1:${port}" -- "${work}" "$2" | grep '^RESULT'; }

echo "build: ${BENCH_JAR:-dist/stampede.jar}; warm-up ${warmup} s, then ${runs} × wrk -t2 -c128 -d${seconds}s"
load "${warmup}" warm >/dev/null
for i in $(seq 1 "${runs}"); do
  load "${seconds}" "run${i}"
done
