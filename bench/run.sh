#!/usr/bin/env bash
# Throughput, calls per handoff (measured, by operation), latency, 429s and heap of the packaged integration against
# the simulator, with the seed tutorial's Python script as the baseline on the same simulator settings. Prints
# markdown tables: the steady state (a warmed-up integration, catch-up off), the real situations (a restart in
# business hours: chats already waiting and their live events at once, catch-up on, a cold JVM; a cold JVM's burst;
# chats with several events each), the calls per handoff of every run by operation, and the light-load latency.
# C is measured from the simulator's record; C_min = 1 read + history pages + 1 context + 1 transfer (see BENCHMARKS.md).
# About 15 minutes on the project's 2-core machine (bench/run.sh real: about 6).
# Usage: bench/run.sh                 (everything below, as in BENCHMARKS.md)
#        bench/run.sh steady          (the steady-state settings and the light-load latency only)
#        bench/run.sh real            (the real situations only)
#        bench/run.sh CHATS LATENCY_MS RPS                          (one steady setting, with the seed)
#        bench/run.sh CHATS LATENCY_MS RPS dfo                      (one setting, the dfo profile against the simulator's DFO mode)
#        bench/run.sh CHATS LATENCY_MS RPS SCENARIO [no-message]    (SCENARIO: restart (with the seed) | cold | multi-event | steady (no seed);
#                                                                    no-message: handoff.customer-message.enabled=false)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c 'import httpx, websockets' 2>/dev/null; then
  echo "installing the seed's Python dependencies (Debian python3-httpx, python3-websockets)" >&2
  apt-get install -y -qq python3-httpx python3-websockets >/dev/null
fi
mvn -q -DskipTests package test-compile
mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
# the integration starts from a class-data archive, as in the container image (BENCH_CDS=0: without); made again
# whenever the jar or a dependency is newer than it
[ "${BENCH_CDS:-1}" = 0 ] || bin/class-data-archive --if-stale target/cxone-handoff.jar target/cxone-handoff.jsa >&2
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
# the seed tutorial's script, the baseline: beside the repository on the project's machines, not in a clone
seed=../shared/seed/cxone-handoff-tutorial.txt
[ -f "$seed" ] || echo "no seed script at $seed: the benchmark runs without the seed comparison" >&2
# The benchmark JVM hosts the simulator, which stands in for the tenant's servers. With G1 its young
# pauses reached 115 ms once it held 50,000 recorded calls; requests that arrived meanwhile then met its
# rate limiter all at once, as a burst the integration never sent. ZGC keeps its pauses under a millisecond.
bench_jvm=(-XX:+UseZGC)
calls=$(mktemp)
trap 'rm -f "$calls"' EXIT
bench() { # HandoffBenchmark options; its table rows to stdout, its calls-by-operation rows kept for their own table
  java "${bench_jvm[@]}" -cp "$cp" io.cxonehandoff.bench.HandoffBenchmark "$@" \
    2> >(grep -v "^[0-9:. ]*INFO" >&2) | while IFS= read -r line; do
      case "$line" in
        "calls: "*) echo "${line#calls: }" >>"$calls" ;;
        *) echo "$line" ;;
      esac
    done
}
run() { # chats latency rps [seed|dfo|restart|cold|multi-event] [no-message]
  local extra=()
  case "${4:-}" in
    seed) [ -f "$seed" ] && extra=(--seed "$seed") ;;
    dfo) extra=(--profile dfo) ;;
    restart) extra=(--scenario restart); [ -f "$seed" ] && [ "${5:-}" != no-message ] && extra+=(--seed "$seed") ;;
    cold|multi-event) extra=(--scenario "$4") ;;
    steady) ;;
  esac
  [ "${5:-}" = no-message ] && extra+=(--customer-message off)
  bench --chats "$1" --latency-ms "$2" --rps "$3" "${extra[@]}"
}
header() {
  echo "| program | chats | latency ms | limit rps | handoffs/s | p50 ms | p95 ms | p99 ms | C | C_min | C_total | R/C_min | P/(C_min·L) | % of R/C_min | R/C_total | 429s | duplicates | heap MB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
}
calls_table() {
  echo
  echo "Calls per handoff, by operation (C = reads + listing pages + message pages + context + transfer; C_total adds"
  echo "the customer messages, the queue-availability checks, tokens and other calls):"
  echo
  echo "| program | latency ms | limit rps | reads | listing pages | message pages | context | transfer | C | C_min | post-message | get-queue-availability | token | other | C_total |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  cat "$calls"
  : >"$calls"
}
load() { echo "load average (1, 5, 15 min) $1: $(cut -d' ' -f1-3 /proc/loadavg)"; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1); commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src routes application.properties || echo ' + local changes'), $(date -u +%F)"
load "before"
echo
if [ $# -ge 3 ]; then
  header
  run "$1" "$2" "$3" "${4:-seed}" "${5:-}"
  calls_table
  load "after"
  exit 0
fi
what=${1:-all}
if [ "$what" = all ] || [ "$what" = real ]; then
  echo "Real situations: restart in business hours (the chats waiting before the integration starts, their live events"
  echo "the moment it subscribes, catch-up on, a cold JVM), each with the seed beside it; the same without the customer"
  echo "message; a cold JVM's burst; 4 events per chat."
  echo
  header
  run 300 100 400 restart
  run 300 100 400 restart no-message
  run 300 20 50 restart
  run 300 20 50 restart no-message
  run 300 100 400 cold
  run 300 100 400 multi-event
  calls_table
  load "after the real situations"
  echo
fi
if [ "$what" = all ] || [ "$what" = steady ]; then
  echo "Steady state: a warmed-up integration, catch-up off, one burst of events for new chats."
  echo
  header
  run 300 20 50 seed
  run 300 100 400 seed
  run 300 20 50 steady no-message
  run 300 100 400 steady no-message
  run 10000 5 2000
  run 300 20 50 dfo
  calls_table
  echo
  echo "Added latency at light load: one handoff at a time, after a paced warm-up; event to transfer request"
  echo "minus the time the simulator spent answering the calls before it (ms)."
  echo
  echo "| program | handoffs | latency ms | limit rps | added p50 | added p90 | added p99 | added max |"
  echo "|---|---|---|---|---|---|---|---|"
  java "${bench_jvm[@]}" -cp "$cp" io.cxonehandoff.bench.HandoffBenchmark --light-load on --chats 200 --latency-ms 20 --rps 1000 \
    2> >(grep -v "^[0-9:. ]*INFO" >&2)
  load "after"
fi
