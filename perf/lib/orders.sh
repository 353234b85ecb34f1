# Sourced by the benchmarks that send new orders from signed-in fans (neworders.sh, latency.sh, sidebyside.sh):
# opens the per-user order bucket (200 fans send thousands of orders a second, which a person's
# bucket would refuse) and lets their tokens last 30 minutes, starts Stampede (perf/lib/stampede.sh),
# prepares a live drop and 200 signed-in fans in $work (tokens.txt, order.json) and removes it all
# on exit. Defines new_orders SECONDS LABEL: one wrk run, a new Idempotency-Key per request, its
# RESULT line (read with result and field, perf/lib/results.sh); await_persisted: waits (up to 10 minutes) until the persister has written every order
# accepted so far (wrk accepts them faster than it writes them), printing how long that took;
# fixed_rate PORT RATE SECONDS PROTOCOL LABEL [FLAG...]: one run of perf's FixedRate (an open model, a
# new Idempotency-Key per request, h1 or h2) against PORT, its output; audit_orders ANSWERED201
# IN_FLIGHT: waits for the persister, then checks that units sold = orders listed = CONFIRMED = the
# 201s counted (within IN_FLIGHT cut off when a load stopped); and cpu_ms PART: the CPU time in ms that
# member, broker (when BENCH_KAFKA=separate), redis or postgres has used so far.
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
export BENCH_FLAGS="--ratelimit.orders.user=1000000/1000000 --auth.access-ttl-seconds=1800 ${BENCH_FLAGS:-}"
source perf/lib/stampede.sh
source perf/lib/cpu.sh
source perf/lib/results.sh
work="$(mktemp -d -t stampede-orders-XXXX)"
trap 'rm -rf "$work"; cleanup' EXIT
java -Xmx512m -cp perf/burst/target/stampede-burst.jar io.stampede.perf.SideBySide prepare --port="${port}" --out="${work}"
new_orders() { wrk -t2 -c128 -d"$1s" -s perf/wrk/orders.lua "http://127.0.0.1:${port}" -- "${work}" "$2" | grep '^RESULT'; }
fixed_rate() {
  java -Xmx512m -cp perf/burst/target/stampede-burst.jar io.stampede.perf.FixedRate --port="$1" --out="${work}" \
    --rate="$2" --seconds="$3" --protocol="$4" --label="$5" "${@:6}"
}
await_persisted() {
  local start=$SECONDS backlog
  while (( SECONDS - start < 600 )); do
    backlog="$(curl -s "http://127.0.0.1:${port}/metrics" \
      | awk '/^stampede_kafka_consumer_lag_records\{.*group="orders-persister"/ { s += $NF } END { printf "%d", s }')"
    [[ "${backlog}" == 0 ]] && break
    sleep 1
  done
  echo "the persister's backlog was worked off $(( SECONDS - start )) s after the load ended (now ${backlog} records)"
}
audit_orders() {
  await_persisted
  java -Xmx512m -cp perf/burst/target/stampede-burst.jar io.stampede.perf.SideBySide check --port="${port}" --out="${work}" \
    --answered201="$1" --in-flight="$2"
}
cpu_ms() {
  case "$1" in
    member) ticks_ms "/proc/${pid}/stat" ;;
    broker) if [[ -n "${kafka_pid}" ]]; then ticks_ms "/proc/${kafka_pid}/stat"; else echo 0; fi ;;
    redis) redis-cli info cpu | awk -F: '/^used_cpu_(sys|user):/ { s += $2 } END { printf "%d", s * 1000 }' ;;
    postgres) ticks_ms $(pgrep -x postgres | sed 's|.*|/proc/&/stat|') ;;
  esac
}
