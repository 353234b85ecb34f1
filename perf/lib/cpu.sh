# Sourced by the benchmarks that report CPU per order or per record (perf/lib/orders.sh, kafka-rtt.sh).
# ticks_ms FILE...: the CPU time (user + system, in ms) of the processes whose /proc/PID/stat files are given.
ticks_ms() { awk -v hz="$(getconf CLK_TCK)" '{ s += $14 + $15 } END { printf "%d", s * 1000 / hz }' "$@" 2>/dev/null || echo 0; }
