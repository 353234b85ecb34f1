#!/usr/bin/env bash
# Gatling against a fresh Stampede (perf/lib/stampede.sh): the first argument picks the simulation
# (DropBurst, Browse, FollowStorm); the rest are -D parameters, e.g.
#   perf/gatling.sh DropBurst -Dfans=2000 -Dstock=500
# The HTML report lands in perf/gatling/target/gatling/<simulation>-<timestamp>/index.html.
set -euo pipefail
cd "$(dirname "$0")/.."
simulation="${1:-DropBurst}"
shift || true
source perf/lib/stampede.sh
./mvnw -B -q -f perf/gatling/pom.xml gatling:test -Dsimulation="io.stampede.gatling.${simulation}Simulation" \
  -DbaseUrl="http://127.0.0.1:${port}" "$@"
