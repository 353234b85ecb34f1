#!/usr/bin/env bash
# Three Stampede members on this machine, each its own JVM from dist/stampede.jar, joined over
# Hazelcast TCP on 127.0.0.1, so an operator can watch the cluster work and break it on purpose.
#
#   perf/cluster.sh up [--redis-cluster]  start members 1-3 (and, with the flag, a six-node Redis Cluster)
#   perf/cluster.sh status                each member's pid, ports, readiness and cluster size
#   perf/cluster.sh kill N                SIGKILL member N (a power cut: no drain)
#   perf/cluster.sh stop N                SIGTERM member N (it drains, hands over and leaves)
#   perf/cluster.sh start N               start member N again (it joins member 1, or member 2 if 1 is gone)
#   perf/cluster.sh down                  stop every member (SIGTERM) and the Redis Cluster
#
# Member N serves HTTP on 808(N-1) and Hazelcast on 570N. Member 1 runs every service and the
# embedded Kafka broker on :9092 (so killing member 1 also takes Kafka away: fault 4); members 2
# and 3 run gateways, orders and notifications and use member 1's broker. Postgres and Redis are the
# machine's (127.0.0.1:5432, :6379) unless --redis-cluster starts redis-server on :7001-7006.
# State, logs and pids live in perf/.cluster/. STAMPEDE_JVM_OPTS sets the members' JVM flags.
set -euo pipefail
cd "$(dirname "$0")/.."
state=perf/.cluster
mkdir -p "$state"

redis_flags() {
  if [[ -f "$state/redis-cluster" ]]; then
    echo "--redis.mode=cluster --redis.cluster-nodes=127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003"
  fi
}

member_flags() {
  local n=$1 seed
  local flags="--port=$((8079 + n)) --cluster.port=$((5700 + n)) --http.tls-enabled=false $(redis_flags)"
  if [[ $n == 1 ]]; then
    flags+=" --kafka.embedded.port=9092"
    [[ -f "$state/member-2.pid" ]] && kill -0 "$(cat "$state/member-2.pid")" 2>/dev/null \
      && flags+=" --cluster-members=127.0.0.1:5702"
  else
    seed=5701
    if ! alive 1; then seed=$((5700 + (n == 2 ? 3 : 2))); fi
    flags+=" --cluster-members=127.0.0.1:${seed} --kafka=127.0.0.1:9092 --services=gateway,orders,notifications"
  fi
  echo "$flags"
}

alive() {
  [[ -f "$state/member-$1.pid" ]] && kill -0 "$(cat "$state/member-$1.pid")" 2>/dev/null
}

ready() {
  curl -fs "http://127.0.0.1:$((8079 + $1))/health/ready" >/dev/null 2>&1
}

start_member() {
  local n=$1
  if alive "$n"; then echo "member $n is already running"; return; fi
  # shellcheck disable=SC2046
  java ${STAMPEDE_JVM_OPTS:--Xmx1g} -jar dist/stampede.jar $(member_flags "$n") >"$state/member-$n.log" 2>&1 &
  echo $! >"$state/member-$n.pid"
  for _ in $(seq 1 120); do
    if ready "$n"; then echo "member $n ready on http://127.0.0.1:$((8079 + n)) (log: $state/member-$n.log)"; return; fi
    if ! alive "$n"; then echo "member $n exited:"; tail -20 "$state/member-$n.log"; exit 1; fi
    sleep 0.5
  done
  echo "member $n did not become ready; see $state/member-$n.log"; exit 1
}

signal_member() {
  local n=$1 signal=$2
  if ! alive "$n"; then echo "member $n is not running"; return; fi
  local pid; pid=$(cat "$state/member-$n.pid")
  kill "-$signal" "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  rm -f "$state/member-$n.pid"
  echo "member $n (pid $pid) ended by SIG$signal"
}

redis_cluster_up() {
  local nodes=()
  for port in 7001 7002 7003 7004 7005 7006; do
    mkdir -p "$state/redis-$port"
    redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --cluster-enabled yes \
      --cluster-config-file nodes.conf --cluster-node-timeout 2000 --save "" --appendonly no \
      --dir "$state/redis-$port" --logfile redis.log --pidfile "$PWD/$state/redis-$port/redis.pid"
    nodes+=("127.0.0.1:$port")
  done
  sleep 1
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes >"$state/redis-cluster.log"
  touch "$state/redis-cluster"
  echo "Redis Cluster up on 127.0.0.1:7001-7006 (three masters, three replicas)"
}

redis_cluster_down() {
  for port in 7001 7002 7003 7004 7005 7006; do
    redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
    rm -rf "$state/redis-$port"
  done
  rm -f "$state/redis-cluster"
}

case "${1:-}" in
  up)
    [[ -f dist/stampede.jar ]] || ./mvnw -q -B install -DskipTests
    if [[ "${2:-}" == "--redis-cluster" ]]; then redis_cluster_up; fi
    for n in 1 2 3; do start_member "$n"; done
    ;;
  status)
    for n in 1 2 3; do
      if alive "$n"; then
        echo "member $n: pid $(cat "$state/member-$n.pid"), http :$((8079 + n)), hazelcast :$((5700 + n)), $(ready "$n" && echo ready || echo 'not ready')"
      else
        echo "member $n: not running"
      fi
    done
    ;;
  kill) signal_member "${2:?member number}" KILL ;;
  stop) signal_member "${2:?member number}" TERM ;;
  start) start_member "${2:?member number}" ;;
  down)
    for n in 3 2 1; do signal_member "$n" TERM; done
    redis_cluster_down
    ;;
  *)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
