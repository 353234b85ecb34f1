# Sourced by the benchmark scripts that run the Kafka broker Stampede embeds in a JVM of its own
# (perf/lib/stampede.sh with BENCH_KAFKA=separate, perf/kafka-rtt.sh). Defines
# start_separate_kafka JAR PORT LOG: starts the broker from JAR on 127.0.0.1:PORT, logging to LOG,
# waits until it is ready (or prints its log and exits), and sets $kafka_pid.
start_separate_kafka() {
  java -Xms512m -Xmx512m -cp "$1" io.stampede.kafka.embedded.EmbeddedKafka "$2" >"$3" 2>&1 &
  kafka_pid=$!
  for _ in $(seq 1 120); do grep -q "kafka ready" "$3" && break; sleep 0.5; done
  grep -q "kafka ready" "$3" || { cat "$3"; kill "$kafka_pid"; exit 1; }
}
