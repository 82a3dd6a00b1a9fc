#!/usr/bin/env bash
# Throughput, latency, 429s and heap of the packaged integration against the simulator, with the seed
# tutorial's Python script as the baseline on the same simulator settings. Prints one markdown table.
# Usage: bench/run.sh            (the settings of BENCHMARKS.md, then the light-load latency)
#        bench/run.sh CHATS LATENCY_MS RPS   (one setting)
#        bench/run.sh CHATS LATENCY_MS RPS dfo   (one setting, the dfo profile against the simulator's DFO mode)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c 'import httpx, websockets' 2>/dev/null; then
  echo "installing the seed's Python dependencies (Debian python3-httpx, python3-websockets)" >&2
  apt-get install -y -qq python3-httpx python3-websockets >/dev/null
fi
mvn -q -DskipTests package test-compile
mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
# the seed tutorial's script, the baseline: beside the repository on the project's machines, not in a clone
seed=../shared/seed/cxone-handoff-tutorial.txt
[ -f "$seed" ] || echo "no seed script at $seed: the benchmark runs without the seed comparison" >&2
# The benchmark JVM hosts the simulator, which stands in for the tenant's servers. With G1 its young
# pauses reached 115 ms once it held 50,000 recorded calls; requests that arrived meanwhile then met its
# rate limiter all at once, as a burst the integration never sent. ZGC keeps its pauses under a millisecond.
bench_jvm=(-XX:+UseZGC)
run() { # chats latency rps [seed|dfo]
  local extra=()
  [ "${4:-}" = seed ] && [ -f "$seed" ] && extra=(--seed "$seed")
  [ "${4:-}" = dfo ] && extra=(--profile dfo)
  java "${bench_jvm[@]}" -cp "$cp" io.cxonehandoff.bench.HandoffBenchmark --chats "$1" --latency-ms "$2" --rps "$3" "${extra[@]}" \
    2> >(grep -v "^[0-9:. ]*INFO" >&2)
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo
echo "| program | chats | latency ms | limit rps | handoffs/s | p50 ms | p95 ms | p99 ms | R/C | P/(C·L) | vs binding | 429s | heap MB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
if [ $# -ge 3 ]; then
  run "$1" "$2" "$3" "${4:-seed}"
  exit 0
fi
run 300 20 50 seed
run 300 100 400 seed
run 10000 5 2000
run 300 20 50 dfo
echo
echo "Added latency at light load: one handoff at a time, after a paced warm-up; event to transfer request"
echo "minus the time the simulator spent answering the calls before it (ms)."
echo
echo "| program | handoffs | latency ms | limit rps | added p50 | added p90 | added p99 | added max |"
echo "|---|---|---|---|---|---|---|---|"
java "${bench_jvm[@]}" -cp "$cp" io.cxonehandoff.bench.HandoffBenchmark --light-load on --chats 200 --latency-ms 20 --rps 1000 \
  2> >(grep -v "^[0-9:. ]*INFO" >&2)
