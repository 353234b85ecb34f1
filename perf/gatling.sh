#!/usr/bin/env bash
# Gatling against a fresh Stampede (perf/lib/stampede.sh): the first argument picks the simulation
# (DropBurst, Browse, FollowStorm); the rest are -D parameters, e.g.
#   perf/gatling.sh DropBurst -Dfans=2000 -Dstock=500
# The HTML report lands in perf/gatling/target/gatling/<simulation>-<timestamp>/index.html.
# The member also serves its TLS port (HTTP/2 by ALPN, self-signed) on the next port: -Dhttp2=true
# sends DropBurst's fans there.
set -euo pipefail
cd "$(dirname "$0")/.."
simulation="${1:-DropBurst}"
shift || true
tls_port=$(( ${BENCH_PORT:-18080} + 1 ))
# The member rehearses its order path for a minute before it opens its port, as docker/compose.yaml
# configures production members (orders.rehearsal-seconds); BENCH_REHEARSAL_SECONDS=0 measures a
# member as fresh as `java -jar` starts it (the burst sold out in 11.3 s there against 7.7-8.3 s,
# perf/RESULTS.md, twenty-seventh machine).
export BENCH_FLAGS="--http.tls-enabled=true --http.tls-port=${tls_port} --orders.rehearsal-seconds=${BENCH_REHEARSAL_SECONDS:-60} ${BENCH_FLAGS:-}"
source perf/lib/stampede.sh
status=0
./mvnw -B -q -f perf/gatling/pom.xml gatling:test -Dsimulation="io.stampede.gatling.${simulation}Simulation" \
  -DbaseUrl="http://127.0.0.1:${port}" -DtlsUrl="https://127.0.0.1:${tls_port}" "$@" || status=$?
# The orders as Postgres holds them, per drop: the last one placed is the sell-out (when stock ran
# out), and each order's updated_at is when the persister wrote it CONFIRMED.
echo "== orders in Postgres, per drop"
psql -h 127.0.0.1 -U postgres -d "stampede_${run}" -P pager=off -c "
  SELECT drop_id, count(*) AS orders, sum(quantity) AS units, count(DISTINCT (user_id, idempotency_key)) AS distinct_keys,
         count(*) FILTER (WHERE status = 'CONFIRMED') AS confirmed, min(created_at) AS first_placed,
         max(created_at) AS last_placed, max(updated_at) AS last_confirmed,
         round(extract(epoch FROM max(updated_at) - max(created_at))::numeric, 2) AS confirmed_s_after_last_placed
    FROM orders GROUP BY drop_id" || true
exit "$status"
