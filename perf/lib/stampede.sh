# Sourced by the benchmark scripts: builds what is missing, starts Stampede (all services, one JVM)
# on a fresh database and Redis key prefix with bench-only settings, waits until it is ready, and
# removes what it made on exit. Sets $port. Extra Stampede flags: BENCH_FLAGS; JVM options:
# BENCH_JVM_OPTS; another Java runtime for the member (its java binary): BENCH_JAVA; another build of
# Stampede (a before/after comparison): BENCH_JAR; the broker in its own JVM: BENCH_KAFKA=separate;
# Redis at a higher CPU priority: BENCH_REDIS_NICE (below).
# Bench-only settings: fast password hashing for the many sign-ups, and per-IP buckets wide enough
# for one load-generating machine; every other setting is the default.

if [[ ! -f dist/stampede.jar || ! -f perf/burst/target/stampede-burst.jar ]]; then
  ./mvnw -q -B install -DskipTests
fi

run="bench_$(date +%s)"
port="${BENCH_PORT:-18080}"
# A server left on the port (an earlier run, a member started by hand) would answer the readiness
# check and take the load in this run's place: refuse to start instead.
if curl -s -o /dev/null "http://127.0.0.1:${port}/" 2>/dev/null; then
  echo "port ${port} is in use: stop what listens there or set BENCH_PORT"; exit 1
fi
log="$(mktemp -t stampede-bench-XXXX.log)"
settings=(
  --postgres.database="stampede_${run}" --redis.key-prefix="${run}:" --kafka.embedded.data-dir=
  --kafka.embedded.port=0 --cluster.name="${run}" --http.port="${port}" --http.tls-enabled=false
  --auth.password-iterations=1000 --ratelimit.orders.ip=1000000/1000000 --ratelimit.auth.ip=1000000/1000000
  --ratelimit.reads.ip=1000000/1000000 --log.level=warn ${BENCH_FLAGS:-}
)
# BENCH_KAFKA=separate: the Kafka broker in a JVM of its own (as in a deployment) instead of inside
# the member; the default embeds it in the member's JVM, as `java -jar stampede.jar` does.
kafka_pid=""
if [[ "${BENCH_KAFKA:-embedded}" == separate ]]; then
  kafka_port=$((port + 20))
  source perf/lib/kafka.sh
  start_separate_kafka "${BENCH_JAR:-dist/stampede.jar}" "${kafka_port}" "${log}.kafka"
  settings+=(--kafka.bootstrap="127.0.0.1:${kafka_port}")
fi
# BENCH_REDIS_NICE=-10: Redis at a higher CPU priority for the run, restored on exit (needs root).
# Every order waits on Redis three times before its answer; on cores shared with the member, the
# broker and the load generator, Redis waiting for a core was most of the tail at a moderate rate
# (perf/RESULTS.md, twenty-fifth machine). A deployment gives Redis cores of its own; this is the
# nearest thing here.
redis_pid=""; redis_nice_was=""
if [[ -n "${BENCH_REDIS_NICE:-}" ]]; then
  redis_pid="$(redis-cli info server | awk -F: '/^process_id:/ { print $2 }' | tr -d '\r')"
  redis_nice_was="$(ps -o ni= -p "${redis_pid}" | tr -d ' ')"
  renice -n "${BENCH_REDIS_NICE}" -p "${redis_pid}" >/dev/null || { echo "could not renice Redis (pid ${redis_pid})"; exit 1; }
  echo "redis (pid ${redis_pid}) at nice ${BENCH_REDIS_NICE} for this run (it was ${redis_nice_was})"
fi
# G1, as `java -jar` picks on this machine and the Docker image sets: with ParallelGC the 20,000-fan
# burst stopped for 11 s in full collections (perf/RESULTS.md); G1 needed one of 0.5 s.
echo "stampede ${settings[*]}"
"${BENCH_JAVA:-java}" ${BENCH_JVM_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC} -jar "${BENCH_JAR:-dist/stampede.jar}" "${settings[@]}" >"$log" 2>&1 &
pid=$!
cleanup() {
  kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  if [[ -n "$kafka_pid" ]]; then kill -TERM "$kafka_pid" 2>/dev/null && wait "$kafka_pid" 2>/dev/null || true; fi
  if [[ -n "${redis_nice_was}" ]]; then renice -n "${redis_nice_was}" -p "${redis_pid}" >/dev/null 2>&1 || true; fi
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS stampede_${run}" postgres >/dev/null 2>&1 || true
  # One pipelined connection: a run leaves millions of keys, and a redis-cli per 500 took minutes.
  redis-cli --scan --pattern "${run}:*" | sed 's/^/UNLINK /' | redis-cli --pipe >/dev/null 2>&1 || true
  # The member's log (warn level) is kept only when it says more than the start-up banner.
  if grep -qE ' (WARN|ERROR) |Exception' "$log" "${log}.kafka" 2>/dev/null; then
    echo "the member's log has warnings: ${log}"
  else
    rm -f "$log" "${log}.kafka"
  fi
}
trap cleanup EXIT

# Up to 10 minutes: a member that rehearses its order path (orders.rehearsal-seconds) opens its port
# only once the rehearsal is over.
for _ in $(seq 1 1200); do
  if curl -fs "http://127.0.0.1:${port}/health/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; exit 1; fi
  sleep 0.5
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("${BENCH_JAVA:-java}" -version 2>&1 | head -1)"
