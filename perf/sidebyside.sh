#!/usr/bin/env bash
# Side-by-side: Stampede's POST /orders against a bare Vert.x server that only answers 201 (the
# ceiling of this machine's HTTP stack), driven by the same standard tools with the same
# connections and duration — wrk for HTTP/1.1, h2load for HTTP/2 — then fixed-rate runs at half
# of Stampede's maximum: h2load's (one repeated request: replays; over h2c with 8 streams a
# connection and with one) and perf's FixedRate (new orders,
# HTTP/1.1 and h2c, an open model). Prints requests/s, p50/p99 and Stampede/ceiling, and audits
# Stampede's units sold (= stock − remaining = 201 answers, every order CONFIRMED). FixedRate
# also prints the member's own p50/p99 of its answers (server_p50_ms, server_p99_ms).
#   perf/sidebyside.sh [seconds] [connections] [warm-up seconds]   (default 15 s, 128 connections, 120 s; HTTP/2 gets half as long again)
# The warm-up matters: one JVM holds the gateway, every service, Hazelcast and the Kafka broker, and
# the JIT compiler is still busy after 30 s of load (a third of the member's CPU in a steady-state
# profile after 30 s; ten times fewer compilations per second after 120 s).
# Another build for a before/after comparison: BENCH_JAR=path/to/stampede.jar.
# Needs wrk and h2load (Debian: apt-get install wrk nghttp2-client).
# Beyond perf/lib/stampede.sh's bench settings, perf/lib/orders.sh opens the per-user order bucket
# (the run sends thousands of orders a second from 200 fans, which a person's bucket would refuse)
# and lets the fans' access tokens last 30 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
connections="${2:-128}"
warmup="${3:-120}"
for tool in wrk h2load; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install wrk nghttp2-client)"; exit 1; }
done
# Stampede, a live drop and 200 signed-in fans in $work (the run outlasts a default access token).
source perf/lib/orders.sh

ceiling_port=$((port + 10))
java -Xmx256m -cp perf/burst/target/stampede-burst.jar io.stampede.perf.CeilingServer --port="${ceiling_port}" &
ceiling_pid=$!
trap 'kill "$ceiling_pid" 2>/dev/null || true; rm -rf "$work"; cleanup' EXIT
token="$(head -1 "${work}/tokens.txt")"

h2orders() { # args...: h2load sending the one replayed order, $streams (default 8) at a time per connection
  h2load -t 2 -c 16 -m "${streams:-8}" -H "Authorization: Bearer ${token}" -H "Idempotency-Key: replayed-key" \
    -H "content-type: application/json" -d "${work}/order.json" "$@"
}
h2run() { # url extra-args... ; prints "rps=… p50_ms=… p99_ms=… ok=…"
  local url="$1"; shift
  local log="${work}/h2load.log"; rm -f "$log"
  local out; out="$(h2orders -D "${seconds}" --log-file="$log" "$@" "$url" 2>&1)"
  local rps ok; rps="$(echo "$out" | awk '/finished in/ {print $4}')"; ok="$(echo "$out" | awk '/status codes:/ {print $3}')"
  local pct; pct="$(cut -f3 "$log" | sort -n | awk '{a[NR]=$1} END {printf "p50_ms=%.2f p99_ms=%.2f", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000}')"
  echo "rps=${rps} ${pct} 2xx=${ok}"
}

echo; echo "== warm-up (${warmup} s each)"
w1="$(wrk -t2 -c"${connections}" -d"${warmup}s" -s perf/wrk/orders.lua "http://127.0.0.1:${port}" -- "${work}" warm | result)"
wrk -t2 -c"${connections}" -d"${warmup}s" -s perf/wrk/orders.lua "http://127.0.0.1:${ceiling_port}" -- "${work}" warm >/dev/null

echo "== HTTP/1.1, wrk -t2 -c${connections} -d${seconds}s, a new Idempotency-Key per request"
s1="$(wrk -t2 -c"${connections}" -d"${seconds}s" -s perf/wrk/orders.lua "http://127.0.0.1:${port}" -- "${work}" h1 | result)"
c1="$(wrk -t2 -c"${connections}" -d"${seconds}s" -s perf/wrk/orders.lua "http://127.0.0.1:${ceiling_port}" -- "${work}" h1 | result)"
echo "stampede: ${s1}"; echo "ceiling:  ${c1}"
echo "stampede/ceiling: $(awk -v a="$(field "$s1" rps)" -v b="$(field "$c1" rps)" 'BEGIN {printf "%.1f%%", 100*a/b}')"
echo "== audit of Stampede's HTTP/1.1 orders (warm-up and run)"
audit_orders "$(( $(field "$w1" created) + $(field "$s1" created) ))" "$(( 2 * connections ))"

