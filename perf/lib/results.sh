# Sourced by the benchmarks that read the RESULT lines of perf's tools and wrk's scripts
# (perf/lib/orders.sh, kafka-rtt.sh). result: a RESULT line from stdin, without its label;
# field LINE NAME: one value of such a line.
result() { grep '^RESULT' | sed 's/^RESULT //'; }
field() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }
