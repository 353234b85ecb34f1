#!/usr/bin/env bash
# The Kafka step of a new order alone: starts the broker Stampede embeds in a JVM of its own (as
# BENCH_KAFKA=separate does), then perf's KafkaRoundTrip sends order-sized records at a fixed rate
# with the order producer's settings, once per linger.ms given, and prints p50/p90/p99/max of send
# to acknowledgement. Nothing else runs: this is the floor under the member's `kafka` step.
#   perf/kafka-rtt.sh [rate] [seconds] [linger-ms...]   (default 300/s, 15 s, linger 2 (the default) and 0)
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${1:-300}"
seconds="${2:-15}"
shift 2 || shift $#
lingers="${*:-2 0}"
if [[ ! -f dist/stampede.jar || ! -f perf/burst/target/perf-burst-0.1.0-SNAPSHOT.jar ]]; then
  ./mvnw -q -B install -DskipTests
fi
port="${BENCH_KAFKA_PORT:-18120}"
log="$(mktemp -t stampede-kafka-rtt-XXXX.log)"
source perf/lib/kafka.sh
start_separate_kafka dist/stampede.jar "${port}" "${log}"
trap 'kill -TERM "$kafka_pid" 2>/dev/null && wait "$kafka_pid" 2>/dev/null; rm -f "$log" "$log.client"' EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
for linger in ${lingers}; do
  java -Xmx256m -cp "dist/stampede.jar:perf/burst/target/perf-burst-0.1.0-SNAPSHOT.jar" io.stampede.perf.KafkaRoundTrip \
    --bootstrap="127.0.0.1:${port}" --rate="${rate}" --seconds="${seconds}" --linger-ms="${linger}" \
    >"${log}.client" 2>&1 || { cat "${log}.client"; exit 1; }
  grep '^RESULT' "${log}.client"
done