curl -s -o /dev/null -X POST "http://127.0.0.1:${port}/orders" -H "Authorization: Bearer ${token}" \
  -H "Idempotency-Key: replayed-key" -H "content-type: application/json" --data @"${work}/order.json"
# HTTP/2 runs through code the HTTP/1.1 warm-up never reached (Netty's and Vert.x's HTTP/2 layers):
# unwarmed, the 15 s below measured 15-30% fewer answers than after a minute of h2c (perf/RESULTS.md,
# twenty-fourth machine).
echo "== HTTP/2 warm-up ($(( warmup / 2 )) s each)"
for p in "${port}" "${ceiling_port}"; do
  h2orders -D "$(( warmup / 2 ))" "http://127.0.0.1:${p}/orders" >/dev/null 2>&1
done
echo "== HTTP/2 (h2c), h2load -t2 -c16 -m8 -D${seconds}: one key, so after the first order every answer is the stored first answer"
s2="$(h2run "http://127.0.0.1:${port}/orders")"
c2="$(h2run "http://127.0.0.1:${ceiling_port}/orders")"
echo "stampede: ${s2}"; echo "ceiling:  ${c2}"
echo "stampede/ceiling: $(awk -v a="$(field "$s2" rps)" -v b="$(field "$c2" rps)" 'BEGIN {printf "%.1f%%", 100*a/b}')"

half="$(awk -v a="$(field "$s2" rps)" 'BEGIN {printf "%d", a/2/16}')"
echo "== fixed rate: half of Stampede's HTTP/2 maximum ($(( half * 16 ))/s: h2load --rps=${half} × 16 clients)"
echo "stampede h2c:      $(h2run "http://127.0.0.1:${port}/orders" --rps="${half}")"
echo "ceiling h2c:       $(h2run "http://127.0.0.1:${ceiling_port}/orders" --rps="${half}")"
echo "stampede HTTP/1.1: $(h2run "http://127.0.0.1:${port}/orders" --rps="${half}" --h1)"
echo "ceiling HTTP/1.1:  $(h2run "http://127.0.0.1:${ceiling_port}/orders" --rps="${half}" --h1)"
# With 8 streams a connection, h2load's --rps sends each client's due requests in bursts (most of
# them within 20 µs of the one before, dozens in one millisecond), which queue behind each other;
# one stream at a time per connection, as a fan's app sends its orders, spreads them out.
echo "stampede h2c, one stream a connection: $(streams=1 h2run "http://127.0.0.1:${port}/orders" --rps="${half}")"
echo "ceiling h2c, one stream a connection:  $(streams=1 h2run "http://127.0.0.1:${ceiling_port}/orders" --rps="${half}")"

# The issue's latency target: p99 of POST /orders at half the rate of new orders accepted, with a new
# order (a new Idempotency-Key) in every request, which h2load cannot send: perf's FixedRate does.
half_new="$(awk -v a="$(field "$s1" rps)" 'BEGIN {printf "%d", a/2}')"
fixed() { fixed_rate "$1" "${half_new}" "${seconds}" "$2" "$3" | result; } # port protocol label
echo "== fixed rate, new orders: half of Stampede's HTTP/1.1 new-order maximum (${half_new}/s), a new key per request"
f1="$(fixed "${port}" h1 fixed-h1)"; echo "stampede HTTP/1.1: ${f1}"
echo "ceiling HTTP/1.1:  $(fixed "${ceiling_port}" h1 fixed-h1)"
f2="$(fixed "${port}" h2 fixed-h2)"; echo "stampede h2c:      ${f2}"
echo "ceiling h2c:       $(fixed "${ceiling_port}" h2 fixed-h2)"
echo "== audit of every order Stampede took in this run (the replayed key's one order included)"
audit_orders "$(( $(field "$w1" created) + $(field "$s1" created) + 1 + $(field "$f1" created) + $(field "$f2" created) ))" \
  "$(( 2 * connections ))"
