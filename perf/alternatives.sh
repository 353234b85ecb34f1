#!/usr/bin/env bash
# Stampede beside the design most flash sales start from, on this machine with the same load:
# RowLockShop (perf/burst) takes every order in one Postgres transaction on the item's locked row
# (idempotency key, stock and per-buyer limit checked, units taken, order inserted: one round trip),
# once with synchronous_commit=on (each answer waits for its WAL on disk) and once with off (as
# Kafka's acknowledgement, which does not wait for an fsync). Each gets a warm-up, one wrk run of new
# orders (a new Idempotency-Key per request, the same 200 fans' tokens and body), a fixed-rate run of
# new orders at half of Stampede's maximum (FixedRate, an open model: latency from each request's due
# time), and an audit: units sold = stock − remaining = orders stored, and every 201 among them.
# Stampede answers before Postgres has the order; under wrk its persister falls behind, so each of its
# audits first waits until the persister's backlog is worked off (and says how long that took), and
# its fixed-rate run starts after that, not while the backlog is still being written.
#   perf/alternatives.sh [seconds] [connections] [warm-up seconds]   (default 15 s, 128, 120 s)
# The alternative is given every advantage: no token verification, rate limit, schema check or
# real-time notice, its own database, and a shorter warm-up (a small server reaches its speed sooner).
# Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
connections="${2:-128}"
warmup="${3:-120}"
source perf/lib/orders.sh   # Stampede, a live drop of 5,000,000 units and 200 signed-in fans in $work
source "${work}/env"         # DROP_ID, STOCK
product="$(sed -n 's/.*"productId":"\([^"]*\)".*/\1/p' "${work}/order.json")"
alt_port=$((port + 12))
alt_db="alt_${run}"
shop_pid=""
psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE ${alt_db}" postgres
trap '[[ -n "$shop_pid" ]] && kill "$shop_pid" 2>/dev/null; rm -rf "$work"; cleanup;
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS ${alt_db}" postgres >/dev/null 2>&1 || true' EXIT

load() { wrk -t2 -c"${connections}" -d"$2s" -s perf/wrk/orders.lua "http://127.0.0.1:$1" -- "${work}" "$3" | result; }
fixed() { fixed_rate "$1" "$2" "${seconds}" h1 "$3" | result; } # port rate label
alt_sql() { psql -h 127.0.0.1 -U postgres -d "${alt_db}" -At -F ' ' -c "$1"; }

echo "== Stampede: warm-up ${warmup} s, then wrk -t2 -c${connections} -d${seconds}s of new orders"
audit() { audit_orders "$1" "$(( 2 * connections ))"; } # answered201
w="$(load "${port}" "${warmup}" warm)"
s="$(load "${port}" "${seconds}" run)"
echo "stampede:                 ${s}"
audit "$(( $(field "$w" created) + $(field "$s" created) ))"
half="$(awk -v a="$(field "$s" rps)" 'BEGIN {printf "%d", a/2}')"
f="$(fixed "${port}" "${half}" fixed)"
echo "stampede, ${half}/s fixed: ${f}"
audit "$(( $(field "$w" created) + $(field "$s" created) + $(field "$f" created) ))"

for sync in on off; do
  echo "== row-lock Postgres shop, synchronous_commit=${sync}: warm-up 30 s, then the same runs"
  java -Xmx512m -cp perf/burst/target/stampede-burst.jar io.stampede.perf.RowLockShop --port="${alt_port}" \
    --database="${alt_db}" --drop="${DROP_ID}" --product="${product}" --stock="${STOCK}" --synchronous-commit="${sync}" &
  shop_pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:${alt_port}/"; do
    kill -0 "$shop_pid" || exit 1
    sleep 0.2
  done
  before="$(alt_sql "SELECT count(*) FROM orders")"
  aw="$(load "${alt_port}" 30 "warm-${sync}")"
  a="$(load "${alt_port}" "${seconds}" "run-${sync}")"
  echo "row lock (${sync}):            ${a}"
  af="$(fixed "${alt_port}" "${half}" "fixed-${sync}")"
  echo "row lock (${sync}), ${half}/s fixed: ${af}"
  kill "$shop_pid"; wait "$shop_pid" 2>/dev/null || true; shop_pid=""
  read -r sold stored units <<<"$(alt_sql "SELECT ${STOCK} - remaining, (SELECT count(*) FROM orders),
    (SELECT coalesce(sum(quantity), 0) FROM orders) FROM items")"
  answered=$(( $(field "$aw" created) + $(field "$a" created) + $(field "$af" created) ))
  new=$(( stored - before ))
  verdict=MISMATCH
  if (( sold == units && units == stored && new >= answered && new <= answered + 2 * connections )); then verdict=CORRECT; fi
  echo "units sold ${sold} (stock − remaining); orders stored ${stored} (${units} units), ${new} in this run;" \
    "201 answers counted ${answered}; ${verdict}"
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; Postgres $(psql -h 127.0.0.1 -U postgres -At -c 'SHOW server_version' postgres)"
