#!/usr/bin/env bash
# The Kafka step of a new order alone: starts the broker Stampede embeds in a JVM of its own (as
# BENCH_KAFKA=separate does), then perf's KafkaRoundTrip sends order-sized records at a fixed rate
# with the order producer's settings, once per set of overrides given, and prints p50/p90/p99/max of
# send to acknowledgement, the records each produce request carried and the broker's CPU per record
# (warm-up included). Nothing else runs: this is the floor under the member's `kafka` step, and what
# the broker's work per order depends on.
#   perf/kafka-rtt.sh [rate] [seconds] [overrides...]   (default 300/s, 15 s, the order producer's settings, then the
#                                                        ones it had until 2026-12-07: 2 ms linger, 5 in flight, 16 KiB batches)
#   perf/kafka-rtt.sh 1000 15 defaults linger.ms=0,max.in.flight.requests.per.connection=1
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${1:-300}"
seconds="${2:-15}"
shift 2 || shift $#
runs="${*:-defaults linger.ms=2,max.in.flight.requests.per.connection=5,batch.size=16384}"
if [[ ! -f dist/stampede.jar || ! -f perf/burst/target/perf-burst-0.1.0-SNAPSHOT.jar ]]; then
  ./mvnw -q -B install -DskipTests
fi
port="${BENCH_KAFKA_PORT:-18120}"
log="$(mktemp -t stampede-kafka-rtt-XXXX.log)"
source perf/lib/kafka.sh
source perf/lib/cpu.sh
source perf/lib/results.sh
start_separate_kafka dist/stampede.jar "${port}" "${log}"
trap 'kill -TERM "$kafka_pid" 2>/dev/null && wait "$kafka_pid" 2>/dev/null; rm -f "$log" "$log.client"' EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
for run in ${runs}; do
  overrides=""; [[ "${run}" == defaults ]] || overrides="--set=${run}"
  before="$(ticks_ms "/proc/${kafka_pid}/stat")"
  java -Xmx256m -cp "dist/stampede.jar:perf/burst/target/perf-burst-0.1.0-SNAPSHOT.jar" io.stampede.perf.KafkaRoundTrip \
    --bootstrap="127.0.0.1:${port}" --rate="${rate}" --seconds="${seconds}" ${overrides} \
    >"${log}.client" 2>&1 || { cat "${log}.client"; exit 1; }
  spent="$(( $(ticks_ms "/proc/${kafka_pid}/stat") - before ))"
  line="$(grep '^RESULT' "${log}.client")"
  sent="$(field "${line}" sent)"
  echo "${line} broker_cpu_us_per_record=$(( spent * 1000 / (sent > 0 ? sent : 1) ))"
done
