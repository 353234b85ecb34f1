#!/usr/bin/env bash
# A storm of TLS handshakes: N new TLS connections at once (h2load, one request each: fans opening
# the app before a drop) while perf's FixedRate sends new orders over cleartext HTTP/1.1 at a steady
# rate. Prints h2load's summary, the orders' latency (p50/p99 and the slowest answer of each second:
# what a fan already connected waits while others connect) and the member's event-loop delays
# during the run. Two rounds after a 30 s warm-up of new orders.
#   perf/handshakes.sh [connections] [orders per second]     (default 3000 and 200)
# Compare TLS set-ups with BENCH_FLAGS, e.g. --http.tls-engine=jdk or your own certificate
# (--http.tls-cert-file=… --http.tls-key-file=…). Needs wrk and h2load (apt-get install wrk nghttp2-client).
set -euo pipefail
cd "$(dirname "$0")/.."
connections="${1:-3000}"
rate="${2:-200}"
command -v h2load >/dev/null || { echo "needs h2load (apt-get install nghttp2-client)"; exit 1; }
tls_port=$(( ${BENCH_PORT:-18080} + 1 ))
export BENCH_FLAGS="--http.tls-enabled=true --http.tls-port=${tls_port} ${BENCH_FLAGS:-}"
source perf/lib/orders.sh
grep -m1 "https " "$log" || true
burst=(java -Xmx512m -cp perf/burst/target/stampede-burst.jar)
echo "== warm-up: 30 s of new orders (wrk)"
new_orders 30 warm
await_persisted
for round in 1 2; do
  echo "== round ${round}: ${rate} new orders/s for 20 s; after 7 s, ${connections} TLS connections at once"
  "${burst[@]}" io.stampede.perf.LoopDelays --port="${port}" --save="${work}/loops"
  fixed_rate "${port}" "${rate}" 20 h1 "orders-${round}" --timeline=true > "${work}/orders.log" 2>&1 &
  orders=$!
  sleep 27   # FixedRate's own 20 s warm-up, then 7 s of steady orders
  h2load -t1 -c "${connections}" -n "${connections}" "https://127.0.0.1:${tls_port}/health/live" 2>&1 \
    | grep -E "finished in|requests:|status codes|time for connect" | sed 's/^/h2load: /'
  wait "$orders"
  grep -E "^RESULT|slowest" "${work}/orders.log"
  "${burst[@]}" io.stampede.perf.LoopDelays --port="${port}" --since="${work}/loops"
done
