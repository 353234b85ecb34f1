#!/usr/bin/env bash
# Latency of new orders at fixed rates: starts Stampede with 200 signed-in fans (perf/lib/orders.sh),
# runs wrk with new orders for the warm-up, then perf's FixedRate (an open model, a new key per
# request) at each rate given, printing the slowest answer of each second and a RESULT line, and
# last the member's GC totals (jstat). The fixed rates start once the persister has written every
# order of the warm-up (wrk accepts them faster than the member writes them).
#   perf/latency.sh [warm-up seconds] [rate...]      (default 120 s, then 1500 and 3000 per second)
#   PROTO=h2 perf/latency.sh ...                      (h2c instead of HTTP/1.1)
set -euo pipefail
cd "$(dirname "$0")/.."
warmup="${1:-120}"
shift || true
rates="${*:-1500 3000}"
source perf/lib/orders.sh
echo "== warm-up: wrk -t2 -c128 -d${warmup}s, new orders"
new_orders "${warmup}" warm
await_persisted
for rate in ${rates}; do
  echo "== ${rate} new orders/s for 20 s (${PROTO:-h1})"
  fixed_rate "${port}" "${rate}" 20 "${PROTO:-h1}" "fixed-${rate}" --timeline=true
done
echo "== the member's garbage collections"
jstat -gcutil "${pid}"
