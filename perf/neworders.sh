#!/usr/bin/env bash
# New orders per second through the whole path, for before/after comparisons of one change: starts
# Stampede with 200 signed-in fans (perf/lib/orders.sh),
# warms it up, then runs wrk several times with a new Idempotency-Key per request and prints one
# RESULT line per run, with the CPU the member and Redis spent per new order (ms of CPU time over
# the run, divided by the 201s). Orders/s on one machine vary by ±10% between runs; CPU per order
# moves much less, so it shows a change that saves work without adding throughput measurably.
#   perf/neworders.sh [runs] [seconds] [warm-up seconds]   (default 3 runs of 20 s after 120 s: a new member runs at about half speed through its first two minutes of load, perf/RESULTS.md)
#   BENCH_JAR=/tmp/before.jar perf/neworders.sh            (another build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
seconds="${2:-20}"
warmup="${3:-120}"
source perf/lib/orders.sh
measured() { # label: one wrk run, its RESULT line with CPU per order appended
  local member_before redis_before line created
  member_before=$(cpu_ms member); redis_before=$(cpu_ms redis)
  line=$(new_orders "${seconds}" "$1")
  created=$(echo "$line" | sed -n 's/.*created=\([0-9]*\).*/\1/p')
  awk -v line="$line" -v m="$(( $(cpu_ms member) - member_before ))" -v r="$(( $(cpu_ms redis) - redis_before ))" \
    -v n="${created:-0}" 'BEGIN { if (n == 0) n = 1; printf "%s member_cpu_ms_per_order=%.3f redis_cpu_ms_per_order=%.3f\n", line, m / n, r / n }'
}

echo "build: ${BENCH_JAR:-dist/stampede.jar}; warm-up ${warmup} s, then ${runs} × wrk -t2 -c128 -d${seconds}s"
new_orders "${warmup}" warm >/dev/null
for i in $(seq 1 "${runs}"); do
  measured "run${i}"
done
