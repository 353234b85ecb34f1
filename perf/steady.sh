#!/usr/bin/env bash
# What one order costs at a steady rate, everything included: a fixed rate of new orders (perf's
# FixedRate, an open model, HTTP/1.1) on a member that has been warmed up and has written its
# backlog, then the CPU that the member, Redis, Postgres (and the broker, with BENCH_KAFKA=separate)
# spent from the start of the run until the persister had written its last order, divided by the
# orders. wrk's closed loop (neworders.sh) measures how fast orders are accepted while their writing
# and notifying is put off; this measures what the whole pipeline costs at a rate it can sustain,
# which is what decides the latency at that rate.
#   perf/steady.sh [rate] [seconds] [warm-up seconds]   (default 1000/s for 30 s, after 90 s of wrk)
#   BENCH_JAR=/tmp/before.jar perf/steady.sh            (another build)
# Prints one RESULT line: the client's rate, p50 and p99 (FixedRate's), then microseconds of CPU per
# order for each process. A warm-up of wrk, its backlog written, and 20 s at the rate come first.
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${1:-1000}"
seconds="${2:-30}"
warmup="${3:-90}"
source perf/lib/orders.sh
fixed() { # seconds label
  java -Xmx512m -cp perf/burst/target/stampede-burst.jar io.stampede.perf.FixedRate --port="${port}" --out="${work}" \
    --rate="${rate}" --seconds="$1" --protocol=h1 --label="$2" | result
}
echo "build: ${BENCH_JAR:-dist/stampede.jar}; warm-up ${warmup} s of wrk, then ${rate}/s for 20 s, then ${rate}/s measured for ${seconds} s"
new_orders "${warmup}" warm >/dev/null
await_persisted
fixed 20 settle >/dev/null
await_persisted
# The embedded broker's CPU is the member's; it is counted on its own only when it runs apart.
parts=(member redis postgres)
if [[ -n "${kafka_pid}" ]]; then parts+=(broker); fi
declare -A before
for p in "${parts[@]}"; do before[$p]=$(cpu_ms "$p"); done
line="$(fixed "${seconds}" steady)"
await_persisted
orders="$(field "$line" created)"
costs=""
for p in "${parts[@]}"; do
  costs+=" ${p}_cpu_us_per_order=$(( ( $(cpu_ms "$p") - before[$p] ) * 1000 / (orders > 0 ? orders : 1) ))"
done
echo "RESULT ${line}${costs}"
