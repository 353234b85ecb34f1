#!/usr/bin/env bash
# The fan-out benchmark: starts Stampede (perf/lib/stampede.sh), opens N WebSockets subscribed to
# drop announcements, schedules a drop and measures when drop.live reaches each socket, how long
# reads of the drop sent meanwhile wait, and the member's longest event-loop delay, e.g.
#   perf/fanout.sh --sockets=1000,10000
set -euo pipefail
cd "$(dirname "$0")/.."
source perf/lib/stampede.sh
java -Xmx1g -cp perf/burst/target/stampede-burst.jar io.stampede.perf.FanOut --port="${port}" "$@"
