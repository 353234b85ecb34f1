#!/usr/bin/env bash
# What one order costs at a steady rate, everything included, and its latency there: a fixed rate of
# new orders (perf's FixedRate, an open model, HTTP/1.1) on a member that has served that same rate
# long enough for the JIT to settle, then the CPU that the member, Redis, Postgres (and the broker,
# with BENCH_KAFKA=separate) spent from the start of the measured run until the persister had
# written its last order, divided by the orders. wrk's closed loop (neworders.sh) measures how fast
# orders are accepted while their writing and notifying is put off; this measures what the whole
# pipeline costs at a rate it can sustain, which is what decides the latency at that rate.
#   perf/steady.sh [rate] [seconds] [settle seconds]   (default 1000/s measured for 30 s after 240 s at the rate)
#   BENCH_JAR=/tmp/before.jar perf/steady.sh            (another build)
# The settling is printed a minute at a time (p50/p99, member CPU per order, the JIT's compile time):
# a member that served wrk's saturating load still recompiled for about three minutes once the load
# turned into a steady rate, at up to a third of its CPU (perf/RESULTS.md), so a short settle
# measures the compiler, not the platform. Then one RESULT line: the client's rate, p50 and p99
# (FixedRate's), and microseconds of CPU per order for each process.
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${1:-1000}"
seconds="${2:-30}"
settle="${3:-240}"
source perf/lib/orders.sh
fixed() { fixed_rate "${port}" "${rate}" "$1" h1 "$2" | result; } # seconds label
compile_s() { # the member's JIT compile time so far, in seconds (empty without the JDK's jstat)
  if command -v jstat >/dev/null; then jstat -compiler "${pid}" | awk 'NR == 2 { print $4 }'; fi
}
jit_since() { # compile seconds at the mark: " JIT: N s compiling", or nothing without jstat
  local now; now="$(compile_s)"
  if [[ -n "$1" && -n "${now}" ]]; then awk -v a="$1" -v b="${now}" 'BEGIN { printf " JIT: %.1f s compiling", b - a }'; fi
}
# The embedded broker's CPU is the member's; it is counted on its own only when it runs apart.
parts=(member redis postgres)
if [[ -n "${kafka_pid}" ]]; then parts+=(broker); fi
declare -A before
costs() { # orders: " part_cpu_us_per_order=N" for every part, since the last mark
  local out=""
  for p in "${parts[@]}"; do out+=" ${p}_cpu_us_per_order=$(( ( $(cpu_ms "$p") - before[$p] ) * 1000 / ($1 > 0 ? $1 : 1) ))"; done
  echo "${out}"
}
mark() { for p in "${parts[@]}"; do before[$p]=$(cpu_ms "$p"); done; }

echo "build: ${BENCH_JAR:-dist/stampede.jar}; ${rate}/s for ${settle} s to settle, then ${rate}/s measured for ${seconds} s"
left="${settle}"
minute=0
while (( left > 0 )); do
  span=$(( left < 60 ? left : 60 )); left=$(( left - span )); minute=$(( minute + 1 ))
  mark; jit="$(compile_s)"
  # A label of its own per minute: the same Idempotency-Keys again would be replays, not new orders.
  line="$(fixed "${span}" "settle${minute}")"
  echo "settle: $(field "$line" p50_ms) / $(field "$line" p99_ms) ms$(costs "$(field "$line" created)" | sed 's/_cpu_us_per_order=/ µs: /g')$(jit_since "${jit}")"
done
await_persisted
mark
line="$(fixed "${seconds}" steady)"
await_persisted
echo "RESULT ${line}$(costs "$(field "$line" created)")"
