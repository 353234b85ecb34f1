#!/usr/bin/env bash
# The drop-burst benchmark: starts Stampede (perf/lib/stampede.sh), runs perf/burst against it (an
# HTTP/1.1 burst, then an h2c burst, each on a new drop). Any argument is passed to the client, e.g.
#   perf/burst.sh --fans=4000 --stock=2000 --concurrency=256 --protocols=h2
# BENCH_JVM_OPTS sets Stampede's JVM flags (default -Xms1g -Xmx1g -XX:+UseG1GC).
set -euo pipefail
cd "$(dirname "$0")/.."
source perf/lib/stampede.sh
java -Xmx1g -jar perf/burst/target/stampede-burst.jar --port="${port}" "$@"
