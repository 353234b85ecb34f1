#!/usr/bin/env bash
# How many orders a second the whole pipeline sustains, and who spends the CPU: starts Stampede with
# 200 signed-in fans (perf/lib/orders.sh), accepts new orders with wrk for a while, then waits until
# the persister and the notification relay have caught up. Prints, per run: orders accepted, how
# long the catching-up took, orders per second over load plus catching-up (what the pipeline
# sustains), and the CPU each process spent per order over the whole run (the member, the broker
# when it runs in its own JVM, Redis, Postgres), from /proc.
#   perf/drain.sh [runs] [seconds] [warm-up seconds]      (default 2 runs of 30 s after a 60 s warm-up)
#   BENCH_KAFKA=separate perf/drain.sh                     (the broker in its own JVM, so its CPU shows apart)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-2}"
seconds="${2:-30}"
warmup="${3:-60}"
source perf/lib/orders.sh

lag_of() { # consumer group: records it has still to read
  curl -s "http://127.0.0.1:${port}/metrics" \
    | awk -v g="group=\"$1\"" 'index($0, "stampede_kafka_consumer_lag_records{") == 1 && index($0, g) { s += $NF } END { printf "%d", s }'
}
caught_up() { [[ "$(lag_of orders-persister)" == 0 && "$(lag_of notifications)" == 0 ]]; }
await_caught_up() {
  local start=$SECONDS
  until caught_up || (( SECONDS - start > 900 )); do sleep 1; done
}
parts=(member broker redis postgres)

echo "== warm-up: wrk -t2 -c128 -d${warmup}s, new orders, and its backlog"
new_orders "${warmup}" warm >/dev/null
await_caught_up
for i in $(seq 1 "${runs}"); do
  declare -A before=()
  for p in "${parts[@]}"; do before[$p]=$(cpu_ms "$p"); done
  started=$SECONDS
  line=$(new_orders "${seconds}" "run${i}")
  loaded=$(( SECONDS - started ))
  await_caught_up
  total=$(( SECONDS - started ))
  created=$(field "$(echo "$line" | result)" created)
  cpu=""
  for p in "${parts[@]}"; do
    cpu+=" ${p}_cpu_ms_per_order=$(awk -v d="$(( $(cpu_ms "$p") - before[$p] ))" -v n="${created}" 'BEGIN { printf "%.3f", d / (n ? n : 1) }')"
  done
  echo "RESULT run${i} accepted=${created} accepted_per_s=$(( created / loaded )) catch_up_s=$(( total - loaded ))" \
    "sustained_per_s=$(( created / total ))${cpu}"
done
